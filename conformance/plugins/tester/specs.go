package main

import (
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
)

// Specs are functions so every ConfigSpec/OutputSpec call builds a fresh value.

// innerObjectType is an object type reused in several specs.
var innerObjectType = cty.Object(map[string]cty.Type{
	"name":  cty.String,
	"count": cty.Number,
	"tags":  cty.List(cty.String),
})

// fullSpec covers every hcldec spec kind that gob can carry (all the kinds
// registered with gob by hcldec and the SDK), and every cty type kind except
// DynamicPseudoType (which gob cannot encode; see dynamicSpec). ToProto
// rejects it (several rejected nodes, so Go's error text depends on map
// iteration order).
func fullSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		// primitives, required and optional
		"str":  &hcldec.AttrSpec{Name: "str", Type: cty.String, Required: true},
		"num":  &hcldec.AttrSpec{Name: "num", Type: cty.Number, Required: false},
		"flag": &hcldec.AttrSpec{Name: "flag", Type: cty.Bool, Required: false},
		// collections
		"strs":       &hcldec.AttrSpec{Name: "strs", Type: cty.List(cty.String)},
		"num_set":    &hcldec.AttrSpec{Name: "num_set", Type: cty.Set(cty.Number)},
		"labels":     &hcldec.AttrSpec{Name: "labels", Type: cty.Map(cty.String)},
		"list_lists": &hcldec.AttrSpec{Name: "list_lists", Type: cty.List(cty.List(cty.Number))},
		"map_sets":   &hcldec.AttrSpec{Name: "map_sets", Type: cty.Map(cty.Set(cty.Bool))},
		// structural
		"obj": &hcldec.AttrSpec{Name: "obj", Type: innerObjectType},
		"obj_opt": &hcldec.AttrSpec{Name: "obj_opt", Type: cty.ObjectWithOptionalAttrs(map[string]cty.Type{
			"a": cty.String,
			"b": cty.Number,
			"c": cty.List(cty.Bool),
		}, []string{"b", "c"})},
		"empty_obj": &hcldec.AttrSpec{Name: "empty_obj", Type: cty.EmptyObject},
		"tup":       &hcldec.AttrSpec{Name: "tup", Type: cty.Tuple([]cty.Type{cty.String, cty.Number, cty.Bool})},
		"empty_tup": &hcldec.AttrSpec{Name: "empty_tup", Type: cty.EmptyTuple},
		"deep_type": &hcldec.AttrSpec{Name: "deep_type", Type: cty.Map(cty.List(cty.Object(map[string]cty.Type{
			"set":   cty.Set(cty.String),
			"tuple": cty.Tuple([]cty.Type{cty.Map(cty.Number), innerObjectType}),
		})))},
		// behaviour switches read by the builder
		"wait_for_cancel": &hcldec.AttrSpec{Name: "wait_for_cancel", Type: cty.Bool},
		"no_artifact":     &hcldec.AttrSpec{Name: "no_artifact", Type: cty.Bool},
		// literal, default, tuple specs
		"literal": &hcldec.LiteralSpec{Value: cty.StringVal("literal-value")},
		"literal_obj": &hcldec.LiteralSpec{Value: cty.ObjectVal(map[string]cty.Value{
			"n": cty.NumberFloatVal(1.5),
			"l": cty.ListVal([]cty.Value{cty.StringVal("x"), cty.StringVal("y")}),
		})},
		"defaulted": &hcldec.DefaultSpec{
			Primary: &hcldec.AttrSpec{Name: "defaulted", Type: cty.Number},
			Default: &hcldec.LiteralSpec{Value: cty.NumberIntVal(7)},
		},
		"tuple_spec": hcldec.TupleSpec{
			&hcldec.AttrSpec{Name: "tuple_first", Type: cty.String},
			&hcldec.LiteralSpec{Value: cty.True},
		},
		// an ObjectSpec directly inside an ObjectSpec (same body)
		"group": hcldec.ObjectSpec{
			"group_a": &hcldec.AttrSpec{Name: "group_a", Type: cty.String},
			"group_b": &hcldec.AttrSpec{Name: "group_b", Type: cty.List(cty.Number)},
		},
		// blocks
		"block": &hcldec.BlockSpec{TypeName: "block", Required: false, Nested: hcldec.ObjectSpec{
			"name": &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true},
			"inner": &hcldec.BlockSpec{TypeName: "inner", Nested: hcldec.ObjectSpec{
				"value": &hcldec.AttrSpec{Name: "value", Type: cty.Number},
				"leaves": &hcldec.BlockListSpec{TypeName: "leaf", MinItems: 0, MaxItems: 0, Nested: hcldec.ObjectSpec{
					"id":   &hcldec.AttrSpec{Name: "id", Type: cty.String, Required: true},
					"data": &hcldec.AttrSpec{Name: "data", Type: cty.Map(cty.Number)},
					"deepest": &hcldec.BlockSpec{TypeName: "deepest", Nested: hcldec.ObjectSpec{
						"ok": &hcldec.AttrSpec{Name: "ok", Type: cty.Bool},
					}},
				}},
			}},
		}},
		"required_block": &hcldec.BlockSpec{TypeName: "required_block", Required: true, Nested: hcldec.ObjectSpec{
			"id": &hcldec.AttrSpec{Name: "id", Type: cty.String},
		}},
		"blocks": &hcldec.BlockListSpec{TypeName: "blocks", MinItems: 1, MaxItems: 3, Nested: hcldec.ObjectSpec{
			"key":   &hcldec.AttrSpec{Name: "key", Type: cty.String, Required: true},
			"value": &hcldec.AttrSpec{Name: "value", Type: cty.String},
		}},
		"block_set": &hcldec.BlockSetSpec{TypeName: "block_set", MinItems: 0, MaxItems: 5, Nested: hcldec.ObjectSpec{
			"item": &hcldec.AttrSpec{Name: "item", Type: cty.Number},
		}},
		"block_map": &hcldec.BlockMapSpec{TypeName: "block_map", LabelNames: []string{"key"}, Nested: hcldec.ObjectSpec{
			"value": &hcldec.AttrSpec{Name: "value", Type: cty.String},
		}},
		"block_object": &hcldec.BlockObjectSpec{TypeName: "block_object", LabelNames: []string{"kind", "name"}, Nested: hcldec.ObjectSpec{
			"enabled": &hcldec.AttrSpec{Name: "enabled", Type: cty.Bool},
		}},
		"block_attrs":     &hcldec.BlockAttrsSpec{TypeName: "block_attrs", ElementType: cty.String, Required: false},
		"block_attrs_req": &hcldec.BlockAttrsSpec{TypeName: "block_attrs_req", ElementType: cty.List(cty.Number), Required: true},
		"labelled": &hcldec.BlockListSpec{TypeName: "labelled", Nested: hcldec.ObjectSpec{
			"label": &hcldec.BlockLabelSpec{Index: 0, Name: "label"},
			"body":  &hcldec.AttrSpec{Name: "body", Type: cty.String},
		}},
		"no_nested":  &hcldec.BlockListSpec{TypeName: "no_nested", Nested: nil},
		"max_nested": &hcldec.BlockListSpec{TypeName: "max_nested", MinItems: 2147483647, MaxItems: 2147483647, Nested: hcldec.ObjectSpec{}},
		"unicode":    &hcldec.AttrSpec{Name: "ünïcødé-名前", Type: cty.String},
		"$dollar":    &hcldec.AttrSpec{Name: "$dollar", Type: cty.String},
	}
}

