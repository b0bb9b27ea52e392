package gobench

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"math/big"
	"net/rpc"
	"reflect"
	"strings"
	"unsafe"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/gobcases"
	"github.com/ugorji/go/codec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
	"google.golang.org/protobuf/proto"
)

// Codec is the Go hot path of one case: bytes -> Go value -> bytes.
type Codec struct {
	Decode func([]byte) (any, error)
	Encode func(any) ([]byte, error)
	// EncodeInput, when set, turns a decoded value into what the encoding side
	// holds (run once, outside the timed loop).
	EncodeInput func(any) any
}

// CodecFor returns the Go codec for a case's family, or an error saying why
// there is none (the TypeScript bench then leaves the Go column empty).
func CodecFor(c Case) (Codec, error) {
	switch c.Family {
	case "gob-spec":
		return gobSpecCodec(), nil
	case "gob-value":
		return gobValueCodec(), nil
	case "gob-generic":
		return gobGenericCodec(c)
	case "proto-spec":
		return protoSpecCodec(), nil
	case "msgpack-value", "json-value":
		return ctyCodec(c)
	case "rpc":
		return rpcCodec(c)
	}
	return Codec{}, fmt.Errorf("no Go codec for family %q", c.Family)
}

// gob-spec: what the SDK's ConfigSpec client and server do (rpc/common.go),
// a fresh gob Decoder/Encoder per payload.
func gobSpecCodec() Codec {
	var buf bytes.Buffer
	return Codec{
		Decode: func(b []byte) (any, error) {
			res := hcldec.ObjectSpec{}
			err := gob.NewDecoder(bytes.NewReader(b)).Decode(&res)
			return res, err
		},
		Encode: func(v any) ([]byte, error) {
			buf.Reset()
			err := gob.NewEncoder(&buf).Encode(v.(hcldec.ObjectSpec))
			return buf.Bytes(), err
		},
	}
}

// gob-value: what the SDK's Datasource.Execute does in gob mode
// (rpc/datasource.go): a fresh gob Decoder/Encoder per payload around one
// cty.Value, whose GobDecode/GobEncode (the go-cty fork) run nested streams.
func gobValueCodec() Codec {
	var buf bytes.Buffer
	return Codec{
		Decode: func(b []byte) (any, error) {
			var v cty.Value
			err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v)
			return v, err
		},
		// A gob-decoded value keeps numbers inside collections as big.Float
		// values, which gob cannot encode again (unaddressable); a plugin
		// holds them as *big.Float (cty.NumberVal), so rebuild them so.
		EncodeInput: func(v any) any {
			out, err := cty.Transform(v.(cty.Value), func(_ cty.Path, x cty.Value) (cty.Value, error) {
				if x.IsKnown() && !x.IsNull() && x.Type() == cty.Number {
					if f := numberOf(x); f != nil {
						return cty.NumberVal(f), nil
					}
				}
				return x, nil
			})
			if err != nil {
				return v
			}
			return out
		},
		Encode: func(v any) ([]byte, error) {
			buf.Reset()
			err := gob.NewEncoder(&buf).Encode(v.(cty.Value))
			return buf.Bytes(), err
		},
	}
}

// numberOf reads a known number's *big.Float, also where gob decoding left a
// big.Float value inside (cty's AsBigFloat panics there). It reads the
// unexported field cty.Value.v, so the bench only; nil if the layout differs.
func numberOf(x cty.Value) *big.Float {
	fv := reflect.ValueOf(&x).Elem().FieldByName("v")
	if !fv.IsValid() || fv.Kind() != reflect.Interface {
		return nil
	}
	switch f := reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Elem().Interface().(type) {
	case *big.Float:
		return new(big.Float).Copy(f)
	case big.Float:
		return new(big.Float).Copy(&f)
	}
	return nil
}

