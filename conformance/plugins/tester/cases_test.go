package main

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/msgpack"
)

// TestCases runs every case through both datasources and both encodings,
// checking that nothing panics and that object cases conform to OutputSpec.
func TestCases(t *testing.T) {
	for _, out := range []func() hcldec.ObjectSpec{fullOutputSpec, protoSafeOutputSpec} {
		for i := 1; i < len(cases); i++ {
			d := &Datasource{output: out}
			cfg := cty.ObjectVal(map[string]cty.Value{"case": cty.NumberIntVal(int64(i))})
			if err := d.Configure(cfg); err != nil {
				t.Fatalf("case %d: configure: %s", i, err)
			}
			v, err := d.Execute()
			c := cases[i]
			if c.err != "" {
				if err == nil {
					t.Errorf("case %d: expected an error", i)
				}
				continue
			}
			if err != nil {
				t.Fatalf("case %d: %s", i, err)
			}
			if c.raw == nil && !v.Type().Equals(hcldec.ImpliedType(out())) {
				t.Errorf("case %d: type %#v does not conform", i, v.Type())
			}
			var b bytes.Buffer
			gerr := gob.NewEncoder(&b).Encode(v)
			_, merr := msgpack.Marshal(v, cty.DynamicPseudoType)
			t.Logf("case %2d %-18s gob=%v msgpack=%v", i, c.name, gerr, merr)
		}
	}
	for _, s := range []func() hcldec.ObjectSpec{fullSpec, protoSafeBuilderSpec, provisionerSpec, oneRejectSpec, datasourceConfigSpec, fullOutputSpec, protoSafeOutputSpec} {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(s()); err != nil {
			t.Errorf("gob spec: %s", err)
		}
	}
}
