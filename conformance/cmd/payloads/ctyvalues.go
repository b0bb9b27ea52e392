package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/packer-wire/conformance/canon"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

type ctyCase struct {
	name string
	v    cty.Value
	ty   cty.Type // type to marshal with when not the value's own (optional attrs); NilType = v.Type()
}

func num(s string) cty.Value { return cty.MustParseNumberVal(s) }

func bigf(s string, prec uint) cty.Value {
	f, _, err := big.ParseFloat(s, 10, prec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return cty.NumberVal(f)
}

func str(s ...string) []cty.Value {
	out := make([]cty.Value, len(s))
	for i, x := range s {
		out[i] = cty.StringVal(x)
	}
	return out
}

func ints(n ...int64) []cty.Value {
	out := make([]cty.Value, len(n))
	for i, x := range n {
		out[i] = cty.NumberIntVal(x)
	}
	return out
}

func obj(kv ...any) cty.Value {
	m := map[string]cty.Value{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(cty.Value)
	}
	return cty.ObjectVal(m)
}

// knownCases are values every codec can carry (known values and nulls of
// concrete types).
func knownCases() []ctyCase {
	negZero := cty.NumberFloatVal(math.Copysign(0, -1))
	return []ctyCase{
		{name: "string-empty", v: cty.StringVal("")},
		{name: "string-ascii", v: cty.StringVal("hello")},
		{name: "string-unicode", v: cty.StringVal("héllo wörld 世界 🎉")},
		{name: "string-nfc", v: cty.StringVal("e\u0301 combining")},
		{name: "string-escapes", v: cty.StringVal("quote\" backslash\\ nl\n tab\t nul\x00 <&>")},
		{name: "string-long", v: cty.StringVal(strings.Repeat("0123456789abcdef", 20))},
		{name: "bool-true", v: cty.True},
		{name: "bool-false", v: cty.False},
		{name: "number-zero", v: cty.Zero},
		{name: "number-one", v: cty.NumberIntVal(1)},
		{name: "number-negative", v: cty.NumberIntVal(-42)},
		{name: "number-fixint-edges", v: cty.TupleVal(ints(127, 128, -32, -33, 255, 256, 65535, 65536, -129))},
		{name: "number-int64-max", v: cty.NumberIntVal(math.MaxInt64)},
		{name: "number-int64-min", v: cty.NumberIntVal(math.MinInt64)},
		{name: "number-2p63", v: num("9223372036854775808")},
		{name: "number-uint64-max", v: cty.NumberUIntVal(math.MaxUint64)},
		{name: "number-below-int64-min", v: num("-9223372036854775809")},
		{name: "number-2p53-plus-1", v: num("9007199254740993")},
		{name: "number-half", v: cty.NumberFloatVal(0.5)},
		{name: "number-float-0.1", v: cty.NumberFloatVal(0.1)},
		{name: "number-decimal-0.1", v: num("0.1")},
		{name: "number-prec512-0.1", v: bigf("0.1", 512)},
		{name: "number-third", v: num("0.3333333333333333333333333333333333")},
		{name: "number-negative-fraction", v: num("-123.456")},
		{name: "number-pi", v: cty.NumberFloatVal(math.Pi)},
		{name: "number-tiny", v: cty.NumberFloatVal(1e-7)},
		{name: "number-float64-max", v: cty.NumberFloatVal(math.MaxFloat64)},
		{name: "number-huge-decimal", v: num("123456789012345678901234567890")},
		{name: "number-1e400", v: num("1e400")},
		{name: "number-neg-1e400", v: num("-1e400")},
		{name: "number-pos-inf", v: cty.PositiveInfinity},
		{name: "number-neg-inf", v: cty.NegativeInfinity},
		{name: "number-neg-zero", v: negZero},
		{name: "number-prec24", v: bigf("1.1", 24)},
		{name: "null-string", v: cty.NullVal(cty.String)},
		{name: "null-number", v: cty.NullVal(cty.Number)},
		{name: "null-bool", v: cty.NullVal(cty.Bool)},
		{name: "null-list", v: cty.NullVal(cty.List(cty.String))},
		{name: "null-map", v: cty.NullVal(cty.Map(cty.Number))},
		{name: "null-object", v: cty.NullVal(cty.Object(map[string]cty.Type{"a": cty.String}))},
		{name: "list-empty", v: cty.ListValEmpty(cty.String)},
		{name: "list-strings", v: cty.ListVal(str("a", "b", "c"))},
		{name: "list-numbers", v: cty.ListVal(ints(1, -2, 300000))},
		{name: "list-with-null", v: cty.ListVal([]cty.Value{cty.StringVal("x"), cty.NullVal(cty.String)})},
		{name: "list-of-lists", v: cty.ListVal([]cty.Value{cty.ListVal(str("a")), cty.ListValEmpty(cty.String)})},
		{name: "list-of-objects", v: cty.ListVal([]cty.Value{obj("n", cty.StringVal("one")), obj("n", cty.StringVal("two"))})},
		{name: "set-empty", v: cty.SetValEmpty(cty.String)},
		{name: "set-strings", v: cty.SetVal(str("zeta", "alpha", "mid"))},
		{name: "set-bools", v: cty.SetVal([]cty.Value{cty.True, cty.False})},
		{name: "set-of-objects", v: cty.SetVal([]cty.Value{obj("k", cty.StringVal("b")), obj("k", cty.StringVal("a"))})},
		{name: "map-empty", v: cty.MapValEmpty(cty.String)},
		{name: "map-strings", v: cty.MapVal(map[string]cty.Value{"b": cty.StringVal("2"), "a": cty.StringVal("1"), "$dollar": cty.StringVal("d"), "": cty.StringVal("empty key")})},
		{name: "map-numbers", v: cty.MapVal(map[string]cty.Value{"x": cty.NumberIntVal(1), "y": num("2.5")})},
		{name: "map-of-lists", v: cty.MapVal(map[string]cty.Value{"l": cty.ListVal(str("v"))})},
		{name: "object-empty", v: cty.EmptyObjectVal},
		{name: "object-simple", v: obj("name", cty.StringVal("n"), "count", cty.NumberIntVal(3), "enabled", cty.True)},
		{name: "object-dollar-attr", v: obj("$type", cty.StringVal("t"), "$$x", cty.StringVal("y"))},
		{name: "object-nested", v: obj("inner", obj("deep", obj("leaf", cty.StringVal("l"))), "list", cty.ListVal(ints(1)))},
		{name: "object-with-nulls", v: obj("a", cty.NullVal(cty.String), "b", cty.NullVal(cty.List(cty.Number)), "c", cty.StringVal("c"))},
		{name: "tuple-empty", v: cty.EmptyTupleVal},
		{name: "tuple-mixed", v: cty.TupleVal([]cty.Value{cty.StringVal("s"), cty.NumberIntVal(1), cty.True, cty.ListVal(str("l")), obj("o", cty.Zero)})},
		{name: "tuple-with-null", v: cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.StringVal("x")})},
		{name: "config-like", v: obj(
			"communicator", cty.StringVal("ssh"),
			"ssh_port", cty.NumberIntVal(22),
			"tags", cty.MapVal(map[string]cty.Value{"env": cty.StringVal("test"), "owner": cty.StringVal("me")}),
			"disk", cty.ListVal([]cty.Value{obj("size", cty.NumberIntVal(20), "type", cty.StringVal("ssd"))}),
			"boot_wait", cty.StringVal("10s"),
			"headless", cty.True,
			"timeout", cty.NullVal(cty.String),
		)},
	}
}

