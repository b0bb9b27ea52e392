package main

import (
	"math/big"
	"reflect"
	"sort"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
)

// varier makes one variant of a decoded payload. Names (object attribute
// names, spec keys, block type names) are renamed by a function of the name
// and the variant number only, so every reference to a name stays consistent
// (an object type and its values, an ObjectSpec key and its AttrSpec name);
// string values also depend on salt, so a copied collection element differs
// from the one it was copied from.
type varier struct {
	n    uint64 // variant number: names
	salt uint64 // values
}

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// shift replaces ASCII letters and digits by others of the same class, by a
// shift that depends on the position and the key: a bijection on strings of
// one length, so renamed keys never collide.
func shift(s string, key uint64) string {
	b := []byte(s)
	for i, c := range b {
		k := mix(key + uint64(i)*0x9e3779b97f4a7c15)
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = 'a' + byte((uint64(c-'a')+k%25+1)%26)
		case c >= 'A' && c <= 'Z':
			b[i] = 'A' + byte((uint64(c-'A')+k%25+1)%26)
		case c >= '0' && c <= '9':
			b[i] = '0' + byte((uint64(c-'0')+k%9+1)%10)
		}
	}
	return string(b)
}

// name renames an identifier-like name (same length and character classes).
func (v varier) name(s string) string { return shift(s, mix(v.n*2+1)) }

// str renames a string value and varies its length by a suffix common to
// every string of the variant (so the renaming stays injective).
func (v varier) str(s string) string {
	suffix := []string{"", "-x", "-yz", "-zzz", ""}[v.n%5]
	if s == "" {
		return s
	}
	return shift(s, mix(v.n*0x100000001b3+v.salt*7+3)) + suffix
}

// num varies a number: integers by a small offset (keeping the sign),
// others by a small factor, at the same precision.
func (v varier) num(f *big.Float) *big.Float {
	if f.IsInf() {
		return f
	}
	out := new(big.Float).SetPrec(f.Prec()).SetMode(f.Mode())
	if f.IsInt() {
		d := new(big.Float).SetInt64(int64(mix(v.n+v.salt*13)%997) + 1)
		if f.Sign() < 0 {
			d.Neg(d)
		}
		if out.Add(f, d); out.Cmp(f) != 0 {
			return out
		}
	}
	return out.Mul(f, big.NewFloat(1+float64(mix(v.n+v.salt)%97+1)/1000))
}

// ctyType renames the attributes of every object type inside t.
func (v varier) ctyType(t cty.Type) cty.Type {
	switch {
	case t.IsObjectType():
		at := t.AttributeTypes()
		out := make(map[string]cty.Type, len(at))
		var opt []string
		for k, a := range at {
			out[v.name(k)] = v.ctyType(a)
			if t.AttributeOptional(k) {
				opt = append(opt, v.name(k))
			}
		}
		if len(opt) > 0 {
			sort.Strings(opt)
			return cty.ObjectWithOptionalAttrs(out, opt)
		}
		return cty.Object(out)
	case t.IsTupleType():
		et := t.TupleElementTypes()
		out := make([]cty.Type, len(et))
		for i, e := range et {
			out[i] = v.ctyType(e)
		}
		return cty.Tuple(out)
	case t.IsListType():
		return cty.List(v.ctyType(t.ElementType()))
	case t.IsSetType():
		return cty.Set(v.ctyType(t.ElementType()))
	case t.IsMapType():
		return cty.Map(v.ctyType(t.ElementType()))
	}
	return t
}

// resize says how a collection of n elements changes: drop the last (-1),
// add a copy of the first (+1) or keep (0).
func (v varier) resize(n int) int {
	switch mix(v.n*31+v.salt) % 3 {
	case 1:
		if n >= 2 {
			return -1
		}
	case 2:
		if n >= 1 {
			return 1
		}
	}
	return 0
}

func (v varier) copyOf() varier { return varier{n: v.n, salt: mix(v.salt + 0x51ed27) | 1} }

