package canon

import (
	"encoding"
	"encoding/base64"
	"encoding/gob"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Wildcard stands, in a reflect-derived GobValue, for what only the wire
// can tell: struct wire names, registered interface names and the bytes a
// GobEncoder/BinaryMarshaler wrote.
const Wildcard = "\x00?"

var (
	gobEncoderT   = reflect.TypeOf((*gob.GobEncoder)(nil)).Elem()
	binMarshalerT = reflect.TypeOf((*encoding.BinaryMarshaler)(nil)).Elem()
)

// externalEnc mirrors gob's validUserType/implementsInterface: which
// marshalling interface gob uses for t, and its encIndir. TextMarshaler is
// never used by gob's encoder (type.go: "Would like to allow MarshalText
// here" is commented out), so it is not considered.
func externalEnc(t reflect.Type) (kind string, indir int) {
	for _, c := range []struct {
		k  string
		it reflect.Type
	}{{"gob", gobEncoderT}, {"binary", binMarshalerT}} {
		rt := t
		ind := 0
		for {
			if rt.Implements(c.it) {
				return c.k, ind
			}
			if rt.Kind() == reflect.Pointer {
				ind++
				rt = rt.Elem()
				continue
			}
			break
		}
		if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(c.it) {
			return c.k, -1
		}
	}
	return "", 0
}

// isSentField mirrors gob's isSent: exported (first rune upper case per
// unicode.IsUpper) and not a chan/func or pointer thereto.
func isSentField(f reflect.StructField) bool {
	r, _ := utf8.DecodeRuneInString(f.Name)
	if !unicode.IsUpper(r) {
		return false
	}
	t := f.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() != reflect.Chan && t.Kind() != reflect.Func
}

// GobFieldSent reports whether encoding/gob puts struct field value fv
// (of declared type ft) on the wire. Rules, all from encode.go and checked
// against Go's output by the wire cross-check in vectorize:
//   - nil pointers (at any indirection level) are left out;
//   - bool false, integers 0, floats == 0 (so -0 too; NaN is sent),
//     complex 0, "" and zero-length []byte/slices are left out;
//   - maps are left out only when nil (an empty non-nil map is sent);
//   - nil interfaces are left out;
//   - arrays and structs are always sent, even when zero;
//   - a GobEncoder/BinaryMarshaler field is left out when the value its
//     method would be called on is the zero value (reflect.Value.IsZero);
//     when only the pointer type implements it, it is always sent.
func GobFieldSent(ft reflect.Type, fv reflect.Value) bool {
	if k, indir := externalEnc(ft); k != "" {
		if indir == -1 {
			return true
		}
		for i := 0; i < indir; i++ {
			if fv.IsNil() {
				return false
			}
			fv = fv.Elem()
		}
		return !fv.IsZero()
	}
	for fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return false
		}
		fv = fv.Elem()
	}
	switch fv.Kind() {
	case reflect.Bool:
		return fv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fv.Int() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fv.Uint() != 0
	case reflect.Float32, reflect.Float64:
		return fv.Float() != 0
	case reflect.Complex64, reflect.Complex128:
		return fv.Complex() != 0
	case reflect.String:
		return fv.Len() > 0
	case reflect.Slice:
		return fv.Len() > 0
	case reflect.Map:
		return !fv.IsNil()
	case reflect.Interface:
		return !fv.IsNil()
	case reflect.Array, reflect.Struct:
		return true
	}
	return true
}

// GobValue returns the canonical GobValue of a Go value as gob would put it
// on the wire, from the Go side alone: struct wire names, interface names
// and encoder bytes are Wildcard (MergeGobValue fills them from the wire).
func GobValue(v reflect.Value) (Node, error) {
	return gobValue(v, 0)
}

