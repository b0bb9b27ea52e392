package main

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
)

func TestVariedValueKeepsItsVariedType(t *testing.T) {
	ty := cty.Object(map[string]cty.Type{
		"name":  cty.String,
		"count": cty.Number,
		"tags":  cty.Map(cty.String),
		"items": cty.List(cty.Object(map[string]cty.Type{"id": cty.Number, "on": cty.Bool})),
		"set":   cty.Set(cty.String),
	})
	v := cty.ObjectVal(map[string]cty.Value{
		"name":  cty.StringVal("alpha"),
		"count": cty.NumberIntVal(3),
		"tags":  cty.MapVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.StringVal("y")}),
		"items": cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"id": cty.NumberIntVal(1), "on": cty.True}), cty.ObjectVal(map[string]cty.Value{"id": cty.NumberIntVal(2), "on": cty.False})}),
		"set":   cty.SetVal([]cty.Value{cty.StringVal("p"), cty.StringVal("q")}),
	})
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		vr := varier{n: uint64(i) + 1, salt: uint64(i)*2 + 1}
		got := vr.ctyValue(v)
		if !got.Type().Equals(vr.ctyType(ty)) {
			t.Fatalf("variant %d: value type %#v, varied type %#v", i, got.Type(), vr.ctyType(ty))
		}
		if got.RawEquals(v) {
			t.Fatalf("variant %d equals the original", i)
		}
		seen[got.GoString()] = true
	}
	if len(seen) < 50 {
		t.Fatalf("only %d distinct variants of 50", len(seen))
	}
}

func TestNamesRenameInjectivelyAndKeepTheirShape(t *testing.T) {
	vr := varier{n: 7, salt: 3}
	names := []string{"ab", "ba", "a_b", "image_name", "Zone9"}
	out := map[string]string{}
	for _, n := range names {
		r := vr.name(n)
		if len(r) != len(n) {
			t.Errorf("%q -> %q: length changed", n, r)
		}
		for i := range n {
			if (n[i] == '_') != (r[i] == '_') {
				t.Errorf("%q -> %q: separator moved", n, r)
			}
		}
		if prev, dup := out[r]; dup {
			t.Errorf("%q and %q both rename to %q", prev, n, r)
		}
		out[r] = n
	}
}

func TestSpecVariantRenamesKeysAndAttributeNamesAlike(t *testing.T) {
	spec := hcldec.ObjectSpec{
		"image_name": &hcldec.AttrSpec{Name: "image_name", Type: cty.String},
		"disk_size":  &hcldec.AttrSpec{Name: "disk_size", Type: cty.Number},
		"labels":     &hcldec.AttrSpec{Name: "labels", Type: cty.Map(cty.String)},
	}
	for i := 0; i < 6; i++ {
		vr := varier{n: uint64(i) + 1, salt: uint64(i)*2 + 1}
		got := vr.value(reflect.ValueOf(spec)).Interface().(hcldec.ObjectSpec)
		for _, k := range []string{"image_name", "disk_size"} {
			a, ok := got[vr.name(k)].(*hcldec.AttrSpec)
			if ok && a.Name != vr.name(k) {
				t.Errorf("variant %d: key %q has attribute name %q", i, vr.name(k), a.Name)
			}
		}
		if len(got) < 2 || len(got) > 4 {
			t.Errorf("variant %d: %d attributes", i, len(got))
		}
	}
}

func TestNumbersChangeAtTheirPrecision(t *testing.T) {
	vr := varier{n: 1, salt: 1}
	f := new(big.Float).SetPrec(512).SetInt64(-5)
	g := vr.num(f)
	if g.Cmp(f) >= 0 || g.Prec() != 512 {
		t.Errorf("-5 -> %v (prec %d)", g, g.Prec())
	}
	h := vr.num(big.NewFloat(1.5))
	if h.Cmp(big.NewFloat(1.5)) == 0 {
		t.Errorf("1.5 unchanged")
	}
}
