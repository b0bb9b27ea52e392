package main

import (
	"bytes"
	"encoding"
	"encoding/gob"
	"fmt"
	"reflect"
	"sort"
	"unicode"
	"unicode/utf8"

	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/gobcases"
)

// gob-generic requests name the Go type of each top-level value
// (context.goType, or context.goTypes for several values) by its
// reflect String(), e.g. "gobcases.Point", "map[string]int". These are the
// types offered: basic kinds, some unnamed composites, and the gob-generic
// types of internal/gobcases (the self-marshalling ones, Celsius & co., are
// left out: their bytes mean something only to their own methods).
var gobRoots = []any{
	false, int(0), int8(0), int16(0), int32(0), int64(0),
	uint(0), uint8(0), uint16(0), uint32(0), uint64(0), uintptr(0),
	float32(0), float64(0), complex64(0), complex128(0), "",
	[]byte(nil), []int(nil), []string(nil), []bool(nil), []float64(nil), [][]int(nil),
	[3]int{}, [2][2]int{}, [4]byte{},
	map[string]int(nil), map[int]string(nil), map[string][]string(nil), map[[2]int]bool(nil),
	map[gobcases.Point]gobcases.Point(nil), []gobcases.Point(nil), []*gobcases.Point(nil),
	(*any)(nil),
	gobcases.Point{}, gobcases.AllKinds{}, gobcases.Zeroes{}, gobcases.Empty{}, gobcases.Nested{},
	gobcases.Names{}, gobcases.Embedded{}, gobcases.ListNode{}, gobcases.Tree{}, gobcases.RecMap(nil),
	gobcases.Holder{}, gobcases.ShapeBox{}, gobcases.Outer{}, gobcases.InnerI{}, gobcases.Deep{},
	gobcases.Named{}, gobcases.Txt{}, sdkrpc.CommandFinished{},
}

// ifaceCandidates are values whose types are registered with gob (by gob
// itself for the basic ones, by internal/gobcases and the SDK for the rest)
// and so may travel inside an interface.
var ifaceCandidates = []any{
	false, int(0), int8(0), int16(0), int32(0), int64(0),
	uint(0), uint8(0), uint16(0), uint32(0), uint64(0), uintptr(0),
	float32(0), float64(0), complex64(0), complex128(0), "",
	[]byte(nil), []int(nil), []string(nil), []bool(nil), []float64(nil),
	gobcases.Point{}, &gobcases.Rect{}, gobcases.Square{}, gobcases.InnerI{}, gobcases.Deep{},
	[]any(nil), map[string]any(nil), gobcases.Tree{}, gobcases.MyInt(0), &gobcases.ListNode{},
	&sdkrpc.BasicError{}, &map[string]string{},
}

var (
	rootTypes  = map[string]reflect.Type{}
	registered = map[string]reflect.Type{} // gob's registered name -> type
	regNames   []string
)

func init() {
	for _, v := range gobRoots {
		t := reflect.TypeOf(v)
		rootTypes[t.String()] = t
	}
	// Every type of the gob-generic vectors, so each vector can be read back.
	for _, c := range gobcases.Cases() {
		for _, v := range c.Values() {
			t := reflect.TypeOf(v)
			rootTypes[t.String()] = t
		}
	}
	for _, v := range ifaceCandidates {
		name, err := registeredName(v)
		if err != nil {
			panic(fmt.Sprintf("roundtrip: %T: %v", v, err))
		}
		registered[name] = reflect.TypeOf(v)
		regNames = append(regNames, name)
	}
	sort.Strings(regNames)
}

// registeredName asks gob itself for the name v travels under inside an
// interface: it encodes v as a top-level interface value and reads the name
// off the wire.
func registeredName(v any) (string, error) {
	var b bytes.Buffer
	x := v
	if err := gob.NewEncoder(&b).Encode(&x); err != nil {
		return "", err
	}
	st, err := canon.ParseGob(b.Bytes())
	if err != nil || len(st.Values) != 1 {
		return "", fmt.Errorf("reading back the interface value: %v", err)
	}
	m, _ := st.Values[0].(map[string]any)
	body, _ := m["$interface"].(map[string]any)
	name, _ := body["name"].(string)
	if name == "" {
		return "", fmt.Errorf("no interface name on the wire")
	}
	return name, nil
}