// gobUnsafeCases decode badly in Go (the fork's gobDecodeFixNumberPtr does
// not reach numbers nested in collections of collections): they encode
// fine, and the decoded value holds big.Float instead of *big.Float.
func gobNestedNumberCases() []ctyCase {
	return []ctyCase{
		{name: "list-of-lists-of-numbers", v: cty.ListVal([]cty.Value{cty.ListVal(ints(1, 2))})},
		{name: "map-of-objects-with-numbers", v: cty.MapVal(map[string]cty.Value{"m": obj("n", cty.NumberIntVal(7))})},
		// Encodes, but go-cty's GobDecode panics (set rules compare big.Float values).
		{name: "set-numbers", v: cty.SetVal(ints(1, 2))},
	}
}

// unknownCases need DynamicPseudoType or unknown support: msgpack only
// (JSON cannot carry unknowns; gob cannot carry unknowns or dynamic types).
func unknownCases() []ctyCase {
	return []ctyCase{
		{name: "unknown-string", v: cty.UnknownVal(cty.String)},
		{name: "unknown-number", v: cty.UnknownVal(cty.Number)},
		{name: "unknown-bool", v: cty.UnknownVal(cty.Bool)},
		{name: "unknown-list", v: cty.UnknownVal(cty.List(cty.String))},
		{name: "unknown-object", v: cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.Number}))},
		{name: "unknown-dynamic", v: cty.DynamicVal},
		{name: "unknown-notnull", v: cty.UnknownVal(cty.String).RefineNotNull()},
		{name: "unknown-string-prefix", v: cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix("ami-").NewValue()},
		{name: "unknown-number-range", v: cty.UnknownVal(cty.Number).Refine().NumberRangeLowerBound(cty.Zero, true).NumberRangeUpperBound(cty.NumberIntVal(10), false).NewValue()},
		{name: "unknown-list-length", v: cty.UnknownVal(cty.List(cty.String)).Refine().CollectionLengthLowerBound(1).CollectionLengthUpperBound(3).NewValue()},
		{name: "list-with-unknown", v: cty.ListVal([]cty.Value{cty.StringVal("k"), cty.UnknownVal(cty.String)})},
		{name: "object-with-unknown", v: obj("a", cty.UnknownVal(cty.Number), "b", cty.DynamicVal)},
		{name: "null-dynamic", v: cty.NullVal(cty.DynamicPseudoType)},
		{name: "list-of-dynamic-null", v: cty.ListVal([]cty.Value{cty.NullVal(cty.DynamicPseudoType)})},
	}
}