// ctyValue varies a value: strings renamed, numbers changed, collections
// resized, object attributes renamed (consistently with ctyType).
func (v varier) ctyValue(x cty.Value) cty.Value {
	x, marks := x.Unmark()
	ty := x.Type()
	var out cty.Value
	switch {
	case !x.IsKnown():
		out = cty.UnknownVal(v.ctyType(ty))
	case x.IsNull():
		out = cty.NullVal(v.ctyType(ty))
	case ty == cty.String:
		out = cty.StringVal(v.str(x.AsString()))
	case ty == cty.Number:
		out = cty.NumberVal(v.num(x.AsBigFloat()))
	case ty == cty.Bool:
		out = x
	case ty.IsObjectType():
		attrs := map[string]cty.Value{}
		for k, a := range x.AsValueMap() {
			attrs[v.name(k)] = v.ctyValue(a)
		}
		if len(attrs) == 0 {
			out = cty.EmptyObjectVal
		} else {
			out = cty.ObjectVal(attrs)
		}
	case ty.IsTupleType():
		var elems []cty.Value
		for _, e := range x.AsValueSlice() {
			elems = append(elems, v.ctyValue(e))
		}
		if len(elems) == 0 {
			out = cty.EmptyTupleVal
		} else {
			out = cty.TupleVal(elems)
		}
	case ty.IsListType() || ty.IsSetType():
		src := x.AsValueSlice()
		var elems []cty.Value
		for _, e := range src {
			elems = append(elems, v.ctyValue(e))
		}
		switch v.resize(len(elems)) {
		case -1:
			elems = elems[:len(elems)-1]
		case 1:
			elems = append(elems, v.copyOf().ctyValue(src[0]))
		}
		et := v.ctyType(ty.ElementType())
		switch {
		case len(elems) == 0 && ty.IsListType():
			out = cty.ListValEmpty(et)
		case len(elems) == 0:
			out = cty.SetValEmpty(et)
		case ty.IsListType():
			out = cty.ListVal(elems)
		default:
			out = cty.SetVal(elems)
		}
	case ty.IsMapType():
		src := x.AsValueMap()
		keys := make([]string, 0, len(src))
		for k := range src {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := map[string]cty.Value{}
		for _, k := range keys {
			m[v.str(k)] = v.ctyValue(src[k])
		}
		switch v.resize(len(keys)) {
		case -1:
			delete(m, v.str(keys[len(keys)-1]))
		case 1:
			c := v.copyOf()
			if _, clash := m[c.str(keys[0])]; !clash {
				m[c.str(keys[0])] = c.ctyValue(src[keys[0]])
			}
		}
		if len(m) == 0 {
			out = cty.MapValEmpty(v.ctyType(ty.ElementType()))
		} else {
			out = cty.MapVal(m)
		}
	default:
		out = x // capsules
	}
	return out.WithMarks(marks)
}

var (
	ctyTypeT     = reflect.TypeOf(cty.Type{})
	ctyValueT    = reflect.TypeOf(cty.Value{})
	objectSpecT  = reflect.TypeOf(hcldec.ObjectSpec{})
	ctyValuePtrT = reflect.TypeOf(&cty.Value{})
)

// value varies any Go value by reflection: strings renamed (as names: spec
// and body strings are mostly names), cty types and values as above,
// integers offset, ObjectSpec attribute sets reshuffled (one dropped, or one
// added under a new name). Unexported fields are copied as they are.
func (v varier) value(x reflect.Value) reflect.Value {
	t := x.Type()
	switch t {
	case ctyTypeT:
		return reflect.ValueOf(v.ctyType(x.Interface().(cty.Type)))
	case ctyValueT:
		return reflect.ValueOf(v.ctyValue(x.Interface().(cty.Value)))
	case ctyValuePtrT:
		if x.IsNil() {
			return x
		}
		nv := v.ctyValue(*x.Interface().(*cty.Value))
		return reflect.ValueOf(&nv)
	}
	switch t.Kind() {
	case reflect.String:
		return reflect.ValueOf(v.name(x.String())).Convert(t)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		out := reflect.New(t).Elem()
		out.SetInt(x.Int() + int64(mix(v.n+v.salt)%1000003) + 1)
		return out
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		out := reflect.New(t).Elem()
		out.SetUint(x.Uint() + mix(v.n+v.salt)%1000003 + 1)
		return out
	case reflect.Float32, reflect.Float64:
		out := reflect.New(t).Elem()
		out.SetFloat(x.Float() * (1 + float64(mix(v.n+v.salt)%97+1)/1000))
		return out
	case reflect.Interface:
		if x.IsNil() {
			return x
		}
		out := reflect.New(t).Elem()
		out.Set(v.value(x.Elem()))
		return out
	case reflect.Pointer:
		if x.IsNil() {
			return x
		}
		out := reflect.New(t.Elem())
		out.Elem().Set(v.value(x.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(t).Elem()
		out.Set(x)
		for i := 0; i < t.NumField(); i++ {
			if f := out.Field(i); f.CanSet() {
				f.Set(v.value(x.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if x.IsNil() || t.Elem().Kind() == reflect.Uint8 {
			return x
		}
		out := reflect.MakeSlice(t, x.Len(), x.Len())
		for i := 0; i < x.Len(); i++ {
			out.Index(i).Set(v.value(x.Index(i)))
		}
		return out
	case reflect.Array:
		out := reflect.New(t).Elem()
		for i := 0; i < x.Len(); i++ {
			out.Index(i).Set(v.value(x.Index(i)))
		}
		return out
	case reflect.Map:
		if x.IsNil() {
			return x
		}
		out := reflect.MakeMapWithSize(t, x.Len())
		keys := x.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			out.SetMapIndex(v.value(k), v.value(x.MapIndex(k)))
		}
		if t == objectSpecT && t.Key().Kind() == reflect.String {
			switch v.resize(len(keys)) {
			case -1:
				out.SetMapIndex(v.value(keys[len(keys)-1]), reflect.Value{})
			case 1:
				// A new attribute: the first one under other names (a name
				// function of another variant, so its nested names differ too).
				c := varier{n: mix(v.n + 0xadd), salt: v.salt}
				if nk := c.value(keys[0]); !out.MapIndex(nk).IsValid() {
					out.SetMapIndex(nk, c.value(x.MapIndex(keys[0])))
				}
			}
		}
		return out
	}
	return x
}