// proto-spec: proto.Unmarshal + FromProto, ToProto + proto.Marshal (rpc/common.go).
func protoSpecCodec() Codec {
	return Codec{
		Decode: func(b []byte) (any, error) {
			s := &sdkrpc.Spec{}
			if err := proto.Unmarshal(b, s); err != nil {
				return nil, err
			}
			spec, err := s.FromProto()
			if err != nil {
				return nil, err
			}
			obj, ok := spec.(*hcldec.ObjectSpec)
			if !ok {
				return nil, fmt.Errorf("FromProto gave %T, not an object spec", spec)
			}
			return *obj, nil
		},
		// FromProto gives nested objects as *hcldec.ObjectSpec, which ToProto
		// refuses; a plugin holds them as values, as the gob path does.
		EncodeInput: func(v any) any { return objectsByValue(v.(hcldec.ObjectSpec)) },
		Encode: func(v any) ([]byte, error) {
			p, err := sdkrpc.ToProto(v.(hcldec.ObjectSpec))
			if err != nil {
				return nil, err
			}
			return proto.Marshal(p)
		},
	}
}

// objectsByValue copies a spec with every *hcldec.ObjectSpec replaced by its value.
func objectsByValue(o hcldec.ObjectSpec) hcldec.ObjectSpec {
	out := make(hcldec.ObjectSpec, len(o))
	for k, s := range o {
		out[k] = specByValue(s)
	}
	return out
}

func specByValue(s hcldec.Spec) hcldec.Spec {
	switch t := s.(type) {
	case *hcldec.ObjectSpec:
		return objectsByValue(*t)
	case hcldec.ObjectSpec:
		return objectsByValue(t)
	case *hcldec.BlockSpec:
		c := *t
		c.Nested = specByValue(t.Nested)
		return &c
	case *hcldec.BlockListSpec:
		c := *t
		c.Nested = specByValue(t.Nested)
		return &c
	}
	return s
}

// msgpack-value / json-value: go-cty's Marshal/Unmarshal with context.type.
func ctyCodec(c Case) (Codec, error) {
	tj, err := json.Marshal(c.Context["type"])
	if err != nil || c.Context["type"] == nil {
		return Codec{}, fmt.Errorf("case %s: context.type missing", c.Name)
	}
	ty, err := ctyjson.UnmarshalType(tj)
	if err != nil {
		return Codec{}, fmt.Errorf("case %s: context.type: %w", c.Name, err)
	}
	if c.Family == "json-value" {
		return Codec{
			Decode: func(b []byte) (any, error) { return ctyjson.Unmarshal(b, ty) },
			Encode: func(v any) ([]byte, error) { return ctyjson.Marshal(v.(cty.Value), ty) },
		}, nil
	}
	return Codec{
		Decode: func(b []byte) (any, error) { return ctymsgpack.Unmarshal(b, ty) },
		Encode: func(v any) ([]byte, error) { return ctymsgpack.Marshal(v.(cty.Value), ty) },
	}, nil
}

// gobGenericTypes maps context.goTypes entries to Go types this package can
// name, for gob-generic vectors that do not come from the harness's case table.
var gobGenericTypes = map[string]reflect.Type{
	"bool":                    reflect.TypeOf(false),
	"int":                     reflect.TypeOf(0),
	"int64":                   reflect.TypeOf(int64(0)),
	"uint":                    reflect.TypeOf(uint(0)),
	"uint64":                  reflect.TypeOf(uint64(0)),
	"float64":                 reflect.TypeOf(float64(0)),
	"string":                  reflect.TypeOf(""),
	"[]uint8":                 reflect.TypeOf([]byte(nil)),
	"[]string":                reflect.TypeOf([]string(nil)),
	"[]interface {}":          reflect.TypeOf([]any(nil)),
	"map[string]string":       reflect.TypeOf(map[string]string(nil)),
	"*map[string]string":      reflect.TypeOf(map[string]string(nil)),
	"map[string]interface {}": reflect.TypeOf(map[string]any(nil)),
	"*rpc.BasicError":         reflect.TypeOf(sdkrpc.BasicError{}),
	"rpc.BasicError":          reflect.TypeOf(sdkrpc.BasicError{}),
	"hcldec.ObjectSpec":       reflect.TypeOf(hcldec.ObjectSpec(nil)),
	"cty.Value":               reflect.TypeOf(cty.Value{}),
	"*cty.Value":              reflect.TypeOf(cty.Value{}),
}

