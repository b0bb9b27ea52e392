package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/packer-wire/conformance/canon"
	"github.com/zclconf/go-cty/cty"
	"google.golang.org/protobuf/proto"
)

type specCase struct {
	name string
	spec hcldec.ObjectSpec
}

func attr(name string, ty cty.Type, req bool) *hcldec.AttrSpec {
	return &hcldec.AttrSpec{Name: name, Type: ty, Required: req}
}

// gobSpecCases cover every spec kind the gob path can carry.
func gobSpecCases() []specCase {
	deep := hcldec.Spec(attr("leaf", cty.String, true))
	for i := 0; i < 8; i++ {
		deep = &hcldec.BlockSpec{TypeName: fmt.Sprintf("level%d", i), Nested: hcldec.ObjectSpec{"child": deep, fmt.Sprintf("n%d", i): attr(fmt.Sprintf("n%d", i), cty.Number, false)}}
	}
	return []specCase{
		{"empty", hcldec.ObjectSpec{}},
		{"attr-string", hcldec.ObjectSpec{"name": attr("name", cty.String, true)}},
		{"attr-primitives", hcldec.ObjectSpec{
			"s": attr("s", cty.String, false), "n": attr("n", cty.Number, true), "b": attr("b", cty.Bool, false)}},
		{"attr-collections", hcldec.ObjectSpec{
			"l": attr("l", cty.List(cty.String), false), "m": attr("m", cty.Map(cty.Number), false),
			"s": attr("s", cty.Set(cty.Bool), false), "ll": attr("ll", cty.List(cty.List(cty.String)), false)}},
		{"attr-structural", hcldec.ObjectSpec{
			"o":   attr("o", cty.Object(map[string]cty.Type{"a": cty.String, "b": cty.Number}), false),
			"t":   attr("t", cty.Tuple([]cty.Type{cty.String, cty.Bool}), false),
			"opt": attr("opt", cty.ObjectWithOptionalAttrs(map[string]cty.Type{"x": cty.String, "y": cty.Number}, []string{"y"}), false)}},
		{"attr-name-differs", hcldec.ObjectSpec{"key_in_object": attr("hcl_name", cty.String, false), "$dollar": attr("$dollar", cty.String, false)}},
		{"block", hcldec.ObjectSpec{"b": &hcldec.BlockSpec{TypeName: "b", Required: true, Nested: hcldec.ObjectSpec{"x": attr("x", cty.String, false)}}}},
		{"block-nil-nested", hcldec.ObjectSpec{"b": &hcldec.BlockSpec{TypeName: "b"}}},
		{"block-list", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", MinItems: 1, MaxItems: 5, Nested: hcldec.ObjectSpec{"v": attr("v", cty.Number, true)}}}},
		{"block-list-zero", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: hcldec.ObjectSpec{}}}},
		{"block-set", hcldec.ObjectSpec{"bs": &hcldec.BlockSetSpec{TypeName: "bs", MinItems: 0, MaxItems: 2, Nested: hcldec.ObjectSpec{"k": attr("k", cty.String, true)}}}},
		{"block-map", hcldec.ObjectSpec{"bm": &hcldec.BlockMapSpec{TypeName: "bm", LabelNames: []string{"name"}, Nested: hcldec.ObjectSpec{"v": attr("v", cty.String, false)}}}},
		{"block-map-two-labels", hcldec.ObjectSpec{"bm": &hcldec.BlockMapSpec{TypeName: "bm", LabelNames: []string{"kind", "name"}, Nested: hcldec.ObjectSpec{"v": attr("v", cty.Number, false)}}}},
		{"block-object", hcldec.ObjectSpec{"bo": &hcldec.BlockObjectSpec{TypeName: "bo", LabelNames: []string{"name"}, Nested: hcldec.ObjectSpec{"v": attr("v", cty.String, false)}}}},
		{"block-object-no-labels", hcldec.ObjectSpec{"bo": &hcldec.BlockObjectSpec{TypeName: "bo", LabelNames: []string{}, Nested: hcldec.ObjectSpec{}}}},
		{"block-attrs", hcldec.ObjectSpec{"tags": &hcldec.BlockAttrsSpec{TypeName: "tags", ElementType: cty.String, Required: false},
			"req": &hcldec.BlockAttrsSpec{TypeName: "req", ElementType: cty.Map(cty.Number), Required: true}}},
		{"block-label", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: hcldec.ObjectSpec{
			"name": &hcldec.BlockLabelSpec{Index: 0, Name: "name"}, "second": &hcldec.BlockLabelSpec{Index: 1, Name: "second"},
			"v": attr("v", cty.String, false)}}}},
		{"literal", hcldec.ObjectSpec{
			"s":    &hcldec.LiteralSpec{Value: cty.StringVal("fixed")},
			"n":    &hcldec.LiteralSpec{Value: cty.MustParseNumberVal("0.1")},
			"l":    &hcldec.LiteralSpec{Value: cty.ListVal([]cty.Value{cty.True})},
			"null": &hcldec.LiteralSpec{Value: cty.NullVal(cty.String)},
			"o":    &hcldec.LiteralSpec{Value: cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1)})}}},
		{"default", hcldec.ObjectSpec{"d": &hcldec.DefaultSpec{
			Primary: attr("d", cty.Number, false), Default: &hcldec.LiteralSpec{Value: cty.NumberIntVal(22)}}}},
		{"default-nested", hcldec.ObjectSpec{"d": &hcldec.DefaultSpec{
			Primary: &hcldec.DefaultSpec{Primary: attr("d", cty.String, false), Default: attr("fallback", cty.String, false)},
			Default: &hcldec.LiteralSpec{Value: cty.StringVal("last")}}}},
		{"tuple", hcldec.ObjectSpec{"t": hcldec.TupleSpec{attr("a", cty.String, false), &hcldec.LiteralSpec{Value: cty.False}, hcldec.ObjectSpec{"x": attr("x", cty.Number, false)}}}},
		{"tuple-empty", hcldec.ObjectSpec{"t": hcldec.TupleSpec{}}},
		{"nested-object-value", hcldec.ObjectSpec{"o": hcldec.ObjectSpec{"inner": hcldec.ObjectSpec{"x": attr("x", cty.Bool, false)}}}},
		{"deep-nesting", hcldec.ObjectSpec{"root": deep}},
		{"packer-like", packerLikeSpec()},
		{"many-attrs", manyAttrs(60)},
	}
}