// protoSafeBuilderSpec uses only what the SDK's ToProto accepts: Object, Attr,
// Block and BlockList specs with primitive, list and map types, nested several
// levels deep.
func protoSafeBuilderSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"str":             &hcldec.AttrSpec{Name: "str", Type: cty.String, Required: true},
		"num":             &hcldec.AttrSpec{Name: "num", Type: cty.Number},
		"flag":            &hcldec.AttrSpec{Name: "flag", Type: cty.Bool},
		"strs":            &hcldec.AttrSpec{Name: "strs", Type: cty.List(cty.String)},
		"labels":          &hcldec.AttrSpec{Name: "labels", Type: cty.Map(cty.String)},
		"matrix":          &hcldec.AttrSpec{Name: "matrix", Type: cty.List(cty.List(cty.Number))},
		"map_lists":       &hcldec.AttrSpec{Name: "map_lists", Type: cty.Map(cty.List(cty.Bool))},
		"wait_for_cancel": &hcldec.AttrSpec{Name: "wait_for_cancel", Type: cty.Bool},
		"no_artifact":     &hcldec.AttrSpec{Name: "no_artifact", Type: cty.Bool},
		"group": hcldec.ObjectSpec{
			"group_a": &hcldec.AttrSpec{Name: "group_a", Type: cty.String},
		},
		"block": &hcldec.BlockSpec{TypeName: "block", Required: true, Nested: hcldec.ObjectSpec{
			"name": &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true},
			"inner": &hcldec.BlockSpec{TypeName: "inner", Nested: hcldec.ObjectSpec{
				"value": &hcldec.AttrSpec{Name: "value", Type: cty.Number},
				"leaves": &hcldec.BlockListSpec{TypeName: "leaf", MinItems: 1, MaxItems: 4, Nested: hcldec.ObjectSpec{
					"id":   &hcldec.AttrSpec{Name: "id", Type: cty.String, Required: true},
					"data": &hcldec.AttrSpec{Name: "data", Type: cty.Map(cty.Number)},
				}},
			}},
		}},
		"blocks": &hcldec.BlockListSpec{TypeName: "blocks", MinItems: 0, MaxItems: 10, Nested: hcldec.ObjectSpec{
			"key":   &hcldec.AttrSpec{Name: "key", Type: cty.String, Required: true},
			"value": &hcldec.AttrSpec{Name: "value", Type: cty.String},
		}},
	}
}

