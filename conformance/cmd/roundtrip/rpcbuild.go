package main

import (
	"encoding/base64"
	"fmt"
	"net/rpc"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/goview"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

var timeType = reflect.TypeOf(time.Time{})

// buildRpc builds an rpc message from {"header": RpcValue, "body": RpcValue}:
// the header as net/rpc's Request/Response, the body as the Go type the
// receiving SDK side decodes it into (so that it is written back as that type).
func buildRpc(n canon.Node, ctx map[string]any) (any, error) {
	m, _ := n.(map[string]any)
	if m == nil {
		return nil, fmt.Errorf(`rpc canonical must be {"header", "body"}`)
	}
	dir, sm := str(ctx, "direction"), str(ctx, "serviceMethod")
	var out goview.RpcMessage
	failed := false
	switch dir {
	case "request":
		var h rpc.Request
		if err := rpcFromCanonical(reflect.ValueOf(&h).Elem(), m["header"], 0); err != nil {
			return nil, fmt.Errorf("header: %v", err)
		}
		out.Request = &h
	case "response":
		var h rpc.Response
		if err := rpcFromCanonical(reflect.ValueOf(&h).Elem(), m["header"], 0); err != nil {
			return nil, fmt.Errorf("header: %v", err)
		}
		out.Response = &h
		failed = h.Error != ""
	default:
		return nil, fmt.Errorf("bad direction %q", dir)
	}
	bt, err := goview.RpcBodyType(dir, sm, failed)
	if err != nil {
		return nil, err
	}
	body := reflect.New(canon.DecodeType(bt))
	if err := rpcFromCanonical(body.Elem(), m["body"], 0); err != nil {
		return nil, fmt.Errorf("body (%s): %v", bt, err)
	}
	out.BodyType, out.Body = bt, body
	return out, nil
}

func isTag(n canon.Node) (string, canon.Node, bool) {
	tag, body, ok := tagBody(n)
	if !ok || !strings.HasPrefix(tag, "$") || strings.HasPrefix(tag, "$$") {
		return "", nil, false
	}
	return tag, body, true
}

// anyFromCanonical is what ugorji decodes into an interface{}.
func anyFromCanonical(n canon.Node, depth int) (reflect.Value, error) {
	switch x := n.(type) {
	case nil:
		return reflect.Value{}, nil
	case bool, string:
		return reflect.ValueOf(x), nil
	case []any:
		l := make([]any, len(x))
		v := reflect.ValueOf(l)
		for i, e := range x {
			if err := rpcFromCanonical(v.Index(i), e, depth+1); err != nil {
				return reflect.Value{}, err
			}
		}
		return v, nil
	}
	var t reflect.Type
	if tag, _, ok := isTag(n); ok {
		switch tag {
		case "$int":
			t = reflect.TypeOf(int64(0))
		case "$uint":
			t = reflect.TypeOf(uint64(0))
		case "$float32":
			t = reflect.TypeOf(float32(0))
		case "$float64":
			t = reflect.TypeOf(float64(0))
		case "$bytes", "$cty":
			t = reflect.TypeOf([]byte(nil))
		case "$time":
			t = timeType
		case "$map":
			t = reflect.TypeOf(map[any]any(nil))
		default:
			return reflect.Value{}, fmt.Errorf("no interface{} value for %s", tag)
		}
	} else {
		t = reflect.TypeOf(map[string]any(nil))
	}
	v := reflect.New(t).Elem()
	err := rpcFromCanonical(v, n, depth+1)
	return v, err
}

func setField(dst reflect.Value, index []int) reflect.Value {
	v := dst
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// rpcFromCanonical sets dst from an RpcValue node (vectors/README.md).
func rpcFromCanonical(dst reflect.Value, n canon.Node, depth int) error {
	if depth > 500 {
		return fmt.Errorf("nesting too deep")
	}
	t := dst.Type()
	if n == nil {
		dst.Set(reflect.Zero(t))
		return nil
	}
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		if err := rpcFromCanonical(p.Elem(), n, depth+1); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	if t.Kind() == reflect.Interface {
		v, err := anyFromCanonical(n, depth)
		if err != nil {
			return err
		}
		if v.IsValid() {
			if !v.Type().AssignableTo(t) {
				return fmt.Errorf("%s does not fit %s", v.Type(), t)
			}
			dst.Set(v)
		}
		return nil
	}
	tag, body, tagged := isTag(n)
	s, _ := body.(string)
	bad := func() error { return fmt.Errorf("%s does not fit Go type %s", short(n), t) }
	if t == timeType {
		if tag != "$time" {
			return bad()
		}
		tm, err := parseTime(s)
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(tm))
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		b, ok := n.(bool)
		if !ok {
			return bad()
		}
		dst.SetBool(b)
	case reflect.String:
		x, ok := n.(string)
		if !ok {
			return bad()
		}
		dst.SetString(x)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(s, 10, 64)
		if tag != "$int" || err != nil || dst.OverflowInt(i) {
			return bad()
		}
		dst.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := strconv.ParseUint(s, 10, 64)
		if tag != "$uint" || err != nil || dst.OverflowUint(u) {
			return bad()
		}
		dst.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := parseGoFloat(s)
		if (tag != "$float32" && tag != "$float64") || err != nil {
			return bad()
		}
		dst.SetFloat(f)
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && tagged {
			var b []byte
			switch tag {
			case "$bytes":
				var err error
				if b, err = base64.StdEncoding.DecodeString(s); err != nil {
					return err
				}
			case "$cty":
				v, err := canon.CtyValueFromCanonical(body)
				if err != nil {
					return err
				}
				if b, err = ctyjson.Marshal(v, cty.DynamicPseudoType); err != nil {
					return err
				}
			default:
				return bad()
			}
			v := reflect.MakeSlice(t, len(b), len(b))
			reflect.Copy(v, reflect.ValueOf(b))
			dst.Set(v)
			return nil
		}
		l, ok := n.([]any)
		if !ok {
			return bad()
		}
		v := dst
		if t.Kind() == reflect.Slice {
			v = reflect.MakeSlice(t, len(l), len(l))
		} else if len(l) != t.Len() {
			return bad()
		}
		for i, e := range l {
			if err := rpcFromCanonical(v.Index(i), e, depth+1); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		dst.Set(v)
	case reflect.Map:
		v := reflect.MakeMap(t)
		if t.Key().Kind() == reflect.String && !tagged {
			m, ok := n.(map[string]any)
			if !ok {
				return bad()
			}
			for k, e := range m {
				ev := reflect.New(t.Elem()).Elem()
				if err := rpcFromCanonical(ev, e, depth+1); err != nil {
					return fmt.Errorf("[%q]: %v", k, err)
				}
				v.SetMapIndex(reflect.ValueOf(canon.UnescapeKey(k)).Convert(t.Key()), ev)
			}
			dst.Set(v)
			return nil
		}
		l, ok := body.([]any)
		if tag != "$map" || !ok {
			return bad()
		}
		for i, p := range l {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				return fmt.Errorf("map entry %d is not [key, value]", i)
			}
			k := reflect.New(t.Key()).Elem()
			e := reflect.New(t.Elem()).Elem()
			if err := rpcFromCanonical(k, kv[0], depth+1); err != nil {
				return fmt.Errorf("map key %d: %v", i, err)
			}
			if err := rpcFromCanonical(e, kv[1], depth+1); err != nil {
				return fmt.Errorf("map value %d: %v", i, err)
			}
			v.SetMapIndex(k, e)
		}
		dst.Set(v)
	case reflect.Struct:
		m, ok := n.(map[string]any)
		if !ok || tagged {
			return bad()
		}
		for k, e := range m {
			name := canon.UnescapeKey(k)
			sf, ok := t.FieldByName(name)
			if !ok || !sf.IsExported() {
				return fmt.Errorf("%s has no field %q", t, name)
			}
			if err := rpcFromCanonical(setField(dst, sf.Index), e, depth+1); err != nil {
				return fmt.Errorf("%s.%s: %v", t, name, err)
			}
		}
	default:
		return fmt.Errorf("no rpc form for %s", t)
	}
	return nil
}

var rfc3339UTC = regexp.MustCompile(`^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z$`)

// parseTime reads what (time.Time).UTC().Format(time.RFC3339Nano) writes,
// for every year (time.Parse takes only years 0000-9999).
func parseTime(s string) (time.Time, error) {
	m := rfc3339UTC.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("not RFC3339Nano text in UTC: %q", s)
	}
	n := make([]int, 7)
	for i := 1; i <= 6; i++ {
		x, err := strconv.Atoi(m[i])
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: %v", s, err)
		}
		n[i-1] = x
	}
	if m[7] != "" {
		ns, _ := strconv.Atoi((m[7] + "00000000")[:9])
		n[6] = ns
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6], time.UTC)
	if t.Format(time.RFC3339Nano) != s {
		return time.Time{}, fmt.Errorf("%q is not a valid time", s)
	}
	return t, nil
}

func short(n canon.Node) string {
	b, _ := canon.Marshal(n)
	if len(b) > 120 {
		b = append(b[:120], "..."...)
	}
	return strings.TrimSpace(string(b))
}
