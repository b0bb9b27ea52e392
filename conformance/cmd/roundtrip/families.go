package main

import (
	"fmt"
	"reflect"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/goview"
	"github.com/zclconf/go-cty/cty"
)

// family is one vector family's Go side: bytes -> Go value (+ canonical),
// Go value -> bytes, and canonical -> Go value.
type family struct {
	decode func(data []byte, ctx map[string]any) (any, canon.Node, error)
	encode func(v any, ctx map[string]any) (b []byte, deterministic bool, err error)
	build  func(n canon.Node, ctx map[string]any) (any, error)
}

var families = map[string]family{
	"gob-spec": {
		decode: func(data []byte, _ map[string]any) (any, canon.Node, error) {
			s, err := goview.GobSpec(data, true)
			if err != nil {
				return nil, nil, err
			}
			n, err := canon.Spec(s)
			return s, n, err
		},
		encode: func(v any, _ map[string]any) ([]byte, bool, error) {
			s := v.(hcldec.ObjectSpec)
			b, err := goview.EncodeGob(s)
			if err != nil && goview.FixSpecNumbers(s) == nil {
				// As for gob-value: LiteralSpec values as a plugin holds them.
				b, err = goview.EncodeGob(s)
			}
			return b, goview.Deterministic(reflect.ValueOf(s)), err
		},
		build: func(n canon.Node, _ map[string]any) (any, error) {
			s, err := canon.SpecFromCanonical(n)
			if err != nil {
				return nil, err
			}
			o, ok := s.(hcldec.ObjectSpec)
			if !ok {
				return nil, fmt.Errorf("a gob-spec payload is an $object, not %T", s)
			}
			return o, nil
		},
	},
	"gob-value": {
		decode: func(data []byte, _ map[string]any) (any, canon.Node, error) {
			v, err := goview.GobValue(data, true)
			if err != nil {
				return nil, nil, err
			}
			n, err := canon.CtyValue(v, true)
			return v, n, err
		},
		encode: func(v any, _ map[string]any) ([]byte, bool, error) {
			cv := v.(cty.Value)
			b, err := goview.EncodeGob(cv)
			if err != nil {
				// Numbers nested in collections come out of GobDecode in a
				// form gob cannot write again: write the value as a plugin
				// holds it (goview.PluginValue).
				if fixed, ferr := goview.PluginValue(cv); ferr == nil {
					cv = fixed
					b, err = goview.EncodeGob(cv)
				}
			}
			return b, goview.Deterministic(reflect.ValueOf(cv)), err
		},
		build: func(n canon.Node, _ map[string]any) (any, error) { return canon.CtyValueFromCanonical(n) },
	},
	"proto-spec": {
		decode: func(data []byte, _ map[string]any) (any, canon.Node, error) {
			s, err := goview.ProtoSpec(data)
			if err != nil {
				return nil, nil, err
			}
			n, err := canon.Spec(s)
			return s, n, err
		},
		encode: func(v any, _ map[string]any) ([]byte, bool, error) {
			plugin, err := goview.PluginForm(v.(hcldec.Spec))
			if err != nil {
				return nil, false, err
			}
			p, b, err := goview.ProtoOf(plugin)
			if err != nil {
				return nil, false, err
			}
			return b, goview.ProtoDeterministic(p.ProtoReflect()), nil
		},
		build: func(n canon.Node, _ map[string]any) (any, error) { return canon.SpecFromCanonical(n) },
	},
	"msgpack-value": ctyFamily(goview.MsgpackValue, goview.EncodeMsgpack),
	"json-value":    ctyFamily(goview.JSONValue, goview.EncodeJSON),
	"gob-generic": {
		decode: func(data []byte, ctx map[string]any) (any, canon.Node, error) {
			ts, err := contextGoTypes(ctx)
			if err != nil {
				return nil, nil, err
			}
			_, vs, ns, err := goview.GobGeneric(data, ts)
			if err != nil {
				return nil, nil, err
			}
			return vs, map[string]any{"values": nodeList(ns)}, nil
		},
		encode: func(v any, _ map[string]any) ([]byte, bool, error) {
			vs := v.([]reflect.Value)
			elems := make([]reflect.Value, len(vs))
			det := true
			for i, p := range vs {
				elems[i] = p.Elem()
				det = det && goview.Deterministic(p)
			}
			b, err := goview.EncodeGobValues(elems)
			return b, det, err
		},
		build: buildGobGeneric,
	},
	"rpc": {
		decode: func(data []byte, ctx map[string]any) (any, canon.Node, error) {
			dir, sm := str(ctx, "direction"), str(ctx, "serviceMethod")
			m, err := goview.Rpc(data, dir, sm)
			if err != nil {
				return nil, nil, err
			}
			n, err := goview.RpcCanonical(m)
			return m, n, err
		},
		encode: func(v any, _ map[string]any) ([]byte, bool, error) {
			m := v.(goview.RpcMessage)
			b, err := goview.EncodeRpc(m)
			det := goview.Deterministic(m.Body) && goview.Deterministic(reflect.ValueOf(m.Request)) && goview.Deterministic(reflect.ValueOf(m.Response))
			return b, det, err
		},
		build: buildRpc,
	},
}

func ctyFamily(dec func([]byte, cty.Type) (cty.Value, error), enc func(cty.Value, cty.Type) ([]byte, error)) family {
	return family{
		decode: func(data []byte, ctx map[string]any) (any, canon.Node, error) {
			ty, err := contextType(ctx)
			if err != nil {
				return nil, nil, err
			}
			v, err := dec(data, ty)
			if err != nil {
				return nil, nil, err
			}
			n, err := canon.CtyValue(v, false)
			return v, n, err
		},
		// go-cty's msgpack and JSON writers sort map keys and attribute
		// names and write sets in ElementIterator order: always the same bytes.
		encode: func(v any, ctx map[string]any) ([]byte, bool, error) {
			ty, err := contextType(ctx)
			if err != nil {
				return nil, false, err
			}
			b, err := enc(v.(cty.Value), ty)
			return b, true, err
		},
		build: func(n canon.Node, _ map[string]any) (any, error) { return canon.CtyValueFromCanonical(n) },
	}
}

func contextType(ctx map[string]any) (cty.Type, error) {
	n, ok := ctx["type"]
	if !ok {
		return cty.NilType, fmt.Errorf("no context.type")
	}
	ty, err := canon.CtyTypeFromCanonical(n)
	if err != nil {
		return cty.NilType, fmt.Errorf("context.type: %v", err)
	}
	return ty, nil
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func nodeList(ns []canon.Node) []any {
	out := make([]any, len(ns))
	copy(out, ns)
	return out
}
