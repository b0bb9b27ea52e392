package goview

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/packer-wire/conformance/canon"
	"github.com/zclconf/go-cty/cty"
)

// go-cty's GobDecode turns numbers back into *big.Float only at the top and
// one collection level down (gobDecodeFixNumberPtr); numbers nested deeper
// stay big.Float values, which gob then refuses to encode again ("gob:
// unaddressable value of type *big.Float"). A plugin never holds such a
// value: it builds its values with cty's constructors. PluginValue and
// FixSpecNumbers give the value back in that form (same numbers, precision,
// rounding mode and accuracy), so Go can write what it read.

// PluginValue rebuilds v with every number held as *big.Float.
func PluginValue(v cty.Value) (out cty.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rebuilding %#v: %v", v.Type(), p)
		}
	}()
	return pluginValue(v)
}

func pluginValue(v cty.Value) (cty.Value, error) {
	if !v.IsKnown() || v.IsNull() {
		return v, nil
	}
	ty := v.Type()
	switch {
	case ty == cty.Number:
		f, err := canon.BigFloat(v)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.NumberVal(f), nil
	case ty.IsPrimitiveType():
		return v, nil
	case ty.IsListType(), ty.IsSetType(), ty.IsTupleType():
		var elems []cty.Value
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			fe, err := pluginValue(e)
			if err != nil {
				return cty.NilVal, err
			}
			elems = append(elems, fe)
		}
		switch {
		case ty.IsTupleType():
			if len(elems) == 0 {
				return cty.EmptyTupleVal, nil
			}
			return cty.TupleVal(elems), nil
		case len(elems) == 0 && ty.IsListType():
			return cty.ListValEmpty(ty.ElementType()), nil
		case len(elems) == 0:
			return cty.SetValEmpty(ty.ElementType()), nil
		case ty.IsListType():
			return cty.ListVal(elems), nil
		}
		return cty.SetVal(elems), nil
	case ty.IsMapType(), ty.IsObjectType():
		attrs := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			fe, err := pluginValue(e)
			if err != nil {
				return cty.NilVal, err
			}
			attrs[k.AsString()] = fe
		}
		switch {
		case ty.IsObjectType():
			if len(attrs) == 0 {
				return cty.EmptyObjectVal, nil
			}
			return cty.ObjectVal(attrs), nil
		case len(attrs) == 0:
			return cty.MapValEmpty(ty.ElementType()), nil
		}
		return cty.MapVal(attrs), nil
	}
	return v, nil
}

// FixSpecNumbers applies PluginValue to every LiteralSpec value in s, in place.
func FixSpecNumbers(s hcldec.Spec) error {
	switch t := s.(type) {
	case hcldec.ObjectSpec:
		for _, x := range t {
			if err := FixSpecNumbers(x); err != nil {
				return err
			}
		}
	case *hcldec.ObjectSpec:
		if t != nil {
			return FixSpecNumbers(*t)
		}
	case hcldec.TupleSpec:
		for _, x := range t {
			if err := FixSpecNumbers(x); err != nil {
				return err
			}
		}
	case *hcldec.TupleSpec:
		if t != nil {
			return FixSpecNumbers(*t)
		}
	case *hcldec.LiteralSpec:
		if t != nil {
			v, err := PluginValue(t.Value)
			if err != nil {
				return err
			}
			t.Value = v
		}
	case *hcldec.BlockSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.BlockListSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.BlockTupleSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.BlockSetSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.BlockMapSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.BlockObjectSpec:
		if t != nil {
			return FixSpecNumbers(t.Nested)
		}
	case *hcldec.DefaultSpec:
		if t != nil {
			if err := FixSpecNumbers(t.Primary); err != nil {
				return err
			}
			return FixSpecNumbers(t.Default)
		}
	}
	return nil
}
