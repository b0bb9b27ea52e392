package main

import (
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/packer-wire/conformance/canon"
)

// buildGobGeneric builds the Go values of {"values": [GobValue, …]} as the
// types named in the context.
func buildGobGeneric(n canon.Node, ctx map[string]any) (any, error) {
	ts, err := contextGoTypes(ctx)
	if err != nil {
		return nil, err
	}
	m, _ := n.(map[string]any)
	vals, ok := m["values"].([]any)
	if !ok || len(m) != 1 {
		return nil, fmt.Errorf(`gob-generic canonical must be {"values": [...]}`)
	}
	if len(vals) != len(ts) {
		return nil, fmt.Errorf("%d values for %d Go types", len(vals), len(ts))
	}
	out := make([]reflect.Value, len(ts))
	for i, t := range ts {
		p := reflect.New(t)
		if err := gobFromCanonical(p.Elem(), vals[i], 0); err != nil {
			return nil, fmt.Errorf("value %d (%s): %v", i, t, err)
		}
		out[i] = p
	}
	return out, nil
}

func tagBody(n canon.Node) (string, canon.Node, bool) {
	m, ok := n.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		return k, v, true
	}
	return "", nil, false
}

func parseGoFloat(s string) (float64, error) {
	switch s {
	case "NaN":
		return math.NaN(), nil
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "-0":
		return math.Copysign(0, -1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// gobFromCanonical sets dst (settable) from a GobValue node. Pointers are
// allocated as gob's decoder allocates them.
func gobFromCanonical(dst reflect.Value, n canon.Node, depth int) error {
	if depth > 500 {
		return fmt.Errorf("nesting too deep")
	}
	t := dst.Type()
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		if err := gobFromCanonical(p.Elem(), n, depth+1); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	tag, body, ok := tagBody(n)
	if !ok {
		return fmt.Errorf("not a GobValue node for %s", t)
	}
	want := func(tags ...string) error {
		for _, x := range tags {
			if x == tag {
				return nil
			}
		}
		return fmt.Errorf("%s node for Go type %s", tag, t)
	}
	s, _ := body.(string)
	switch t.Kind() {
	case reflect.Bool:
		b, isBool := body.(bool)
		if err := want("$bool"); err != nil || !isBool {
			return fmt.Errorf("%s node for Go type %s", tag, t)
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if err := want("$int"); err != nil {
			return err
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return fmt.Errorf("%q does not fit %s", s, t)
		}
		dst.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if err := want("$uint"); err != nil {
			return err
		}
		u, err := strconv.ParseUint(s, 10, 64)
		if err != nil || dst.OverflowUint(u) {
			return fmt.Errorf("%q does not fit %s", s, t)
		}
		dst.SetUint(u)
	case reflect.Float32, reflect.Float64:
		if err := want("$float"); err != nil {
			return err
		}
		f, err := parseGoFloat(s)
		if err != nil {
			return err
		}
		dst.SetFloat(f)
	case reflect.Complex64, reflect.Complex128:
		if err := want("$complex"); err != nil {
			return err
		}
		l, _ := body.([]any)
		if len(l) != 2 {
			return fmt.Errorf("$complex needs [re, im]")
		}
		re, err1 := parseGoFloat(fmt.Sprint(l[0]))
		im, err2 := parseGoFloat(fmt.Sprint(l[1]))
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad $complex %v", l)
		}
		dst.SetComplex(complex(re, im))
	case reflect.String:
		switch tag {
		case "$string":
			dst.SetString(s)
		case "$stringBytes":
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return err
			}
			dst.SetString(string(b))
		default:
			return want("$string")
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			if err := want("$bytes"); err != nil {
				return err
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return err
			}
			v := reflect.MakeSlice(t, len(b), len(b))
			reflect.Copy(v, reflect.ValueOf(b))
			dst.Set(v)
			return nil
		}
		if err := want("$slice"); err != nil {
			return err
		}
		l, _ := body.([]any)
		v := reflect.MakeSlice(t, len(l), len(l))
		for i, e := range l {
			if err := gobFromCanonical(v.Index(i), e, depth+1); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		dst.Set(v)
	case reflect.Array:
		if err := want("$array"); err != nil {
			return err
		}
		l, _ := body.([]any)
		if len(l) != t.Len() {
			return fmt.Errorf("%d elements for %s", len(l), t)
		}
		for i, e := range l {
			if err := gobFromCanonical(dst.Index(i), e, depth+1); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
	case reflect.Map:
		if err := want("$map"); err != nil {
			return err
		}
		l, _ := body.([]any)
		v := reflect.MakeMapWithSize(t, len(l))
		for i, p := range l {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				return fmt.Errorf("map entry %d is not [key, value]", i)
			}
			k := reflect.New(t.Key()).Elem()
			e := reflect.New(t.Elem()).Elem()
			if err := gobFromCanonical(k, kv[0], depth+1); err != nil {
				return fmt.Errorf("map key %d: %v", i, err)
			}
			if err := gobFromCanonical(e, kv[1], depth+1); err != nil {
				return fmt.Errorf("map value %d: %v", i, err)
			}
			v.SetMapIndex(k, e)
		}
		dst.Set(v)
	case reflect.Struct:
		if err := want("$struct"); err != nil {
			return err
		}
		m, _ := body.(map[string]any)
		fields, _ := m["fields"].(map[string]any)
		for k, fn := range fields {
			name := canon.UnescapeKey(k)
			sf, ok := t.FieldByName(name)
			if !ok || len(sf.Index) != 1 || !sentField(sf) {
				return fmt.Errorf("%s has no field %q that gob sends", t, name)
			}
			if err := gobFromCanonical(dst.Field(sf.Index[0]), fn, depth+1); err != nil {
				return fmt.Errorf("%s.%s: %v", t, name, err)
			}
		}
	case reflect.Interface:
		if err := want("$interface"); err != nil {
			return err
		}
		if body == nil {
			return nil
		}
		m, _ := body.(map[string]any)
		name, _ := m["name"].(string)
		ct, ok := registered[name]
		if !ok {
			return fmt.Errorf("no registered type named %q", name)
		}
		if !ct.AssignableTo(t) {
			return fmt.Errorf("%s (registered as %q) does not implement %s", ct, name, t)
		}
		v := reflect.New(ct).Elem()
		if err := gobFromCanonical(v, m["value"], depth+1); err != nil {
			return fmt.Errorf("interface value %q: %v", name, err)
		}
		dst.Set(v)
	default:
		return fmt.Errorf("gob cannot carry %s", t)
	}
	return nil
}
