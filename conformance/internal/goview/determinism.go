package goview

import (
	"reflect"

	"github.com/zclconf/go-cty/cty/set"
	"google.golang.org/protobuf/reflect/protoreflect"
)

var setType = reflect.TypeOf(set.Set{})

// Deterministic reports whether Go writes the same bytes for v every time:
// false when a Go map with more than one entry is reachable from v (gob,
// ugorji without Canonical and protobuf without Deterministic all write maps
// in Go's random iteration order). Unexported fields are followed too (a
// cty.Value's raw content, a cty.Type's implementation), except inside a
// go-cty set.Set, whose GobEncode writes the sorted Values() rather than its
// hash map.
func Deterministic(v reflect.Value) bool {
	w := detWalker{seen: map[uintptr]bool{}}
	w.walk(v, 0)
	return !w.nondet
}

type detWalker struct {
	seen   map[uintptr]bool
	nondet bool
}

func (w *detWalker) walk(v reflect.Value, depth int) {
	if w.nondet || !v.IsValid() || depth > 20000 {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		w.walk(v.Elem(), depth+1)
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), depth+1)
		}
	case reflect.Struct:
		if v.Type() == setType {
			vals := v.FieldByName("vals")
			for it := vals.MapRange(); it.Next(); {
				w.walk(it.Value(), depth+1)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			w.walk(v.Field(i), depth+1)
		}
	case reflect.Map:
		if v.Len() > 1 {
			w.nondet = true
			return
		}
		for it := v.MapRange(); it.Next(); {
			w.walk(it.Key(), depth+1)
			w.walk(it.Value(), depth+1)
		}
	case reflect.Slice, reflect.Array:
		switch v.Type().Elem().Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				w.walk(v.Index(i), depth+1)
			}
		}
	}
}

// ProtoDeterministic reports whether proto.Marshal (without the
// Deterministic option) writes m the same way every time: false when a map
// field with more than one entry is reachable.
func ProtoDeterministic(m protoreflect.Message) bool {
	det := true
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			mp := v.Map()
			if mp.Len() > 1 {
				det = false
				return false
			}
			if fd.MapValue().Message() != nil {
				mp.Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
					det = det && ProtoDeterministic(mv.Message())
					return det
				})
			}
		case fd.IsList():
			if fd.Message() != nil {
				l := v.List()
				for i := 0; i < l.Len() && det; i++ {
					det = ProtoDeterministic(l.Get(i).Message())
				}
			}
		case fd.Message() != nil:
			det = ProtoDeterministic(v.Message())
		}
		return det
	})
	return det
}