func manyAttrs(n int) hcldec.ObjectSpec {
	o := hcldec.ObjectSpec{}
	tys := []cty.Type{cty.String, cty.Number, cty.Bool, cty.List(cty.String), cty.Map(cty.String)}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("attr_%02d", i)
		o[name] = attr(name, tys[i%len(tys)], i%7 == 0)
	}
	return o
}

// packerLikeSpec resembles what packer-sdc generates for a builder config
// (hcl2spec FlatConfig): attributes, nested block lists and block attrs.
func packerLikeSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"packer_build_name":          attr("packer_build_name", cty.String, false),
		"packer_builder_type":        attr("packer_builder_type", cty.String, false),
		"packer_core_version":        attr("packer_core_version", cty.String, false),
		"packer_debug":               attr("packer_debug", cty.Bool, false),
		"packer_force":               attr("packer_force", cty.Bool, false),
		"packer_on_error":            attr("packer_on_error", cty.String, false),
		"packer_user_variables":      attr("packer_user_variables", cty.Map(cty.String), false),
		"packer_sensitive_variables": attr("packer_sensitive_variables", cty.List(cty.String), false),
		"communicator":               attr("communicator", cty.String, false),
		"ssh_port":                   attr("ssh_port", cty.Number, false),
		"run_tags":                   attr("run_tags", cty.Map(cty.String), false),
		"run_tag": &hcldec.BlockListSpec{TypeName: "run_tag", Nested: hcldec.ObjectSpec{
			"key":   attr("key", cty.String, true),
			"value": attr("value", cty.String, true),
		}},
		"launch_block_device_mappings": &hcldec.BlockListSpec{TypeName: "launch_block_device_mappings", Nested: hcldec.ObjectSpec{
			"device_name": attr("device_name", cty.String, false),
			"volume_size": attr("volume_size", cty.Number, false),
			"encrypted":   attr("encrypted", cty.Bool, false),
		}},
		"assume_role": &hcldec.BlockSpec{TypeName: "assume_role", Nested: hcldec.ObjectSpec{
			"role_arn":    attr("role_arn", cty.String, false),
			"policy_arns": attr("policy_arns", cty.List(cty.String), false),
		}},
	}
}