// provisionerSpec is protobuf-safe.
func provisionerSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"command":     &hcldec.AttrSpec{Name: "command", Type: cty.String, Required: true},
		"environment": &hcldec.AttrSpec{Name: "environment", Type: cty.Map(cty.String)},
		"args":        &hcldec.AttrSpec{Name: "args", Type: cty.List(cty.String)},
		"timeout":     &hcldec.AttrSpec{Name: "timeout", Type: cty.Number},
		"upload": &hcldec.BlockListSpec{TypeName: "upload", MinItems: 0, MaxItems: 2, Nested: hcldec.ObjectSpec{
			"source":      &hcldec.AttrSpec{Name: "source", Type: cty.String, Required: true},
			"destination": &hcldec.AttrSpec{Name: "destination", Type: cty.String, Required: true},
		}},
		"retry": &hcldec.BlockSpec{TypeName: "retry", Nested: hcldec.ObjectSpec{
			"attempts": &hcldec.AttrSpec{Name: "attempts", Type: cty.Number},
			"backoff":  &hcldec.AttrSpec{Name: "backoff", Type: cty.List(cty.Number)},
		}},
	}
}

// oneRejectSpec is protobuf-safe except for exactly one node (a
// BlockAttrsSpec), so ToProto's error text is deterministic.
func oneRejectSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"destination": &hcldec.AttrSpec{Name: "destination", Type: cty.String, Required: true},
		"keep":        &hcldec.AttrSpec{Name: "keep", Type: cty.Bool},
		"metadata":    &hcldec.BlockAttrsSpec{TypeName: "metadata", ElementType: cty.String},
	}
}

// protoSafePostProcessorSpec is oneRejectSpec without its BlockAttrsSpec: the `chain`
// post-processor, which real Packer runs in protobuf too.
func protoSafePostProcessorSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"destination": &hcldec.AttrSpec{Name: "destination", Type: cty.String, Required: true},
		"keep":        &hcldec.AttrSpec{Name: "keep", Type: cty.Bool},
	}
}

// dynamicSpec holds a DynamicPseudoType attribute: gob cannot encode that
// type (the fork registers no pseudo type) and ToProto rejects it, so its
// ConfigSpec fails in both modes.
func dynamicSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"anything": &hcldec.AttrSpec{Name: "anything", Type: cty.DynamicPseudoType},
	}
}

// datasourceConfigSpec is protobuf-safe.
func datasourceConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"case":    &hcldec.AttrSpec{Name: "case", Type: cty.Number, Required: true},
		"label":   &hcldec.AttrSpec{Name: "label", Type: cty.String},
		"options": &hcldec.AttrSpec{Name: "options", Type: cty.Map(cty.String)},
		"filter": &hcldec.BlockListSpec{TypeName: "filter", Nested: hcldec.ObjectSpec{
			"name":   &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true},
			"values": &hcldec.AttrSpec{Name: "values", Type: cty.List(cty.String)},
		}},
	}
}

// outputAttrs are the attributes of the datasources' output object; each case
// of cases.go fills some of them.
var outputAttrs = map[string]cty.Type{
	"case":  cty.Number,
	"title": cty.String,
	"s":     cty.String,
	"n":     cty.Number,
	"b":     cty.Bool,
	"ls":    cty.List(cty.String),
	"ln":    cty.List(cty.Number),
	"lls":   cty.List(cty.List(cty.String)),
	"mb":    cty.Map(cty.Bool),
	"mn":    cty.Map(cty.Number),
	"mls":   cty.Map(cty.List(cty.String)),
	"ss":    cty.Set(cty.String),
	"sn":    cty.Set(cty.Number),
	"o":     innerObjectType,
	"t":     cty.Tuple([]cty.Type{cty.String, cty.Number, cty.Bool}),
	"lo":    cty.List(cty.Object(map[string]cty.Type{"k": cty.String, "v": cty.Number})),
	"so":    cty.Set(cty.Object(map[string]cty.Type{"k": cty.String, "v": cty.Number})),
	"deep": cty.List(cty.Map(cty.Object(map[string]cty.Type{
		"id":    cty.Number,
		"items": cty.Set(cty.String),
		"inner": cty.Object(map[string]cty.Type{
			"flag": cty.Bool,
			"vals": cty.List(cty.Number),
			"more": cty.Tuple([]cty.Type{cty.Map(cty.String), cty.EmptyObject, cty.EmptyTuple}),
		}),
	}))),
}

// protoSafeAttrs are the output attributes ToProto accepts.
var protoSafeAttrs = []string{"case", "title", "s", "n", "b", "ls", "ln", "lls", "mb", "mn", "mls"}

func outputSpecFor(names []string) hcldec.ObjectSpec {
	spec := hcldec.ObjectSpec{}
	for _, n := range names {
		spec[n] = &hcldec.AttrSpec{Name: n, Type: outputAttrs[n], Required: false}
	}
	return spec
}

// fullOutputSpec covers every output attribute; ToProto rejects it.
func fullOutputSpec() hcldec.ObjectSpec {
	names := make([]string, 0, len(outputAttrs))
	for n := range outputAttrs {
		names = append(names, n)
	}
	return outputSpecFor(names)
}

// protoSafeOutputSpec is protobuf-safe.
func protoSafeOutputSpec() hcldec.ObjectSpec { return outputSpecFor(protoSafeAttrs) }
