package goview

import (
	"bytes"
	"encoding/gob"
	"fmt"
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

// The writers below do what the SDK's sending side does with the same Go
// value (rpc/common.go ConfigSpec, rpc/datasource.go Execute, ...).

// EncodeGob is `gob.NewEncoder(b).Encode(v)` (ConfigSpec/OutputSpec with an
// hcldec.ObjectSpec, Execute with a cty.Value).
func EncodeGob(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// EncodeGobValues writes each value on one gob.Encoder, in order.
func EncodeGobValues(values []reflect.Value) ([]byte, error) {
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	for i, v := range values {
		if err := enc.EncodeValue(v); err != nil {
			return nil, fmt.Errorf("value %d: %v", i, err)
		}
	}
	return b.Bytes(), nil
}

// PluginForm rebuilds a spec the way plugins write them (hcldec.ObjectSpec
// values, not the *hcldec.ObjectSpec pointers FromProto returns, which the
// SDK's ToProto does not accept), through its canonical form.
func PluginForm(s hcldec.Spec) (hcldec.ObjectSpec, error) {
	n, err := canon.Spec(s)
	if err != nil {
		return nil, err
	}
	rebuilt, err := canon.SpecFromCanonical(n)
	if err != nil {
		return nil, err
	}
	o, ok := rebuilt.(hcldec.ObjectSpec)
	if !ok {
		return nil, fmt.Errorf("spec is %T, not an object spec", rebuilt)
	}
	return o, nil
}

// ProtoOf is the SDK's ToProto followed by proto.Marshal (hcl2SpecToProtobuf).
func ProtoOf(spec hcldec.ObjectSpec) (*sdkrpc.Spec, []byte, error) {
	p, err := sdkrpc.ToProto(spec)
	if err != nil {
		return nil, nil, fmt.Errorf("ToProto: %v", err)
	}
	b, err := proto.Marshal(p)
	if err != nil {
		return nil, nil, fmt.Errorf("proto.Marshal: %v", err)
	}
	return p, b, nil
}

// EncodeMsgpack is go-cty's msgpack.Marshal.
func EncodeMsgpack(v cty.Value, ty cty.Type) ([]byte, error) { return ctymsgpack.Marshal(v, ty) }

// EncodeJSON is go-cty's json.Marshal.
func EncodeJSON(v cty.Value, ty cty.Type) ([]byte, error) { return ctyjson.Marshal(v, ty) }

type bufConn struct{ bytes.Buffer }

func (*bufConn) Close() error { return nil }

// EncodeRpc writes one message with the SDK's codec: a request through
// codec.GoRpc's client codec, a response through its server codec (body
// struct{}{} for a failed call, as net/rpc does).
func EncodeRpc(m RpcMessage) ([]byte, error) {
	conn := &bufConn{}
	body := m.Body.Interface()
	if m.Request != nil {
		c := codec.GoRpc.ClientCodec(conn, SDKHandle())
		if err := c.WriteRequest(m.Request, body); err != nil {
			return nil, err
		}
		return conn.Bytes(), nil
	}
	if m.Response == nil {
		return nil, fmt.Errorf("rpc message without header")
	}
	if m.Response.Error != "" {
		body = struct{}{}
	}
	c := codec.GoRpc.ServerCodec(conn, SDKHandle())
	if err := c.WriteResponse(m.Response, body); err != nil {
		return nil, err
	}
	return conn.Bytes(), nil
}