// gob-generic: one Decoder/Encoder per stream, one Decode/Encode per
// top-level value. The Go types (and the values Go encoded) come from the
// harness's case table by context.case (or the vector id); failing that, context.goTypes names
// types this package knows.
func gobGenericCodec(c Case) (Codec, error) {
	types, values, err := gobGenericTypesOf(c)
	if err != nil {
		return Codec{}, err
	}
	var buf bytes.Buffer
	return Codec{
		Decode: func(b []byte) (any, error) {
			d := gob.NewDecoder(bytes.NewReader(b))
			out := make([]any, len(types))
			for i, t := range types {
				p := reflect.New(t)
				if err := d.DecodeValue(p); err != nil {
					return nil, err
				}
				out[i] = p.Elem().Interface()
			}
			return out, nil
		},
		EncodeInput: func(decoded any) any {
			if values != nil {
				return values
			}
			return decoded
		},
		Encode: func(v any) ([]byte, error) {
			buf.Reset()
			e := gob.NewEncoder(&buf)
			for _, x := range v.([]any) {
				if err := e.Encode(x); err != nil {
					return nil, err
				}
			}
			return buf.Bytes(), nil
		},
	}, nil
}

func gobGenericTypesOf(c Case) ([]reflect.Type, []any, error) {
	name := c.ctxString("case")
	if name == "" {
		// cmd/payloads names gob-generic captures "harness-<case>".
		name = strings.TrimPrefix(c.ID, "gob-generic/harness-")
	}
	if name != "" {
		for _, gc := range gobcases.Cases() {
			if gc.Name != name {
				continue
			}
			vs := gc.Values()
			ts := make([]reflect.Type, len(vs))
			for i, v := range vs {
				if ts[i] = reflect.TypeOf(v); ts[i] == nil {
					return nil, nil, fmt.Errorf("gob-generic case %q value %d is a nil interface", name, i)
				}
			}
			return ts, vs, nil
		}
	}
	raw, _ := c.Context["goTypes"].([]any)
	if len(raw) == 0 {
		return nil, nil, fmt.Errorf("case %s: neither context.case nor context.goTypes names the Go types", c.Name)
	}
	ts := make([]reflect.Type, len(raw))
	for i, r := range raw {
		s, _ := r.(string)
		t, ok := gobGenericTypes[s]
		if !ok {
			return nil, nil, fmt.Errorf("Go type %q is not importable by the bench", s)
		}
		ts[i] = t
	}
	return ts, nil, nil
}

// rpcFrame is one decoded net/rpc message: header and body.
type rpcFrame struct {
	req  *rpc.Request
	resp *rpc.Response
	body reflect.Value // pointer to the body
}

