package canon

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2/hcldec"
)

// Spec returns the canonical form of an hcldec spec (vectors/README.md).
// Number values inside LiteralSpec are written without precision.
func Spec(s hcldec.Spec) (Node, error) {
	switch t := s.(type) {
	case nil:
		return nil, nil
	case hcldec.ObjectSpec:
		return objectSpec(t)
	case *hcldec.ObjectSpec:
		if t == nil {
			return nil, nil
		}
		return objectSpec(*t)
	case hcldec.TupleSpec:
		return tupleSpec(t)
	case *hcldec.TupleSpec:
		if t == nil {
			return nil, nil
		}
		return tupleSpec(*t)
	case *hcldec.AttrSpec:
		if t == nil {
			return nil, nil
		}
		ty, err := CtyType(t.Type)
		if err != nil {
			return nil, err
		}
		return Tag("$attr", map[string]any{"Name": t.Name, "Type": ty, "Required": t.Required}), nil
	case *hcldec.LiteralSpec:
		if t == nil {
			return nil, nil
		}
		v, err := CtyValue(t.Value, false)
		if err != nil {
			return nil, err
		}
		return Tag("$literal", map[string]any{"Value": v}), nil
	case *hcldec.BlockSpec:
		if t == nil {
			return nil, nil
		}
		n, err := Spec(t.Nested)
		if err != nil {
			return nil, err
		}
		return Tag("$block", map[string]any{"TypeName": t.TypeName, "Nested": n, "Required": t.Required}), nil
	case *hcldec.BlockListSpec:
		if t == nil {
			return nil, nil
		}
		return blockSeq("$blockList", t.TypeName, t.Nested, t.MinItems, t.MaxItems)
	case *hcldec.BlockTupleSpec:
		if t == nil {
			return nil, nil
		}
		return blockSeq("$blockTuple", t.TypeName, t.Nested, t.MinItems, t.MaxItems)
	case *hcldec.BlockSetSpec:
		if t == nil {
			return nil, nil
		}
		return blockSeq("$blockSet", t.TypeName, t.Nested, t.MinItems, t.MaxItems)
	case *hcldec.BlockMapSpec:
		if t == nil {
			return nil, nil
		}
		return blockLabelled("$blockMap", t.TypeName, t.LabelNames, t.Nested)
	case *hcldec.BlockObjectSpec:
		if t == nil {
			return nil, nil
		}
		return blockLabelled("$blockObject", t.TypeName, t.LabelNames, t.Nested)
	case *hcldec.BlockAttrsSpec:
		if t == nil {
			return nil, nil
		}
		ty, err := CtyType(t.ElementType)
		if err != nil {
			return nil, err
		}
		return Tag("$blockAttrs", map[string]any{"TypeName": t.TypeName, "ElementType": ty, "Required": t.Required}), nil
	case *hcldec.BlockLabelSpec:
		if t == nil {
			return nil, nil
		}
		return Tag("$blockLabel", map[string]any{"Index": t.Index, "Name": t.Name}), nil
	case *hcldec.DefaultSpec:
		if t == nil {
			return nil, nil
		}
		p, err := Spec(t.Primary)
		if err != nil {
			return nil, err
		}
		d, err := Spec(t.Default)
		if err != nil {
			return nil, err
		}
		return Tag("$default", map[string]any{"Primary": p, "Default": d}), nil
	}
	return nil, fmt.Errorf("canon: unsupported hcldec spec %T", s)
}

func objectSpec(o hcldec.ObjectSpec) (Node, error) {
	out := map[string]any{}
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		n, err := Spec(o[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[EscapeKey(k)] = n
	}
	return Tag("$object", out), nil
}

func tupleSpec(t hcldec.TupleSpec) (Node, error) {
	out := []any{}
	for i, s := range t {
		n, err := Spec(s)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out = append(out, n)
	}
	return Tag("$tuple", out), nil
}

func blockSeq(tag, typeName string, nested hcldec.Spec, min, max int) (Node, error) {
	n, err := Spec(nested)
	if err != nil {
		return nil, err
	}
	return Tag(tag, map[string]any{"TypeName": typeName, "Nested": n, "MinItems": min, "MaxItems": max}), nil
}

func blockLabelled(tag, typeName string, labels []string, nested hcldec.Spec) (Node, error) {
	n, err := Spec(nested)
	if err != nil {
		return nil, err
	}
	ls := []any{}
	for _, l := range labels {
		ls = append(ls, l)
	}
	return Tag(tag, map[string]any{"TypeName": typeName, "LabelNames": ls, "Nested": n}), nil
}