// optionalCases marshal with an object type that has optional attributes.
func optionalCases() []ctyCase {
	ty := cty.ObjectWithOptionalAttrs(map[string]cty.Type{"name": cty.String, "size": cty.Number, "tags": cty.Map(cty.String)}, []string{"size", "tags"})
	return []ctyCase{
		{name: "optional-attrs-set", v: obj("name", cty.StringVal("n"), "size", cty.NumberIntVal(1), "tags", cty.MapValEmpty(cty.String)), ty: ty},
		{name: "optional-attrs-null", v: obj("name", cty.StringVal("n"), "size", cty.NullVal(cty.Number), "tags", cty.NullVal(cty.Map(cty.String))), ty: ty},
		{name: "optional-attrs-list", v: cty.ListVal([]cty.Value{obj("name", cty.StringVal("a"), "size", cty.NullVal(cty.Number), "tags", cty.NullVal(cty.Map(cty.String)))}), ty: cty.List(ty)},
	}
}

func marshalTy(c ctyCase) cty.Type {
	if c.ty != cty.NilType {
		return c.ty
	}
	return c.v.Type()
}

func typeNode(t cty.Type) any {
	n, err := canon.CtyType(t)
	if err != nil {
		fatalf("type: %v", err)
	}
	return n
}

// gobValues: what Datasource.Execute puts in Value in gob mode:
// gob.NewEncoder(b).Encode(value) (cty.Value is a GobEncoder, so the stream
// carries the bytes of value.GobEncode()).
func gobValues() []payload {
	var ps []payload
	add := func(c ctyCase) {
		var b bytes.Buffer
		p := payload{ID: "harness-gob-" + c.name, Kind: "gob-value", Mode: "gob", Component: "datasource/harness"}
		if err := gob.NewEncoder(&b).Encode(c.v); err != nil {
			p.Err = err.Error()
		} else if derr := gobDecodeCheck(b.Bytes()); derr != "" {
			p.Err = derr
		}
		p.Bytes = b.Bytes()
		ps = append(ps, p)
	}
	for _, c := range knownCases() {
		add(c)
	}
	for _, c := range gobNestedNumberCases() {
		add(c)
	}
	// Known refusals (recorded with the error, vectorize skips them).
	add(ctyCase{name: "unknown-string", v: cty.UnknownVal(cty.String)})
	add(ctyCase{name: "unknown-dynamic", v: cty.DynamicVal})
	add(ctyCase{name: "null-dynamic", v: cty.NullVal(cty.DynamicPseudoType)})
	return ps
}