func contextGoTypes(ctx map[string]any) ([]reflect.Type, error) {
	var names []string
	switch l := ctx["goTypes"].(type) {
	case []any:
		for _, x := range l {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("context.goTypes must list strings")
			}
			names = append(names, s)
		}
	case nil:
		s := str(ctx, "goType")
		if s == "" {
			return nil, fmt.Errorf("gob-generic needs context.goType or context.goTypes")
		}
		names = []string{s}
	default:
		return nil, fmt.Errorf("context.goTypes must be a list")
	}
	out := make([]reflect.Type, len(names))
	for i, n := range names {
		t, ok := rootTypes[n]
		if !ok {
			return nil, fmt.Errorf("unknown Go type %q (the types op lists the known ones)", n)
		}
		out[i] = t
	}
	return out, nil
}

// ---- layouts ----

var (
	gobEncoderT   = reflect.TypeOf((*gob.GobEncoder)(nil)).Elem()
	binMarshalerT = reflect.TypeOf((*encoding.BinaryMarshaler)(nil)).Elem()
)

func selfMarshalling(t reflect.Type) bool {
	for _, it := range []reflect.Type{gobEncoderT, binMarshalerT} {
		if t.Implements(it) || (t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(it)) {
			return true
		}
	}
	return false
}

// sentField mirrors gob's isSent: exported per unicode.IsUpper of the first
// rune, and not a chan or func (or pointer to one).
func sentField(f reflect.StructField) bool {
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

type layouts struct{ named map[string]any }

// of describes t for a value generator:
//
//	{"kind": "bool"|"int"|"int8"|…|"uintptr"|"float32"|"float64"|"complex64"|"complex128"|"string"}
//	{"kind": "bytes"}                          a slice of a uint8 kind
//	{"kind": "array", "len": n, "elem": L}     {"kind": "slice", "elem": L}
//	{"kind": "map", "key": L, "elem": L}       {"kind": "ptr", "elem": L}
//	{"kind": "struct", "wireName": s, "fields": [{"name": s, "type": L}, …]}  (the fields gob sends)
//	{"kind": "interface", "accepts": [registered name, …]}
//	{"kind": "unsupported", "type": s}        self-marshalling types
//	{"ref": s}                                 a named composite type, described under "types"
func (l *layouts) of(t reflect.Type) any {
	if selfMarshalling(t) {
		return map[string]any{"kind": "unsupported", "type": t.String()}
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return map[string]any{"kind": t.Kind().String()}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"kind": "bytes"}
		}
	}
	if t.Name() != "" {
		key := t.String()
		if _, ok := l.named[key]; !ok {
			l.named[key] = nil // placeholder: recursive types refer to themselves
			l.named[key] = l.expand(t)
		}
		return map[string]any{"ref": key}
	}
	return l.expand(t)
}

func (l *layouts) expand(t reflect.Type) any {
	switch t.Kind() {
	case reflect.Array:
		return map[string]any{"kind": "array", "len": t.Len(), "elem": l.of(t.Elem())}
	case reflect.Slice:
		return map[string]any{"kind": "slice", "elem": l.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"kind": "map", "key": l.of(t.Key()), "elem": l.of(t.Elem())}
	case reflect.Pointer:
		return map[string]any{"kind": "ptr", "elem": l.of(t.Elem())}
	case reflect.Interface:
		accepts := []any{}
		for _, n := range regNames {
			if registered[n].Implements(t) {
				accepts = append(accepts, n)
			}
		}
		return map[string]any{"kind": "interface", "accepts": accepts}
	case reflect.Struct:
		fields := []any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if sentField(f) {
				fields = append(fields, map[string]any{"name": f.Name, "type": l.of(f.Type)})
			}
		}
		name := t.Name()
		if name == "" {
			name = t.String()
		}
		return map[string]any{"kind": "struct", "wireName": name, "fields": fields}
	}
	return map[string]any{"kind": "unsupported", "type": t.String()}
}

// gobTypeLayouts answers the types op: the named composite types by name,
// the root type names with their layouts, and every registered name with the
// layout of its type.
func gobTypeLayouts() (any, []string, any) {
	l := &layouts{named: map[string]any{}}
	roots := map[string]any{}
	var names []string
	for n, t := range rootTypes {
		roots[n] = l.of(t)
		names = append(names, n)
	}
	sort.Strings(names)
	reg := map[string]any{}
	for n, t := range registered {
		reg[n] = l.of(t)
	}
	types := map[string]any{}
	for k, v := range l.named {
		types[k] = v
	}
	for k, v := range roots {
		if _, ok := types[k]; !ok {
			types[k] = v
		}
	}
	return types, names, reg
}