func gobValue(v reflect.Value, depth int) (Node, error) {
	if depth > 1000 {
		return nil, fmt.Errorf("canon: gob value nesting too deep")
	}
	if !v.IsValid() {
		return nil, fmt.Errorf("canon: invalid reflect.Value")
	}
	if k, indir := externalEnc(v.Type()); k != "" {
		_ = indir
		return Tag("$encoded", map[string]any{"kind": k, "name": Wildcard, "bytes": Wildcard}), nil
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, fmt.Errorf("canon: nil pointer %s has no gob form", v.Type())
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Bool:
		return Tag("$bool", v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Tag("$int", strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return Tag("$uint", strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		return Tag("$float", FloatText(v.Float())), nil
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return Tag("$complex", []any{FloatText(real(c)), FloatText(imag(c))}), nil
	case reflect.String:
		return StringNode([]byte(v.String())), nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return Tag("$bytes", base64.StdEncoding.EncodeToString(v.Bytes())), nil
		}
		out := []any{}
		for i := 0; i < v.Len(); i++ {
			n, err := gobValue(v.Index(i), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return Tag("$slice", out), nil
	case reflect.Array:
		out := []any{}
		for i := 0; i < v.Len(); i++ {
			n, err := gobValue(v.Index(i), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return Tag("$array", out), nil
	case reflect.Map:
		out := []any{}
		it := v.MapRange()
		for it.Next() {
			k, err := gobValue(it.Key(), depth+1)
			if err != nil {
				return nil, err
			}
			e, err := gobValue(it.Value(), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, []any{k, e})
		}
		return Tag("$map", out), nil
	case reflect.Interface:
		if v.IsNil() {
			return Tag("$interface", nil), nil
		}
		n, err := gobValue(v.Elem(), depth+1)
		if err != nil {
			return nil, err
		}
		return Tag("$interface", map[string]any{"name": Wildcard, "value": n}), nil
	case reflect.Struct:
		fields := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !isSentField(f) || !GobFieldSent(f.Type, v.Field(i)) {
				continue
			}
			n, err := gobValue(v.Field(i), depth+1)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t, f.Name, err)
			}
			fields[EscapeKey(f.Name)] = n
		}
		return Tag("$struct", map[string]any{"name": Wildcard, "fields": fields}), nil
	}
	return nil, fmt.Errorf("canon: gob cannot carry %s", v.Type())
}

// MergeGobValue checks that the reflect view (with Wildcards) matches the
// wire view and returns the wire view. Map pairs are matched as multisets.
func MergeGobValue(fromGo, fromWire Node) (Node, error) {
	if err := matchGob(fromGo, fromWire, "$"); err != nil {
		return nil, err
	}
	return sortMaps(fromWire), nil
}

func matchGob(g, w Node, path string) error {
	if s, ok := g.(string); ok && s == Wildcard {
		return nil
	}
	switch gv := g.(type) {
	case map[string]any:
		wv, ok := w.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: go %s, wire %s", path, short(g), short(w))
		}
		if m, ok := gv["$map"]; ok && len(gv) == 1 {
			wm, ok := wv["$map"]
			if !ok {
				return fmt.Errorf("%s: go map, wire %s", path, short(w))
			}
			return matchPairs(m.([]any), wm.([]any), path)
		}
		if len(gv) != len(wv) {
			return fmt.Errorf("%s: go keys %v, wire keys %v", path, keys(gv), keys(wv))
		}
		for k, x := range gv {
			y, ok := wv[k]
			if !ok {
				return fmt.Errorf("%s: go has %q, wire does not (wire keys %v)", path, k, keys(wv))
			}
			if err := matchGob(x, y, path+"."+k); err != nil {
				return err
			}
		}
		return nil
	case []any:
		wv, ok := w.([]any)
		if !ok || len(wv) != len(gv) {
			return fmt.Errorf("%s: go %s, wire %s", path, short(g), short(w))
		}
		for i := range gv {
			if err := matchGob(gv[i], wv[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if !Equal(g, w) {
		return fmt.Errorf("%s: go %s, wire %s", path, short(g), short(w))
	}
	return nil
}

func matchPairs(g, w []any, path string) error {
	if len(g) != len(w) {
		return fmt.Errorf("%s: go map has %d entries, wire %d", path, len(g), len(w))
	}
	used := make([]bool, len(w))
outer:
	for i, p := range g {
		for j, q := range w {
			if !used[j] && matchGob(p, q, path) == nil {
				used[j] = true
				continue outer
			}
		}
		return fmt.Errorf("%s: go map entry %d %s has no wire match", path, i, short(p))
	}
	return nil
}

// sortMaps orders every $map's pairs by the canonical text of their key,
// so output files are stable (the order is free by definition).
func sortMaps(n Node) Node {
	switch v := n.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = sortMaps(x)
		}
		if m, ok := out["$map"].([]any); ok && len(out) == 1 {
			type kv struct {
				key string
				p   any
			}
			ps := make([]kv, len(m))
			for i, p := range m {
				b, _ := Marshal(p.([]any)[0])
				ps[i] = kv{string(b), p}
			}
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].key < ps[j].key })
			for i := range ps {
				m[i] = ps[i].p
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = sortMaps(x)
		}
		return out
	}
	return n
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func short(n Node) string {
	b, _ := Marshal(n)
	if len(b) > 200 {
		b = append(b[:200], "..."...)
	}
	return string(b)
}
