package canon

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The inverse direction (canonical JSON -> Go), used to re-check captures
// (proto-spec rejections are rebuilt and given to ToProto again) and by the
// round-trip unit tests.

func tagOf(n Node) (string, Node, bool) {
	m, ok := n.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		if len(k) > 0 && k[0] == '$' && (len(k) == 1 || k[1] != '$') {
			return k, v, true
		}
	}
	return "", nil, false
}

func intOf(n Node) (int, error) {
	switch v := n.(type) {
	case int:
		return v, nil
	case json.Number:
		i, err := strconv.Atoi(string(v))
		return i, err
	case float64:
		return int(v), nil
	}
	return 0, fmt.Errorf("canon: not an integer: %#v", n)
}

// CtyTypeFromCanonical parses a CtyType node.
func CtyTypeFromCanonical(n Node) (cty.Type, error) {
	b, err := Marshal(n)
	if err != nil {
		return cty.NilType, err
	}
	return ctyjson.UnmarshalType(b)
}

// CtyValueFromCanonical rebuilds a cty.Value from {"type": T, "value": V}.
func CtyValueFromCanonical(n Node) (cty.Value, error) {
	m, ok := n.(map[string]any)
	if !ok {
		return cty.NilVal, fmt.Errorf("canon: cty value is not an object")
	}
	ty, err := CtyTypeFromCanonical(m["type"])
	if err != nil {
		return cty.NilVal, err
	}
	return CtyVFromCanonical(ty, m["value"])
}

// CtyVFromCanonical rebuilds a value of type ty from its V node.
func CtyVFromCanonical(ty cty.Type, n Node) (cty.Value, error) {
	if n == nil {
		return cty.NullVal(ty), nil
	}
	if tag, body, ok := tagOf(n); ok && tag == "$unknown" {
		return unknownFromCanonical(ty, body)
	}
	switch {
	case ty == cty.String:
		s, ok := n.(string)
		if !ok {
			return cty.NilVal, fmt.Errorf("canon: want string, got %#v", n)
		}
		return cty.StringVal(s), nil
	case ty == cty.Bool:
		b, ok := n.(bool)
		if !ok {
			return cty.NilVal, fmt.Errorf("canon: want bool, got %#v", n)
		}
		return cty.BoolVal(b), nil
	case ty == cty.Number:
		tag, body, ok := tagOf(n)
		if !ok {
			if m, isMap := n.(map[string]any); isMap {
				body, ok, tag = m["$number"], m["$number"] != nil, "$number"
			}
		}
		if !ok || tag != "$number" {
			return cty.NilVal, fmt.Errorf("canon: want $number, got %#v", n)
		}
		f, err := parseNumber(body.(string), n)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.NumberVal(f), nil
	case ty.IsListType(), ty.IsSetType():
		l, ok := n.([]any)
		if !ok {
			return cty.NilVal, fmt.Errorf("canon: want array for %#v", ty)
		}
		ety := ty.ElementType()
		vs := make([]cty.Value, len(l))
		for i, e := range l {
			v, err := CtyVFromCanonical(ety, e)
			if err != nil {
				return cty.NilVal, err
			}
			vs[i] = v
		}
		if len(vs) == 0 {
			if ty.IsListType() {
				return cty.ListValEmpty(ety), nil
			}
			return cty.SetValEmpty(ety), nil
		}
		if ty.IsListType() {
			return cty.ListVal(vs), nil
		}
		return cty.SetVal(vs), nil
	case ty.IsTupleType():
		l, ok := n.([]any)
		ets := ty.TupleElementTypes()
		if !ok || len(l) != len(ets) {
			return cty.NilVal, fmt.Errorf("canon: want %d-array for tuple", len(ets))
		}
		vs := make([]cty.Value, len(l))
		for i, e := range l {
			v, err := CtyVFromCanonical(ets[i], e)
			if err != nil {
				return cty.NilVal, err
			}
			vs[i] = v
		}
		return cty.TupleVal(vs), nil
	case ty.IsMapType():
		m, ok := n.(map[string]any)
		if !ok {
			return cty.NilVal, fmt.Errorf("canon: want object for map")
		}
		if len(m) == 0 {
			return cty.MapValEmpty(ty.ElementType()), nil
		}
		vs := map[string]cty.Value{}
		for k, e := range m {
			v, err := CtyVFromCanonical(ty.ElementType(), e)
			if err != nil {
				return cty.NilVal, err
			}
			vs[UnescapeKey(k)] = v
		}
		return cty.MapVal(vs), nil
	case ty.IsObjectType():
		m, ok := n.(map[string]any)
		if !ok {
			return cty.NilVal, fmt.Errorf("canon: want object for object type")
		}
		vs := map[string]cty.Value{}
		for name, aty := range ty.AttributeTypes() {
			v, err := CtyVFromCanonical(aty, m[EscapeKey(name)])
			if err != nil {
				return cty.NilVal, err
			}
			vs[name] = v
		}
		return cty.ObjectVal(vs), nil
	}
	return cty.NilVal, fmt.Errorf("canon: cannot rebuild a known value of type %#v", ty)
}

