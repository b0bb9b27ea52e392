package main

import (
	"math"
	"math/big"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// dsCase is one value the datasource can return. Exactly one of attrs, raw,
// whole or err is used.
type dsCase struct {
	name  string
	attrs func() map[string]cty.Value // attributes of the output object (others null)
	raw   func() cty.Value            // returned as is, whatever the OutputSpec says
	whole string                      // "null" or "unknown": the whole output object
	err   string                      // Execute returns this error
}

func str(s string) cty.Value { return cty.StringVal(s) }
func num(i int64) cty.Value  { return cty.NumberIntVal(i) }
func flt(f float64) cty.Value {
	return cty.NumberFloatVal(f)
}
func bigNum(s string) cty.Value { return cty.MustParseNumberVal(s) }

func kv(k string, v cty.Value) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{"k": str(k), "v": v})
}

var kvType = cty.Object(map[string]cty.Type{"k": cty.String, "v": cty.Number})

func inner(name string, count int64, tags ...string) cty.Value {
	tv := cty.ListValEmpty(cty.String)
	if len(tags) > 0 {
		vs := []cty.Value{}
		for _, t := range tags {
			vs = append(vs, str(t))
		}
		tv = cty.ListVal(vs)
	}
	return cty.ObjectVal(map[string]cty.Value{"name": str(name), "count": num(count), "tags": tv})
}

var deepElemType = outputAttrs["deep"].ElementType().ElementType()
var moreType = deepElemType.AttributeType("inner").AttributeType("more")

func deepElem(id int64, items []string, flag bool, vals []cty.Value, more map[string]cty.Value) cty.Value {
	itemSet := cty.SetValEmpty(cty.String)
	if len(items) > 0 {
		vs := []cty.Value{}
		for _, it := range items {
			vs = append(vs, str(it))
		}
		itemSet = cty.SetVal(vs)
	}
	valList := cty.ListValEmpty(cty.Number)
	if len(vals) > 0 {
		valList = cty.ListVal(vals)
	}
	moreMap := cty.MapValEmpty(cty.String)
	if len(more) > 0 {
		moreMap = cty.MapVal(more)
	}
	return cty.ObjectVal(map[string]cty.Value{
		"id":    num(id),
		"items": itemSet,
		"inner": cty.ObjectVal(map[string]cty.Value{
			"flag": cty.BoolVal(flag),
			"vals": valList,
			"more": cty.TupleVal([]cty.Value{moreMap, cty.EmptyObjectVal, cty.EmptyTupleVal}),
		}),
	})
}