// gobSpecs: hcldec.ObjectSpec gob-encoded exactly as the SDK's
// commonServer.ConfigSpec does: gob.NewEncoder(b).Encode(spec) on a fresh
// encoder per call.
func gobSpecs() []payload {
	var ps []payload
	for _, c := range gobSpecCases() {
		var b bytes.Buffer
		p := payload{ID: "harness-spec-" + c.name, Kind: "configspec", Mode: "gob",
			Component: "harness/" + c.name, Context: map[string]any{"call": "ConfigSpec"}}
		if err := gob.NewEncoder(&b).Encode(c.spec); err != nil {
			fatalf("gob spec %s: %v", c.name, err)
		}
		p.Bytes = b.Bytes()
		ps = append(ps, p)
	}
	return ps
}

// protoAcceptCases use only what ToProto accepts.
func protoAcceptCases() []specCase {
	return []specCase{
		{"empty", hcldec.ObjectSpec{}},
		{"attr-string", hcldec.ObjectSpec{"name": attr("name", cty.String, true)}},
		{"attr-number", hcldec.ObjectSpec{"n": attr("n", cty.Number, false)}},
		{"attr-bool", hcldec.ObjectSpec{"b": attr("b", cty.Bool, true)}},
		{"attr-list", hcldec.ObjectSpec{"l": attr("l", cty.List(cty.String), false)}},
		{"attr-map", hcldec.ObjectSpec{"m": attr("m", cty.Map(cty.Number), false)}},
		{"attr-list-of-maps", hcldec.ObjectSpec{"lm": attr("lm", cty.List(cty.Map(cty.List(cty.Bool))), false)}},
		{"attr-name-differs", hcldec.ObjectSpec{"key": attr("other_name", cty.String, false)}},
		{"attr-empty-name", hcldec.ObjectSpec{"": attr("", cty.String, false)}},
		{"block", hcldec.ObjectSpec{"b": &hcldec.BlockSpec{TypeName: "b", Required: true, Nested: hcldec.ObjectSpec{"x": attr("x", cty.String, false)}}}},
		{"block-empty-nested", hcldec.ObjectSpec{"b": &hcldec.BlockSpec{TypeName: "b", Nested: hcldec.ObjectSpec{}}}},
		{"block-list", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: hcldec.ObjectSpec{"v": attr("v", cty.Number, true)}}}},
		{"block-list-min-max-dropped", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", MinItems: 1, MaxItems: 3, Nested: hcldec.ObjectSpec{"v": attr("v", cty.String, false)}}}},
		{"block-list-of-attr", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: attr("v", cty.String, false)}}},
		{"nested-blocks", hcldec.ObjectSpec{"outer": &hcldec.BlockSpec{TypeName: "outer", Nested: hcldec.ObjectSpec{
			"inner": &hcldec.BlockListSpec{TypeName: "inner", Nested: hcldec.ObjectSpec{"leaf": attr("leaf", cty.Bool, false)}}}}}},
		{"object-in-object", hcldec.ObjectSpec{"o": hcldec.ObjectSpec{"x": attr("x", cty.String, false)}}},
		{"two-attrs", hcldec.ObjectSpec{"a": attr("a", cty.String, false), "b": attr("b", cty.Number, false)}},
		{"unicode-names", hcldec.ObjectSpec{"ñame": attr("ñame", cty.String, false), "名前": attr("名前", cty.String, false)}},
		{"packer-like", packerLikeSpec()},
		{"many-attrs", manyAttrs(30)},
	}
}

func protoAccept() []payload {
	var ps []payload
	for _, c := range protoAcceptCases() {
		p := payload{ID: "harness-proto-" + c.name, Kind: "proto-accept", Mode: "protobuf", Component: "harness/" + c.name}
		sp, err := sdkrpc.ToProto(c.spec)
		if err != nil {
			fatalf("proto accept %s: %v", c.name, err)
		}
		b, err := proto.Marshal(sp)
		if err != nil {
			fatalf("proto accept %s: %v", c.name, err)
		}
		p.Bytes = b
		ps = append(ps, p)
	}
	return ps
}

