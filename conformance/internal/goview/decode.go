// Package goview reads payload bytes with the real Go libraries into the
// real Go types, the way cmd/vectorize reads captures (gob into
// hcldec.ObjectSpec / cty.Value, proto.Unmarshal + FromProto, go-cty msgpack
// and JSON Unmarshal, ugorji msgpack with the SDK's handle into the SDK's own
// body types), and writes them back with the same Go libraries. It is shared
// by the programs that need Go's view of bytes they did not capture
// themselves (cmd/roundtrip).
package goview

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"net/rpc"
	"reflect"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/packer-wire/conformance/canon"
	"github.com/ugorji/go/codec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
	"google.golang.org/protobuf/proto"
)

// SDKHandle is the ugorji handle the SDK builds in rpc/server.go and rpc/client.go.
func SDKHandle() *codec.MsgpackHandle { return &codec.MsgpackHandle{WriteExt: true} }

// ErrGoPanics marks an error that is Go panicking while decoding (go-cty's
// GobDecode does for sets of numbers): Packer itself cannot read such bytes.
var ErrGoPanics = errors.New("Go's own gob decoding of cty.Value panics")

// GobSpec decodes a gob stream holding one hcldec.ObjectSpec, as the SDK's
// ConfigSpec client does. whole: bytes after the value are an error (the
// SDK ignores them).
func GobSpec(data []byte, whole bool) (hcldec.ObjectSpec, error) {
	spec := hcldec.ObjectSpec{}
	r := bytes.NewReader(data)
	if err := gob.NewDecoder(r).Decode(&spec); err != nil {
		return nil, fmt.Errorf("gob decode into hcldec.ObjectSpec: %v", err)
	}
	if whole && r.Len() != 0 {
		return nil, fmt.Errorf("%d bytes left after the spec", r.Len())
	}
	return spec, nil
}

// GobValue decodes a gob stream holding one cty.Value, as the SDK's
// Datasource.Execute client does. A panic of go-cty's GobDecode is returned
// as an error wrapping ErrGoPanics. whole: as for GobSpec.
func GobValue(data []byte, whole bool) (v cty.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrGoPanics, p)
		}
	}()
	r := bytes.NewReader(data)
	if err := gob.NewDecoder(r).Decode(&v); err != nil {
		return cty.NilVal, fmt.Errorf("gob decode into cty.Value: %v", err)
	}
	if whole && r.Len() != 0 {
		return cty.NilVal, fmt.Errorf("%d bytes left after the value", r.Len())
	}
	return v, nil
}

// ProtoSpec unmarshals protobuf Spec bytes and converts them with the SDK's
// FromProto; the result must be an object spec.
func ProtoSpec(data []byte) (*hcldec.ObjectSpec, error) {
	var ps sdkrpc.Spec
	if err := proto.Unmarshal(data, &ps); err != nil {
		return nil, fmt.Errorf("proto.Unmarshal: %v", err)
	}
	spec, err := ps.FromProto()
	if err != nil {
		return nil, fmt.Errorf("FromProto: %v", err)
	}
	o, ok := spec.(*hcldec.ObjectSpec)
	if !ok {
		return nil, fmt.Errorf("FromProto gave %T, not an object spec", spec)
	}
	return o, nil
}

// MsgpackValue is go-cty's msgpack.Unmarshal.
func MsgpackValue(data []byte, ty cty.Type) (cty.Value, error) {
	v, err := ctymsgpack.Unmarshal(data, ty)
	if err != nil {
		return cty.NilVal, fmt.Errorf("msgpack.Unmarshal: %v", err)
	}
	return v, nil
}

// JSONValue is go-cty's json.Unmarshal.
func JSONValue(data []byte, ty cty.Type) (cty.Value, error) {
	v, err := ctyjson.Unmarshal(data, ty)
	if err != nil {
		return cty.NilVal, fmt.Errorf("json.Unmarshal: %v", err)
	}
	return v, nil
}

// RpcMessage is one net/rpc message as the receiving SDK side decodes it.
type RpcMessage struct {
	Request  *rpc.Request  // set for direction "request"
	Response *rpc.Response // set for direction "response"
	BodyType reflect.Type  // the Go type the body was decoded into
	Body     reflect.Value // a pointer to the decoded body
}

var emptyStruct = reflect.TypeOf(struct{}{})

