package main

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/hashicorp/hcl/v2/hcldec"
	_ "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/zclconf/go-cty/cty"
)

func try(name string, v interface{}) {
	b := &bytes.Buffer{}
	err := gob.NewEncoder(b).Encode(v)
	fmt.Printf("%-20s err=%v len=%d\n", name, err, b.Len())
}

func main() {
	for name, ty := range map[string]cty.Type{
		"dyn": cty.DynamicPseudoType, "opt": cty.ObjectWithOptionalAttrs(map[string]cty.Type{"a": cty.String}, []string{"a"}),
		"obj": cty.Object(map[string]cty.Type{"a": cty.String}), "tuple": cty.Tuple([]cty.Type{cty.String}), "set": cty.Set(cty.Number), "listdyn": cty.List(cty.DynamicPseudoType),
	} {
		try("spec-"+name, hcldec.ObjectSpec{"x": &hcldec.AttrSpec{Name: "x", Type: ty}})
	}
	vals := map[string]cty.Value{
		"unknown": cty.UnknownVal(cty.String), "dynval": cty.DynamicVal, "nulldyn": cty.NullVal(cty.DynamicPseudoType),
		"null": cty.NullVal(cty.String), "refined": cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix("ab").NewValue(),
		"set": cty.SetVal([]cty.Value{cty.StringVal("a")}), "inf": cty.PositiveInfinity, "emptyset": cty.SetValEmpty(cty.String),
		"listunk": cty.ListVal([]cty.Value{cty.UnknownVal(cty.String)}), "obj": cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1)}),
		"marked": cty.StringVal("x").Mark("sens"),
	}
	for name, v := range vals {
		try("val-"+name, v)
	}
}
