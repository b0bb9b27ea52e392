package canon

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// CtyType returns go-cty's own JSON type syntax for t, parsed into a Node.
func CtyType(t cty.Type) (Node, error) {
	if t == cty.NilType {
		return nil, fmt.Errorf("canon: nil cty.Type")
	}
	b, err := t.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("canon: cty type %#v: %w", t, err)
	}
	return Parse(b)
}

// CtyValue returns {"type": CtyType, "value": V} for v. withPrec adds
// "prec" and "mode" to every number (gob-value family).
func CtyValue(v cty.Value, withPrec bool) (Node, error) {
	ty, err := CtyType(v.Type())
	if err != nil {
		return nil, err
	}
	val, err := CtyV(v, withPrec)
	if err != nil {
		return nil, err
	}
	return map[string]any{"type": ty, "value": val}, nil
}

// rawOf returns the unexported raw representation inside a cty.Value.
// Used only for numbers that arrived through gob as a non-pointer
// big.Float (the fork's gobDecodeFixNumberPtr does not fix numbers nested
// inside collections of collections, so the public accessors panic there).
func rawOf(v cty.Value) any {
	rv := reflect.ValueOf(&v).Elem().FieldByName("v")
	return reflect.NewAt(rv.Type(), unsafe.Pointer(rv.UnsafeAddr())).Elem().Interface()
}

// BigFloat returns the number inside a known, non-null cty.Number value,
// whether it is held as *big.Float (normal) or big.Float (gob wart).
func BigFloat(v cty.Value) (*big.Float, error) {
	switch f := rawOf(v).(type) {
	case *big.Float:
		return new(big.Float).Copy(f), nil
	case big.Float:
		return new(big.Float).Copy(&f), nil
	default:
		return nil, fmt.Errorf("canon: number held as %T", f)
	}
}

// NumberText is the canonical number text: (*big.Float).Text('f', -1).
func NumberText(f *big.Float) string { return f.Text('f', -1) }

func numberNode(f *big.Float, withPrec bool) Node {
	m := map[string]any{"$number": NumberText(f)}
	if withPrec {
		m["prec"] = int(f.Prec())
		m["mode"] = f.Mode().String()
	}
	return m
}

// CtyV returns the V part (no type) of a cty value.
func CtyV(v cty.Value, withPrec bool) (Node, error) {
	if v.IsMarked() {
		return nil, fmt.Errorf("canon: marked cty value")
	}
	if !v.IsKnown() {
		return unknownNode(v)
	}
	if v.IsNull() {
		return nil, nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), nil
	case ty == cty.Bool:
		return v.True(), nil
	case ty == cty.Number:
		f, err := BigFloat(v)
		if err != nil {
			return nil, err
		}
		return numberNode(f, withPrec), nil
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := []any{}
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("canon: iterating %#v: %v", ty, r)
				}
			}()
			for it := v.ElementIterator(); it.Next(); {
				_, ev := it.Element()
				var n Node
				n, err = CtyV(ev, withPrec)
				if err != nil {
					return
				}
				out = append(out, n)
			}
		}()
		return out, err
	case ty.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			n, err := CtyV(ev, withPrec)
			if err != nil {
				return nil, err
			}
			out[EscapeKey(k.AsString())] = n
		}
		return out, nil
	case ty.IsObjectType():
		out := map[string]any{}
		for name := range ty.AttributeTypes() {
			n, err := CtyV(v.GetAttr(name), withPrec)
			if err != nil {
				return nil, err
			}
			out[EscapeKey(name)] = n
		}
		return out, nil
	}
	return nil, fmt.Errorf("canon: unsupported cty value of type %#v", ty)
}

func unknownNode(v cty.Value) (Node, error) {
	r := v.Range()
	ref := map[string]any{}
	if r.DefinitelyNotNull() {
		ref["notNull"] = true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if p := r.StringPrefix(); p != "" {
			ref["stringPrefix"] = p
		}
	case ty == cty.Number:
		if lo, inc := r.NumberLowerBound(); lo.IsKnown() && !isInf(lo, -1) {
			f, err := BigFloat(lo)
			if err != nil {
				return nil, err
			}
			ref["numberLower"] = []any{NumberText(f), inc}
		}
		if hi, inc := r.NumberUpperBound(); hi.IsKnown() && !isInf(hi, 1) {
			f, err := BigFloat(hi)
			if err != nil {
				return nil, err
			}
			ref["numberUpper"] = []any{NumberText(f), inc}
		}
	case ty.IsCollectionType():
		if lo := r.LengthLowerBound(); lo != 0 {
			ref["lengthLower"] = lo
		}
		if hi := r.LengthUpperBound(); hi != math.MaxInt {
			ref["lengthUpper"] = hi
		}
	}
	return map[string]any{"$unknown": ref}, nil
}

func isInf(v cty.Value, sign int) bool {
	f, err := BigFloat(v)
	return err == nil && f.IsInf() && f.Sign() == sign
}