func msgpackValues() []payload {
	var ps []payload
	add := func(c ctyCase, ty cty.Type, suffix string) {
		p := payload{ID: "harness-msgpack-" + c.name + suffix, Kind: "msgpack-value", Mode: "protobuf",
			Context: map[string]any{"type": typeNode(ty)}}
		b, err := ctymsgpack.Marshal(c.v, ty)
		if err != nil {
			p.Err = err.Error()
		} else if _, uerr := ctymsgpack.Unmarshal(b, ty); uerr != nil {
			p.Err = "Marshal returned no error but its output does not Unmarshal: " + uerr.Error()
		}
		p.Bytes = b
		ps = append(ps, p)
	}
	for _, c := range knownCases() {
		add(c, marshalTy(c), "")
		add(c, cty.DynamicPseudoType, "-dynamic")
	}
	for _, c := range unknownCases() {
		if c.v.Type() != cty.DynamicPseudoType {
			add(c, marshalTy(c), "")
		}
		add(c, cty.DynamicPseudoType, "-dynamic")
	}
	for _, c := range optionalCases() {
		add(c, marshalTy(c), "")
		add(c, cty.DynamicPseudoType, "-dynamic")
	}
	return ps
}

func jsonValues() []payload {
	var ps []payload
	add := func(c ctyCase, ty cty.Type, suffix string) {
		p := payload{ID: "harness-json-" + c.name + suffix, Kind: "json-value", Mode: "none",
			Context: map[string]any{"type": typeNode(ty)}}
		b, err := ctyjson.Marshal(c.v, ty)
		if err != nil {
			p.Err = err.Error()
		} else if _, uerr := ctyjson.Unmarshal(b, ty); uerr != nil {
			// go-cty's marshalDynamic drops the error of the inner value
			// (infinities): Marshal succeeds with invalid JSON.
			p.Err = "Marshal returned no error but its output does not Unmarshal: " + uerr.Error()
		}
		p.Bytes = b
		ps = append(ps, p)
	}
	for _, c := range knownCases() {
		add(c, marshalTy(c), "")
		add(c, cty.DynamicPseudoType, "-dynamic")
	}
	for _, c := range optionalCases() {
		add(c, marshalTy(c), "")
		add(c, cty.DynamicPseudoType, "-dynamic")
	}
	// JSON cannot carry unknowns: recorded with Go's error, skipped by vectorize.
	add(ctyCase{name: "unknown-string", v: cty.UnknownVal(cty.String)}, cty.String, "")
	add(ctyCase{name: "null-dynamic", v: cty.NullVal(cty.DynamicPseudoType)}, cty.DynamicPseudoType, "-dynamic")
	return ps
}

// gobDecodeCheck decodes as Packer does (gob into cty.Value) and reports a
// panic or error, so payloads Go cannot read back are recorded, not vectorized.
func gobDecodeCheck(b []byte) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("encodes, but Go's decoder panics on it: %v", r)
		}
	}()
	var v cty.Value
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v); err != nil {
		return "encodes, but Go cannot decode it: " + err.Error()
	}
	return ""
}