// cases is indexed by the configured case number; index 0 is unused.
var cases = []dsCase{
	{},
	{name: "primitives", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{"s": str("hello, world"), "n": num(42), "b": cty.True}
	}},
	{name: "integers", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"ln": cty.ListVal([]cty.Value{
				num(0), num(1), num(-1), num(31), num(-32), num(-33), num(127), num(128), num(-128), num(-129),
				num(255), num(256), num(32767), num(32768), num(-32768), num(-32769), num(65535), num(65536),
				num(2147483647), num(2147483648), num(-2147483648), num(-2147483649), num(4294967295), num(4294967296),
				num(math.MaxInt64), num(math.MinInt64), cty.NumberUIntVal(math.MaxUint64),
			}),
			"n": num(9007199254740993), // 2^53+1
			"mn": cty.MapVal(map[string]cty.Value{
				"zero": num(0), "minus-one": num(-1), "big": num(1 << 40),
			}),
		}
	}},
	{name: "fractions", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"ln": cty.ListVal([]cty.Value{
				flt(0.5), flt(-2.5), flt(3.14159), flt(0.1), flt(1e-10), flt(1e300), flt(5e-324),
				flt(math.MaxFloat64), flt(-math.SmallestNonzeroFloat64), flt(1.0 / 3.0),
				bigNum("0.1"), bigNum("-123.456"), bigNum("1e-30"),
			}),
			"n": bigNum("123456789012345678901234567890.123456789"),
		}
	}},
	{name: "special-numbers", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"ln": cty.ListVal([]cty.Value{cty.PositiveInfinity, cty.NegativeInfinity, flt(math.Copysign(0, -1)), num(0)}),
			"n":  cty.PositiveInfinity,
			"mn": cty.MapVal(map[string]cty.Value{"neg": cty.NegativeInfinity, "pos": cty.PositiveInfinity}),
		}
	}},
	{name: "big-numbers", attrs: func() map[string]cty.Value {
		p53 := new(big.Float).SetPrec(53).SetFloat64(0.1)
		p24 := new(big.Float).SetPrec(24).SetMode(big.ToZero).SetFloat64(1.1)
		return map[string]cty.Value{
			"n": bigNum("1e100"),
			"ln": cty.ListVal([]cty.Value{
				bigNum("18446744073709551616"), bigNum("-9223372036854775809"),
				bigNum("340282366920938463463374607431768211456"),
				bigNum("-1e-100"), bigNum("99999999999999999999.99999999999999999999"),
				cty.NumberVal(p53), cty.NumberVal(p24),
			}),
		}
	}},
	{name: "unicode-strings", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"s": str(""),
			"ls": cty.ListVal([]cty.Value{
				str(""), str("ascii"), str("café"), str("e\u0301 (decomposed)"), str("日本語テキスト"),
				str("emoji 🎉 👩‍👩‍👧 🇫🇷"), str("rtl עברית العربية"), str("zero\u200bwidth\ufeffbom"),
				str("tab\tnewline\ncr\r"), str("quote\" back\\slash 'single'"), str("nul\u0000byte"),
				str("\u007f\u0080\u00ff\u0100\uffff"), str("\U0001F600\U0010FFFF"),
			}),
			"mb": cty.MapVal(map[string]cty.Value{
				"ключ": cty.True, "": cty.False, "$dollar": cty.True, "$$": cty.False, "日本": cty.True,
			}),
		}
	}},
	{name: "long-strings", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"s": str(strings.Repeat("0123456789abcdef", 4096) + "x"), // 65537 bytes
			"ls": cty.ListVal([]cty.Value{
				str(strings.Repeat("a", 31)), str(strings.Repeat("b", 32)), str(strings.Repeat("c", 127)),
				str(strings.Repeat("d", 128)), str(strings.Repeat("e", 255)), str(strings.Repeat("f", 256)),
				str(strings.Repeat("é", 200)),
			}),
		}
	}},
	{name: "collections", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"ls":  cty.ListVal([]cty.Value{str("b"), str("a"), str("b")}),
			"ln":  cty.ListVal([]cty.Value{num(3), num(1), num(2)}),
			"lls": cty.ListVal([]cty.Value{cty.ListVal([]cty.Value{str("x")}), cty.ListValEmpty(cty.String), cty.ListVal([]cty.Value{str("y"), str("z")})}),
			"mb":  cty.MapVal(map[string]cty.Value{"yes": cty.True, "no": cty.False, "b": cty.True, "a": cty.False}),
			"mn":  cty.MapVal(map[string]cty.Value{"one": num(1), "half": flt(0.5), "many": num(1000000)}),
			"mls": cty.MapVal(map[string]cty.Value{"k1": cty.ListVal([]cty.Value{str("v")}), "k2": cty.ListValEmpty(cty.String)}),
			"ss":  cty.SetVal([]cty.Value{str("zeta"), str("alpha"), str("mu"), str("Ünï"), str("")}),
			"sn":  cty.SetVal([]cty.Value{num(10), num(-1), flt(2.5), num(0), bigNum("1e30")}),
			"o":   inner("thing", 2, "t1", "t2"),
			"t":   cty.TupleVal([]cty.Value{str("x"), num(1), cty.True}),
			"lo":  cty.ListVal([]cty.Value{kv("a", num(1)), kv("b", num(2))}),
			"so":  cty.SetVal([]cty.Value{kv("b", num(2)), kv("a", num(1)), kv("a", num(2))}),
		}
	}},
	{name: "empty-collections", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"s":    str(""),
			"ls":   cty.ListValEmpty(cty.String),
			"ln":   cty.ListValEmpty(cty.Number),
			"lls":  cty.ListVal([]cty.Value{cty.ListValEmpty(cty.String)}),
			"mb":   cty.MapValEmpty(cty.Bool),
			"mn":   cty.MapValEmpty(cty.Number),
			"mls":  cty.MapValEmpty(cty.List(cty.String)),
			"ss":   cty.SetValEmpty(cty.String),
			"sn":   cty.SetValEmpty(cty.Number),
			"o":    inner("", 0),
			"lo":   cty.ListValEmpty(kvType),
			"so":   cty.SetValEmpty(kvType),
			"deep": cty.ListValEmpty(outputAttrs["deep"].ElementType()),
		}
	}},
	{name: "nested", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"deep": cty.ListVal([]cty.Value{
				cty.MapVal(map[string]cty.Value{
					"first":  deepElem(1, []string{"b", "a"}, true, []cty.Value{num(1), flt(2.5)}, map[string]cty.Value{"x": str("y")}),
					"second": deepElem(2, nil, false, nil, nil),
				}),
				cty.MapValEmpty(deepElemType),
				cty.MapVal(map[string]cty.Value{
					"third": deepElem(3, []string{"ü"}, true, []cty.Value{cty.PositiveInfinity}, map[string]cty.Value{"": str("")}),
				}),
			}),
			"lls": cty.ListVal([]cty.Value{
				cty.ListVal([]cty.Value{str("a"), str("b")}),
				cty.ListVal([]cty.Value{str("c")}),
			}),
			"mls": cty.MapVal(map[string]cty.Value{"nested": cty.ListVal([]cty.Value{str("1"), str("2")})}),
		}
	}},
	{name: "nulls", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"ls":  cty.ListVal([]cty.Value{str("a"), cty.NullVal(cty.String)}),
			"ln":  cty.ListVal([]cty.Value{cty.NullVal(cty.Number)}),
			"lls": cty.ListVal([]cty.Value{cty.NullVal(cty.List(cty.String)), cty.ListVal([]cty.Value{cty.NullVal(cty.String)})}),
			"mb":  cty.MapVal(map[string]cty.Value{"x": cty.NullVal(cty.Bool), "y": cty.True}),
			"mn":  cty.MapVal(map[string]cty.Value{"null": cty.NullVal(cty.Number)}),
			"ss":  cty.SetVal([]cty.Value{cty.NullVal(cty.String), str("x")}),
			"o": cty.ObjectVal(map[string]cty.Value{
				"name": cty.NullVal(cty.String), "count": cty.NullVal(cty.Number), "tags": cty.NullVal(cty.List(cty.String)),
			}),
			"t":  cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.NullVal(cty.Number), cty.NullVal(cty.Bool)}),
			"lo": cty.ListVal([]cty.Value{cty.NullVal(kvType), kv("k", cty.NullVal(cty.Number))}),
		}
	}},
	{name: "unknowns", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"s":   cty.UnknownVal(cty.String),
			"n":   cty.UnknownVal(cty.Number),
			"b":   cty.UnknownVal(cty.Bool),
			"ls":  cty.ListVal([]cty.Value{str("known"), cty.UnknownVal(cty.String)}),
			"lls": cty.UnknownVal(cty.List(cty.List(cty.String))),
			"mb":  cty.MapVal(map[string]cty.Value{"u": cty.UnknownVal(cty.Bool)}),
			"mn":  cty.UnknownVal(cty.Map(cty.Number)),
			"ss":  cty.SetVal([]cty.Value{str("a"), cty.UnknownVal(cty.String)}),
			"o":   cty.UnknownVal(innerObjectType),
			"t":   cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String), num(1), cty.UnknownVal(cty.Bool)}),
		}
	}},
	{name: "refined-unknowns", attrs: func() map[string]cty.Value {
		return map[string]cty.Value{
			"s":  cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix("ab").NewValue(),
			"n":  cty.UnknownVal(cty.Number).Refine().NumberRangeLowerBound(num(1), true).NumberRangeUpperBound(num(9), false).NewValue(),
			"b":  cty.UnknownVal(cty.Bool).Refine().NotNull().NewValue(),
			"ls": cty.UnknownVal(cty.List(cty.String)).Refine().NotNull().CollectionLengthLowerBound(1).CollectionLengthUpperBound(3).NewValue(),
			"mn": cty.UnknownVal(cty.Map(cty.Number)).Refine().CollectionLengthUpperBound(2).NewValue(),
		}
	}},
	{name: "wholly-null", whole: "null"},
	{name: "wholly-unknown", whole: "unknown"},
	{name: "dynamic-unknown", raw: func() cty.Value { return cty.DynamicVal }},
	{name: "dynamic-null", raw: func() cty.Value { return cty.NullVal(cty.DynamicPseudoType) }},
	{name: "raw-primitive", raw: func() cty.Value { return str("just a string, not an object") }},
	{name: "dynamic-attr", raw: func() cty.Value {
		return cty.ObjectVal(map[string]cty.Value{
			"d": cty.NullVal(cty.DynamicPseudoType),
			"l": cty.ListVal([]cty.Value{cty.NullVal(cty.DynamicPseudoType)}),
			"u": cty.DynamicVal,
		})
	}},
	{name: "marked", raw: func() cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"secret": str("hunter2").Mark("sensitive")})
	}},
	{name: "error", err: "tester: case 21 fails on purpose"},
}