// rpc: the SDK's net/rpc codec (ugorji GoRpc over MsgpackHandle{WriteExt:
// true}, rpc/server.go), one Encoder/Decoder reused as on a connection.
// Prepare/Configure configs are turned into cty values as the SDK does right
// after decoding (rpc/cty_encode.go decodeCTYValues) and back before encoding
// (encodeCTYValues), because our rpc codec does both as part of the message.
func rpcCodec(c Case) (Codec, error) {
	sm, dir := c.ctxString("serviceMethod"), c.ctxString("direction")
	m, ok := canon.LookupRpcMethod(sm)
	if !ok {
		return Codec{}, fmt.Errorf("unknown rpc method %q", sm)
	}
	bodyT := m.Args
	if dir == "response" {
		bodyT = m.Reply
	} else if dir != "request" {
		return Codec{}, fmt.Errorf("context.direction %q", dir)
	}
	bodyT = canon.DecodeType(bodyT)
	h := &codec.MsgpackHandle{WriteExt: true}
	dec := codec.NewDecoderBytes(nil, h)
	var out []byte
	enc := codec.NewEncoderBytes(&out, h)
	return Codec{
		Decode: func(b []byte) (any, error) {
			dec.ResetBytes(b)
			f := rpcFrame{body: reflect.New(bodyT)}
			var err error
			if dir == "request" {
				f.req = &rpc.Request{}
				err = dec.Decode(f.req)
			} else {
				f.resp = &rpc.Response{}
				err = dec.Decode(f.resp)
			}
			if err != nil {
				return nil, err
			}
			if f.resp != nil && f.resp.Error != "" {
				// net/rpc reads a failed call's body into nil (ugorji skips it)
				// and the server writes an empty struct there.
				f.body = reflect.ValueOf(&struct{}{})
				return f, dec.Decode(new(any))
			}
			if err := dec.Decode(f.body.Interface()); err != nil {
				return nil, err
			}
			return f, convertConfigs(f.body, true)
		},
		Encode: func(v any) ([]byte, error) {
			f := v.(rpcFrame)
			// The SDK's client replaces cty values in place before writing; work on a copy.
			body := reflect.New(f.body.Elem().Type())
			body.Elem().Set(f.body.Elem())
			if err := convertConfigs(body, false); err != nil {
				return nil, err
			}
			out = out[:0]
			enc.ResetBytes(&out)
			var hdr any = f.req
			if f.resp != nil {
				hdr = f.resp
			}
			if err := enc.Encode(hdr); err != nil {
				return nil, err
			}
			if err := enc.Encode(body.Interface()); err != nil {
				return nil, err
			}
			return out, nil
		},
	}, nil
}

// configs returns a body's Configs []interface{} field, if it has one.
func configs(body reflect.Value) (reflect.Value, bool) {
	e := body.Elem()
	if e.Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	f := e.FieldByName("Configs")
	if !f.IsValid() || f.Type() != reflect.TypeOf([]any(nil)) {
		return reflect.Value{}, false
	}
	return f, true
}

// convertConfigs does what the SDK's decodeCTYValues (toCty) or
// encodeCTYValues (!toCty) does to a Configs slice; encoding works on a copy
// of the slice so the decoded frame stays as it was.
func convertConfigs(body reflect.Value, toCty bool) error {
	f, ok := configs(body)
	if !ok || f.IsNil() {
		return nil
	}
	cfg := f.Interface().([]any)
	if !toCty {
		cfg = append([]any(nil), cfg...)
		f.Set(reflect.ValueOf(cfg))
	}
	for i, x := range cfg {
		if toCty {
			if b, ok := x.([]byte); ok {
				v, err := ctyjson.Unmarshal(b, cty.DynamicPseudoType)
				if err != nil {
					return err
				}
				cfg[i] = v
			}
		} else if v, ok := x.(cty.Value); ok {
			b, err := ctyjson.Marshal(v, cty.DynamicPseudoType)
			if err != nil {
				return err
			}
			cfg[i] = b
		}
	}
	return nil
}

// MapRpcBody returns a copy of a decoded rpc frame (from an rpc codec's
// Decode) with the body replaced by f(body) and the header's sequence number
// set to seq; cmd/corpus varies frames with it.
func MapRpcBody(frame any, seq uint64, f func(reflect.Value) reflect.Value) any {
	fr := frame.(rpcFrame)
	out := rpcFrame{body: reflect.New(fr.body.Elem().Type())}
	out.body.Elem().Set(f(fr.body.Elem()))
	if fr.req != nil {
		r := *fr.req
		r.Seq = seq
		out.req = &r
	}
	if fr.resp != nil {
		r := *fr.resp
		r.Seq = seq
		out.resp = &r
	}
	return out
}