// RpcBodyType is the Go type the receiving SDK side decodes a body into: the
// server's argument type for a request, the reply type for a response, and
// net/rpc's empty struct for a failed call.
func RpcBodyType(direction, serviceMethod string, failed bool) (reflect.Type, error) {
	m, ok := canon.LookupRpcMethod(serviceMethod)
	if !ok {
		return nil, fmt.Errorf("unknown service method %q", serviceMethod)
	}
	switch direction {
	case "request":
		return m.Args, nil
	case "response":
		if failed {
			return emptyStruct, nil
		}
		return m.Reply, nil
	}
	return nil, fmt.Errorf("bad direction %q", direction)
}

// Rpc decodes header then body with the SDK's codec configuration.
func Rpc(data []byte, direction, serviceMethod string) (RpcMessage, error) {
	var out RpcMessage
	dec := codec.NewDecoderBytes(data, SDKHandle())
	failed := false
	switch direction {
	case "request":
		var h rpc.Request
		if err := dec.Decode(&h); err != nil {
			return out, fmt.Errorf("request header: %v", err)
		}
		if h.ServiceMethod != serviceMethod {
			return out, fmt.Errorf("header says %q, context %q", h.ServiceMethod, serviceMethod)
		}
		out.Request = &h
	case "response":
		var h rpc.Response
		if err := dec.Decode(&h); err != nil {
			return out, fmt.Errorf("response header: %v", err)
		}
		if h.ServiceMethod != serviceMethod {
			return out, fmt.Errorf("header says %q, context %q", h.ServiceMethod, serviceMethod)
		}
		out.Response = &h
		failed = h.Error != ""
	default:
		return out, fmt.Errorf("bad direction %q", direction)
	}
	bodyT, err := RpcBodyType(direction, serviceMethod, failed)
	if err != nil {
		return out, err
	}
	headerLen := dec.NumBytesRead()
	target := reflect.New(canon.DecodeType(bodyT))
	if err := dec.Decode(target.Interface()); err != nil {
		return out, fmt.Errorf("body into %s: %v", bodyT, err)
	}
	if n := dec.NumBytesRead(); n != len(data) {
		return out, fmt.Errorf("%d of %d bytes consumed", n, len(data))
	}
	if bodyT == emptyStruct && !bytes.Equal(data[headerLen:], []byte{0x80}) {
		return out, fmt.Errorf("error response body is % x, not an empty map", data[headerLen:])
	}
	out.BodyType = bodyT
	out.Body = target
	return out, nil
}

// RpcCanonical is the expect form of an rpc vector: {"header", "body"}.
func RpcCanonical(m RpcMessage) (canon.Node, error) {
	var h any = m.Request
	if m.Response != nil {
		h = m.Response
	}
	hn, err := canon.RpcValue(h)
	if err != nil {
		return nil, err
	}
	body, err := canon.RpcBody(m.Body.Elem().Interface())
	if err != nil {
		return nil, err
	}
	return map[string]any{"header": hn, "body": body}, nil
}

// GobGeneric decodes each top-level value of a gob stream into the given Go
// type, in order, and returns the decoded values (pointers to them) with
// their canonical GobValue: built from the decoded Go value and checked
// against an independent walk of the wire (also returned), which supplies
// the wire names.
func GobGeneric(data []byte, types []reflect.Type) (*canon.GobStream, []reflect.Value, []canon.Node, error) {
	st, err := canon.ParseGob(data)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("walking gob stream: %v", err)
	}
	if len(st.Values) != len(types) {
		return nil, nil, nil, fmt.Errorf("wire has %d values, case has %d", len(st.Values), len(types))
	}
	r := bytes.NewReader(data)
	dec := gob.NewDecoder(r)
	var values []reflect.Value
	var nodes []canon.Node
	for i, t := range types {
		target := reflect.New(t)
		if err := dec.DecodeValue(target); err != nil {
			return nil, nil, nil, fmt.Errorf("value %d: gob decode into %s: %v", i, t, err)
		}
		fromGo, err := canon.GobValue(target.Elem())
		if err != nil {
			return nil, nil, nil, fmt.Errorf("value %d: %v", i, err)
		}
		merged, err := canon.MergeGobValue(fromGo, st.Values[i])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("value %d (%s): Go view and wire disagree: %v", i, t, err)
		}
		values = append(values, target)
		nodes = append(nodes, merged)
	}
	if r.Len() != 0 {
		return nil, nil, nil, fmt.Errorf("%d bytes left after decoding", r.Len())
	}
	return st, values, nodes, nil
}
