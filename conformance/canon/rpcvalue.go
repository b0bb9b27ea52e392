package canon

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

var timeType = reflect.TypeOf(time.Time{})

// RpcValue returns the canonical RpcValue of a Go value decoded (or about to
// be encoded) by the SDK's ugorji msgpack codec.
func RpcValue(v any) (Node, error) {
	return rpcValue(reflect.ValueOf(v), 0)
}

// RpcBody is RpcValue for a whole request/response body: additionally, a
// top-level struct field `Configs []interface{}` (Prepare/Configure args)
// has its []byte elements that hold cty JSON written as {"$cty": CtyValue},
// mirroring the SDK's decodeCTYValues. A []byte element that is not valid
// cty JSON stays {"$bytes": …}.
func RpcBody(body any) (Node, error) {
	rv := reflect.ValueOf(body)
	for rv.IsValid() && rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.IsValid() && rv.Kind() == reflect.Struct {
		if f, ok := rv.Type().FieldByName("Configs"); ok && f.Type == reflect.TypeOf([]any(nil)) {
			n, err := rpcValue(rv, 0)
			if err != nil {
				return nil, err
			}
			obj := n.(map[string]any)
			cfgs := rv.FieldByIndex(f.Index)
			if cfgs.IsNil() {
				return obj, nil
			}
			list := obj["Configs"].([]any)
			for i := 0; i < cfgs.Len(); i++ {
				if b, ok := cfgs.Index(i).Interface().([]byte); ok && b != nil {
					if cv, err := CtyConfig(b); err == nil {
						list[i] = Tag("$cty", cv)
					}
				}
			}
			return obj, nil
		}
	}
	return rpcValue(rv, 0)
}

// CtyConfig decodes a Configs element the way the SDK server does
// (json.Unmarshal with cty.DynamicPseudoType) and canonicalises it.
func CtyConfig(b []byte) (Node, error) {
	v, err := ctyjson.Unmarshal(b, cty.DynamicPseudoType)
	if err != nil {
		return nil, err
	}
	return CtyValue(v, false)
}

func rpcValue(v reflect.Value, depth int) (Node, error) {
	if depth > 1000 {
		return nil, fmt.Errorf("canon: rpc value nesting too deep")
	}
	if !v.IsValid() {
		return nil, nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, nil
		}
		return rpcValue(v.Elem(), depth+1)
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		if t.IsZero() {
			return nil, nil
		}
		return Tag("$time", t.UTC().Format(time.RFC3339Nano)), nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Tag("$int", strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return Tag("$uint", strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.Float32:
		return Tag("$float32", FloatText(v.Float())), nil
	case reflect.Float64:
		return Tag("$float64", FloatText(v.Float())), nil
	case reflect.String:
		return v.String(), nil
	case reflect.Slice:
		if v.IsNil() {
			return nil, nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return Tag("$bytes", base64.StdEncoding.EncodeToString(v.Bytes())), nil
		}
		fallthrough
	case reflect.Array:
		out := []any{}
		for i := 0; i < v.Len(); i++ {
			n, err := rpcValue(v.Index(i), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return out, nil
	case reflect.Map:
		if v.IsNil() {
			return nil, nil
		}
		if v.Type().Key().Kind() == reflect.String {
			out := map[string]any{}
			it := v.MapRange()
			for it.Next() {
				n, err := rpcValue(it.Value(), depth+1)
				if err != nil {
					return nil, err
				}
				out[EscapeKey(it.Key().String())] = n
			}
			return out, nil
		}
		out := []any{}
		it := v.MapRange()
		for it.Next() {
			k, err := rpcValue(it.Key(), depth+1)
			if err != nil {
				return nil, err
			}
			e, err := rpcValue(it.Value(), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, []any{k, e})
		}
		return sortMaps(Tag("$map", out)), nil
	case reflect.Struct:
		out := map[string]any{}
		if err := rpcStructFields(v, out, depth); err != nil {
			return nil, err
		}
		return out, nil
	}
	return nil, fmt.Errorf("canon: no rpc form for %s", v.Type())
}

// rpcStructFields lists the fields ugorji writes for a struct without codec
// tags: every exported field, with anonymous (embedded) struct fields
// flattened into the parent as ugorji does.
func rpcStructFields(v reflect.Value, out map[string]any, depth int) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Tag.Get("codec") == "-" {
			continue
		}
		if f.Anonymous {
			ft := f.Type
			fv := v.Field(i)
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if ft.Kind() == reflect.Struct && f.Tag.Get("codec") == "" {
				if err := rpcStructFields(fv, out, depth+1); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		n, err := rpcValue(v.Field(i), depth+1)
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t, f.Name, err)
		}
		out[EscapeKey(f.Name)] = n
	}
	return nil
}