func parseNumber(s string, n Node) (*big.Float, error) {
	prec := uint(512)
	mode := big.ToNearestEven
	if m, ok := n.(map[string]any); ok {
		if p, ok := m["prec"]; ok {
			pi, err := intOf(p)
			if err != nil {
				return nil, err
			}
			prec = uint(pi)
		}
		if ms, ok := m["mode"].(string); ok {
			for rm := big.ToNearestEven; rm <= big.ToPositiveInf; rm++ {
				if rm.String() == ms {
					mode = rm
				}
			}
		}
	}
	switch s {
	case "+Inf":
		return new(big.Float).SetInf(false), nil
	case "-Inf":
		return new(big.Float).SetInf(true), nil
	}
	p := prec
	if p == 0 {
		p = 512
	}
	f, _, err := big.ParseFloat(s, 10, p, mode)
	if err != nil {
		return nil, fmt.Errorf("canon: number %q: %v", s, err)
	}
	return f, nil
}

func unknownFromCanonical(ty cty.Type, body Node) (cty.Value, error) {
	v := cty.UnknownVal(ty)
	ref, _ := body.(map[string]any)
	if len(ref) == 0 {
		return v, nil
	}
	b := v.Refine()
	if nn, _ := ref["notNull"].(bool); nn {
		b = b.NotNull()
	}
	if p, ok := ref["stringPrefix"].(string); ok {
		b = b.StringPrefixFull(p)
	}
	for _, k := range []string{"numberLower", "numberUpper"} {
		if l, ok := ref[k].([]any); ok && len(l) == 2 {
			f, err := parseNumber(l[0].(string), nil)
			if err != nil {
				return cty.NilVal, err
			}
			inc, _ := l[1].(bool)
			if k == "numberLower" {
				b = b.NumberRangeLowerBound(cty.NumberVal(f), inc)
			} else {
				b = b.NumberRangeUpperBound(cty.NumberVal(f), inc)
			}
		}
	}
	if x, ok := ref["lengthLower"]; ok {
		i, err := intOf(x)
		if err != nil {
			return cty.NilVal, err
		}
		b = b.CollectionLengthLowerBound(i)
	}
	if x, ok := ref["lengthUpper"]; ok {
		i, err := intOf(x)
		if err != nil {
			return cty.NilVal, err
		}
		b = b.CollectionLengthUpperBound(i)
	}
	return b.NewValue(), nil
}

