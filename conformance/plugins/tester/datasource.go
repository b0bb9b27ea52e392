package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
)

// Datasource returns, per configured `case`, one value from cases.go: an
// object conforming to its OutputSpec for most cases, or a raw value
// (top-level null/unknown/dynamic/marked) for the cases flagged raw.
type Datasource struct {
	output func() hcldec.ObjectSpec
	config preparedConfig
	caseNo int
}

func (d *Datasource) ConfigSpec() hcldec.ObjectSpec { return datasourceConfigSpec() }

func (d *Datasource) OutputSpec() hcldec.ObjectSpec { return d.output() }

func (d *Datasource) Configure(raws ...interface{}) error {
	d.config = readConfigs(raws)
	v := d.config.attr("case")
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.Number {
		return errors.New("tester: case must be set to a known number")
	}
	bf := v.AsBigFloat()
	n, acc := bf.Int64()
	if acc != 0 || n < 1 || int(n) >= len(cases) || cases[n].name == "" {
		return fmt.Errorf("tester: unknown case %s", bf.Text('f', -1))
	}
	d.caseNo = int(n)
	return nil
}

// outputType is the implied type of this datasource's OutputSpec.
func (d *Datasource) outputType() cty.Type {
	return hcldec.ImpliedType(d.output())
}

func (d *Datasource) Execute() (cty.Value, error) {
	c := cases[d.caseNo]
	ty := d.outputType()
	switch {
	case c.err != "":
		return cty.NullVal(ty), errors.New(c.err)
	case c.raw != nil:
		return c.raw(), nil
	case c.whole == "null":
		return cty.NullVal(ty), nil
	case c.whole == "unknown":
		return cty.UnknownVal(ty), nil
	}
	attrs := map[string]cty.Value{}
	names := []string{}
	for name := range ty.AttributeTypes() {
		names = append(names, name)
	}
	sort.Strings(names)
	vals := c.attrs()
	vals["case"] = cty.NumberIntVal(int64(d.caseNo))
	vals["title"] = cty.StringVal(c.name)
	for _, name := range names {
		aty := ty.AttributeType(name)
		if v, ok := vals[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = cty.NullVal(aty)
		}
	}
	return cty.ObjectVal(attrs), nil
}
