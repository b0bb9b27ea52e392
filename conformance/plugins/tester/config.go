package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// preparedConfig is what a component keeps from its Prepare/Configure args.
type preparedConfig struct {
	value cty.Value     // the HCL2 config (cty.NilVal when none was given)
	other []interface{} // every other argument (builder variables, generated data)
	kinds []string      // the Go type of every argument, in order
}

func readConfigs(raws []interface{}) preparedConfig {
	pc := preparedConfig{value: cty.NilVal}
	for _, raw := range raws {
		pc.kinds = append(pc.kinds, fmt.Sprintf("%T", raw))
		if v, ok := raw.(cty.Value); ok && pc.value == cty.NilVal {
			pc.value = v
			continue
		}
		pc.other = append(pc.other, raw)
	}
	return pc
}

// attr returns the named attribute of an object config, or a null value.
func (pc preparedConfig) attr(name string) cty.Value {
	v := pc.value
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() || !v.Type().IsObjectType() || !v.Type().HasAttribute(name) {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return v.GetAttr(name)
}

func (pc preparedConfig) boolAttr(name string) bool {
	v := pc.attr(name)
	return v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.True()
}

func (pc preparedConfig) stringAttr(name string) (string, bool) {
	v := pc.attr(name)
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// describeOther renders the non-cty arguments deterministically (sorted keys).
func (pc preparedConfig) describeOther() string {
	parts := []string{}
	for _, o := range pc.other {
		parts = append(parts, describeGo(o))
	}
	return strings.Join(parts, "; ")
}

func describeGo(o interface{}) string {
	switch m := o.(type) {
	case map[interface{}]interface{}:
		keys := []string{}
		byKey := map[string]interface{}{}
		for k, v := range m {
			ks := fmt.Sprint(k)
			keys = append(keys, ks)
			byKey[ks] = v
		}
		sort.Strings(keys)
		parts := []string{}
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, byKey[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case map[string]interface{}:
		keys := []string{}
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := []string{}
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, m[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case map[string]string:
		keys := []string{}
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := []string{}
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, m[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	default:
		return fmt.Sprintf("%T", o)
	}
}