// protoRejectCases each hold exactly one node ToProto refuses.
func protoRejectCases() []specCase {
	ok := func() *hcldec.AttrSpec { return attr("fine", cty.String, false) }
	return []specCase{
		{"block-attrs", hcldec.ObjectSpec{"tags": &hcldec.BlockAttrsSpec{TypeName: "tags", ElementType: cty.String}, "fine": ok()}},
		{"block-object", hcldec.ObjectSpec{"bo": &hcldec.BlockObjectSpec{TypeName: "bo", LabelNames: []string{"n"}, Nested: hcldec.ObjectSpec{}}}},
		{"block-set", hcldec.ObjectSpec{"bs": &hcldec.BlockSetSpec{TypeName: "bs", Nested: hcldec.ObjectSpec{}}}},
		{"block-map", hcldec.ObjectSpec{"bm": &hcldec.BlockMapSpec{TypeName: "bm", LabelNames: []string{"n"}, Nested: hcldec.ObjectSpec{}}}},
		{"block-tuple", hcldec.ObjectSpec{"bt": &hcldec.BlockTupleSpec{TypeName: "bt", Nested: hcldec.ObjectSpec{}}}},
		{"block-label", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: hcldec.ObjectSpec{"l": &hcldec.BlockLabelSpec{Index: 0, Name: "l"}}}}},
		{"literal", hcldec.ObjectSpec{"lit": &hcldec.LiteralSpec{Value: cty.StringVal("x")}}},
		{"default", hcldec.ObjectSpec{"d": &hcldec.DefaultSpec{Primary: ok(), Default: ok()}}},
		{"tuple", hcldec.ObjectSpec{"t": hcldec.TupleSpec{ok()}}},
		{"type-set", hcldec.ObjectSpec{"s": attr("s", cty.Set(cty.String), false)}},
		{"type-object", hcldec.ObjectSpec{"o": attr("o", cty.Object(map[string]cty.Type{"a": cty.String}), false)}},
		{"type-object-optional", hcldec.ObjectSpec{"o": attr("o", cty.ObjectWithOptionalAttrs(map[string]cty.Type{"a": cty.String}, []string{"a"}), false)}},
		{"type-tuple", hcldec.ObjectSpec{"t": attr("t", cty.Tuple([]cty.Type{cty.String, cty.Number}), false)}},
		{"type-dynamic", hcldec.ObjectSpec{"d": attr("d", cty.DynamicPseudoType, false)}},
		{"type-list-of-set", hcldec.ObjectSpec{"l": attr("l", cty.List(cty.Set(cty.Number)), false)}},
		{"type-map-of-dynamic", hcldec.ObjectSpec{"m": attr("m", cty.Map(cty.DynamicPseudoType), false)}},
		{"nested-in-block", hcldec.ObjectSpec{"b": &hcldec.BlockSpec{TypeName: "b", Nested: hcldec.ObjectSpec{"s": attr("s", cty.Set(cty.Bool), false)}}}},
		{"nested-in-block-list", hcldec.ObjectSpec{"bl": &hcldec.BlockListSpec{TypeName: "bl", Nested: hcldec.ObjectSpec{"x": &hcldec.BlockAttrsSpec{TypeName: "x", ElementType: cty.Number}}}}},
		{"object-in-object", hcldec.ObjectSpec{"o": hcldec.ObjectSpec{"t": attr("t", cty.Tuple(nil), false)}}},
	}
}

func protoReject() []payload {
	var ps []payload
	for _, c := range protoRejectCases() {
		p := payload{ID: "harness-proto-reject-" + c.name, Kind: "proto-reject", Mode: "protobuf",
			Component: "harness/" + c.name, Ext: ".json"}
		_, err := sdkrpc.ToProto(c.spec)
		if err == nil {
			fatalf("proto reject %s: ToProto accepted it", c.name)
		}
		p.Err = err.Error()
		n, cerr := canon.Spec(c.spec)
		if cerr != nil {
			fatalf("proto reject %s: %v", c.name, cerr)
		}
		b, cerr := canon.Marshal(n)
		if cerr != nil {
			fatalf("proto reject %s: %v", c.name, cerr)
		}
		p.Bytes = b
		p.Context = map[string]any{"kind": "reject", "spec": n, "error": p.Err}
		if strings.TrimSpace(p.Err) == "" {
			fatalf("proto reject %s: empty error", c.name)
		}
		ps = append(ps, p)
	}
	return ps
}