// SpecFromCanonical rebuilds an hcldec spec from its canonical form.
// $object gives hcldec.ObjectSpec (a value), $tuple hcldec.TupleSpec.
func SpecFromCanonical(n Node) (hcldec.Spec, error) {
	if n == nil {
		return nil, nil
	}
	tag, body, ok := tagOf(n)
	if !ok {
		return nil, fmt.Errorf("canon: not a spec node: %s", short(n))
	}
	f, _ := body.(map[string]any)
	sub := func(k string) (hcldec.Spec, error) { return SpecFromCanonical(f[k]) }
	s := func(k string) string { v, _ := f[k].(string); return v }
	bl := func(k string) bool { v, _ := f[k].(bool); return v }
	labels := func() []string {
		var out []string
		if l, ok := f["LabelNames"].([]any); ok {
			for _, x := range l {
				out = append(out, x.(string))
			}
		}
		return out
	}
	switch tag {
	case "$object":
		m, ok := body.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("canon: $object body")
		}
		o := hcldec.ObjectSpec{}
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			sp, err := SpecFromCanonical(m[k])
			if err != nil {
				return nil, err
			}
			o[UnescapeKey(k)] = sp
		}
		return o, nil
	case "$tuple":
		l, ok := body.([]any)
		if !ok {
			return nil, fmt.Errorf("canon: $tuple body")
		}
		t := hcldec.TupleSpec{}
		for _, e := range l {
			sp, err := SpecFromCanonical(e)
			if err != nil {
				return nil, err
			}
			t = append(t, sp)
		}
		return t, nil
	case "$attr":
		ty, err := CtyTypeFromCanonical(f["Type"])
		if err != nil {
			return nil, err
		}
		return &hcldec.AttrSpec{Name: s("Name"), Type: ty, Required: bl("Required")}, nil
	case "$literal":
		v, err := CtyValueFromCanonical(f["Value"])
		if err != nil {
			return nil, err
		}
		return &hcldec.LiteralSpec{Value: v}, nil
	case "$block":
		nested, err := sub("Nested")
		if err != nil {
			return nil, err
		}
		return &hcldec.BlockSpec{TypeName: s("TypeName"), Nested: nested, Required: bl("Required")}, nil
	case "$blockList", "$blockTuple", "$blockSet":
		nested, err := sub("Nested")
		if err != nil {
			return nil, err
		}
		mn, err := intOf(f["MinItems"])
		if err != nil {
			return nil, err
		}
		mx, err := intOf(f["MaxItems"])
		if err != nil {
			return nil, err
		}
		switch tag {
		case "$blockList":
			return &hcldec.BlockListSpec{TypeName: s("TypeName"), Nested: nested, MinItems: mn, MaxItems: mx}, nil
		case "$blockTuple":
			return &hcldec.BlockTupleSpec{TypeName: s("TypeName"), Nested: nested, MinItems: mn, MaxItems: mx}, nil
		}
		return &hcldec.BlockSetSpec{TypeName: s("TypeName"), Nested: nested, MinItems: mn, MaxItems: mx}, nil
	case "$blockMap", "$blockObject":
		nested, err := sub("Nested")
		if err != nil {
			return nil, err
		}
		if tag == "$blockMap" {
			return &hcldec.BlockMapSpec{TypeName: s("TypeName"), LabelNames: labels(), Nested: nested}, nil
		}
		return &hcldec.BlockObjectSpec{TypeName: s("TypeName"), LabelNames: labels(), Nested: nested}, nil
	case "$blockAttrs":
		ty, err := CtyTypeFromCanonical(f["ElementType"])
		if err != nil {
			return nil, err
		}
		return &hcldec.BlockAttrsSpec{TypeName: s("TypeName"), ElementType: ty, Required: bl("Required")}, nil
	case "$blockLabel":
		i, err := intOf(f["Index"])
		if err != nil {
			return nil, err
		}
		return &hcldec.BlockLabelSpec{Index: i, Name: s("Name")}, nil
	case "$default":
		p, err := sub("Primary")
		if err != nil {
			return nil, err
		}
		d, err := sub("Default")
		if err != nil {
			return nil, err
		}
		return &hcldec.DefaultSpec{Primary: p, Default: d}, nil
	}
	return nil, fmt.Errorf("canon: unknown spec tag %s", tag)
}
