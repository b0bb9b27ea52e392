package canon

import (
	"bytes"
	"encoding/gob"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
)

func text(t *testing.T, n Node) string {
	t.Helper()
	b, err := Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func compact(t *testing.T, n Node) string {
	t.Helper()
	s := text(t, n)
	var out strings.Builder
	inStr, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\' && inStr:
			esc = true
		case r == '"':
			inStr = !inStr
		case !inStr && (r == ' ' || r == '\n'):
			continue
		}
		out.WriteRune(r)
	}
	return out.String()
}

func TestMarshalSortedIndented(t *testing.T) {
	got := text(t, map[string]any{"b": 1, "a": []any{"<&>"}, "$$x": nil})
	want := "{\n  \"$$x\": null,\n  \"a\": [\n    \"<&>\"\n  ],\n  \"b\": 1\n}\n"
	if got != want {
		t.Fatalf("got %q want %q", got, want)
	}
	if EscapeKey("$a") != "$$a" || EscapeKey("a$") != "a$" || UnescapeKey("$$a") != "$a" {
		t.Fatal("escaping")
	}
}

func TestCtyNumbers(t *testing.T) {
	negZero := cty.NumberFloatVal(math.Copysign(0, -1))
	f512, _, _ := big.ParseFloat("0.1", 10, 512, big.ToNearestEven)
	cases := []struct {
		v    cty.Value
		prec bool
		want string
	}{
		{cty.NumberIntVal(5), false, `{"type":"number","value":{"$number":"5"}}`},
		{cty.PositiveInfinity, false, `{"type":"number","value":{"$number":"+Inf"}}`},
		{cty.NegativeInfinity, false, `{"type":"number","value":{"$number":"-Inf"}}`},
		{negZero, false, `{"type":"number","value":{"$number":"-0"}}`},
		{cty.NumberFloatVal(0.1), true, `{"type":"number","value":{"$number":"0.1","mode":"ToNearestEven","prec":53}}`},
		{cty.NumberVal(f512), true, `{"type":"number","value":{"$number":"0.1","mode":"ToNearestEven","prec":512}}`},
		{cty.NullVal(cty.Number), false, `{"type":"number","value":null}`},
	}
	for _, c := range cases {
		n, err := CtyValue(c.v, c.prec)
		if err != nil {
			t.Fatal(err)
		}
		if got := compact(t, n); got != c.want {
			t.Errorf("%#v: got %s want %s", c.v, got, c.want)
		}
	}
	n, _ := CtyValue(cty.MustParseNumberVal("1e400"), false)
	s := n.(map[string]any)["value"].(map[string]any)["$number"].(string)
	if len(s) != 401 || s[0] != '1' || strings.Trim(s[1:], "0") != "" {
		t.Errorf("1e400 printed as %q", s)
	}
}

func TestCtyStructures(t *testing.T) {
	v := cty.ObjectVal(map[string]cty.Value{
		"$t":  cty.StringVal("x"),
		"set": cty.SetVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a")}),
		"m":   cty.MapVal(map[string]cty.Value{"$k": cty.True}),
		"tup": cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.UnknownVal(cty.Bool)}),
	})
	n, err := CtyValue(v, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":["object",{"$t":"string","m":["map","bool"],"set":["set","string"],"tup":["tuple",["string","bool"]]}],"value":{"$$t":"x","m":{"$$k":true},"set":["a","b"],"tup":[null,{"$unknown":{}}]}}`
	if got := compact(t, n); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCtyRefinements(t *testing.T) {
	cases := []struct {
		v    cty.Value
		want string
	}{
		{cty.UnknownVal(cty.String).RefineNotNull(), `{"$unknown":{"notNull":true}}`},
		{cty.UnknownVal(cty.String).Refine().StringPrefix("ab").NewValue(), `{"$unknown":{"stringPrefix":"a"}}`}, // cty keeps all but the last grapheme,
		{cty.UnknownVal(cty.Number).Refine().NumberRangeInclusive(cty.NumberIntVal(1), cty.NumberIntVal(9)).NewValue(),
			`{"$unknown":{"numberLower":["1",true],"numberUpper":["9",true]}}`},
		{cty.UnknownVal(cty.List(cty.String)).Refine().CollectionLengthLowerBound(1).CollectionLengthUpperBound(3).NewValue(),
			`{"$unknown":{"lengthLower":1,"lengthUpper":3}}`},
		{cty.DynamicVal, `{"$unknown":{}}`},
	}
	for _, c := range cases {
		n, err := CtyV(c.v, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := compact(t, n); got != c.want {
			t.Errorf("%#v: got %s want %s", c.v, got, c.want)
		}
	}
}

func TestCtyRoundTrip(t *testing.T) {
	vals := []cty.Value{
		cty.StringVal("é"), cty.True, cty.NumberIntVal(-3), cty.MustParseNumberVal("0.1"), cty.PositiveInfinity,
		cty.ListVal([]cty.Value{cty.StringVal("a")}), cty.ListValEmpty(cty.Number),
		cty.SetVal([]cty.Value{cty.NumberIntVal(2), cty.NumberIntVal(1)}),
		cty.MapVal(map[string]cty.Value{"$x": cty.StringVal("y")}), cty.MapValEmpty(cty.Bool),
		cty.ObjectVal(map[string]cty.Value{"a": cty.NullVal(cty.String), "$b": cty.EmptyObjectVal}),
		cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String).RefineNotNull(), cty.EmptyTupleVal}),
		cty.UnknownVal(cty.Number).Refine().NumberRangeLowerBound(cty.Zero, false).NewValue(),
		cty.DynamicVal, cty.NullVal(cty.DynamicPseudoType),
	}
	for _, v := range vals {
		n, err := CtyValue(v, true)
		if err != nil {
			t.Fatal(err)
		}
		parsed, _ := Parse([]byte(text(t, n)))
		back, err := CtyValueFromCanonical(parsed)
		if err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		n2, err := CtyValue(back, true)
		if err != nil {
			t.Fatal(err)
		}
		if !Equal(n, n2) {
			t.Errorf("round trip of %#v: %s != %s", v, compact(t, n), compact(t, n2))
		}
	}
}

func sampleSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"a":  &hcldec.AttrSpec{Name: "a", Type: cty.List(cty.String), Required: true},
		"$d": &hcldec.AttrSpec{Name: "$d", Type: cty.ObjectWithOptionalAttrs(map[string]cty.Type{"x": cty.Number}, []string{"x"})},
		"b":  &hcldec.BlockSpec{TypeName: "b", Nested: hcldec.ObjectSpec{"c": &hcldec.BlockAttrsSpec{TypeName: "c", ElementType: cty.String}}},
		"bl": &hcldec.BlockListSpec{TypeName: "bl", MinItems: 1, MaxItems: 2, Nested: hcldec.TupleSpec{&hcldec.LiteralSpec{Value: cty.NumberIntVal(1)}}},
		"bs": &hcldec.BlockSetSpec{TypeName: "bs"},
		"bm": &hcldec.BlockMapSpec{TypeName: "bm", LabelNames: []string{"n"}, Nested: hcldec.ObjectSpec{"l": &hcldec.BlockLabelSpec{Index: 0, Name: "n"}}},
		"bo": &hcldec.BlockObjectSpec{TypeName: "bo"},
		"d":  &hcldec.DefaultSpec{Primary: &hcldec.AttrSpec{Name: "d", Type: cty.String}, Default: &hcldec.LiteralSpec{Value: cty.StringVal("x")}},
	}
}

func TestSpecCanonicalAndRoundTrip(t *testing.T) {
	n, err := Spec(sampleSpec())
	if err != nil {
		t.Fatal(err)
	}
	got := compact(t, n)
	for _, frag := range []string{
		`"$$d":{"$attr":{"Name":"$d","Required":false,"Type":["object",{"x":"number"},["x"]]}}`,
		`"bo":{"$blockObject":{"LabelNames":[],"Nested":null,"TypeName":"bo"}}`,
		`"bl":{"$blockList":{"MaxItems":2,"MinItems":1,"Nested":{"$tuple":[{"$literal":{"Value":{"type":"number","value":{"$number":"1"}}}}]},"TypeName":"bl"}}`,
	} {
		if !strings.Contains(got, frag) {
			t.Errorf("missing %s in %s", frag, got)
		}
	}
	parsed, _ := Parse([]byte(text(t, n)))
	back, err := SpecFromCanonical(parsed)
	if err != nil {
		t.Fatal(err)
	}
	n2, err := Spec(back)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(n, n2) {
		t.Errorf("spec round trip differs:\n%s\n%s", compact(t, n), compact(t, n2))
	}
	// The gob path: encode as the SDK does, decode, same canonical form.
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(hcldec.ObjectSpec{"a": sampleSpec()["a"], "b": sampleSpec()["b"]}); err != nil {
		t.Fatal(err)
	}
	var dec hcldec.ObjectSpec
	if err := gob.NewDecoder(&b).Decode(&dec); err != nil {
		t.Fatal(err)
	}
	if _, err := Spec(dec); err != nil {
		t.Fatal(err)
	}
}

type omit struct {
	B    bool
	I    int
	U    uint8
	F    float64
	NegZ float64
	NaN  float64
	C    complex64
	S    string
	Bs   []byte
	Sl   []string
	M    map[string]int
	EM   map[string]int
	P    *int
	PZ   *int
	PP   **int
	A    [0]int
	St   struct{ X int }
	If   any
	IfZ  any
	T    time.Time
	TZ   time.Time
	priv int
	Chan chan int
	Func func()
}

// TestGobOmissionRules checks GobFieldSent against what encoding/gob
// actually writes: the wire walk of Go's output must list exactly the
// fields the reflect view keeps.
func TestGobOmissionRules(t *testing.T) {
	zero, five := 0, 5
	pz := &zero
	cases := []omit{
		{},
		{NegZ: math.Copysign(0, -1), NaN: math.NaN(), EM: map[string]int{}, PZ: &zero, PP: &pz, IfZ: 0, TZ: time.Time{}},
		{B: true, I: -1, U: 1, F: 0.5, C: 1i, S: "s", Bs: []byte{0}, Sl: []string{""}, M: map[string]int{"": 0},
			P: &five, If: "x", T: time.Unix(1, 0).UTC(), priv: 1},
		{Bs: []byte{}, Sl: []string{}},
	}
	wantFields := []string{
		"A,St",
		"A,EM,IfZ,NaN,St",
		"A,B,Bs,C,F,I,If,M,P,S,Sl,St,T,U",
		"A,St",
	}
	for i, c := range cases {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(c); err != nil {
			t.Fatal(err)
		}
		st, err := ParseGob(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		var dec omit
		if err := gob.NewDecoder(bytes.NewReader(b.Bytes())).Decode(&dec); err != nil {
			t.Fatal(err)
		}
		fromGo, err := GobValue(reflect.ValueOf(dec))
		if err != nil {
			t.Fatal(err)
		}
		merged, err := MergeGobValue(fromGo, st.Values[0])
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		fields := merged.(map[string]any)["$struct"].(map[string]any)["fields"].(map[string]any)
		if got := strings.Join(keys(fields), ","); got != wantFields[i] {
			t.Errorf("case %d: fields on the wire %s, want %s", i, got, wantFields[i])
		}
	}
}

type tOuter struct {
	X int
	I any
}
type tInner struct {
	N any
}
type tDeep struct{ Z string }

func TestGobTypeIdsNestedInInterfaces(t *testing.T) {
	gob.Register(tInner{})
	gob.Register(tDeep{})
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(tOuter{X: 1, I: tInner{N: tDeep{"q"}}}); err != nil {
		t.Fatal(err)
	}
	st, err := ParseGob(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.TypeIds) != 3 {
		t.Fatalf("type ids %v, want 3 (outer, and two defined inside interface values)", st.TypeIds)
	}
	got := compact(t, st.Values[0])
	if !strings.Contains(got, `"name":"tDeep"`) || !strings.Contains(got, `{"$string":"q"}`) {
		t.Errorf("wire view %s", got)
	}
}

func TestRpcValue(t *testing.T) {
	type body struct {
		Nil   []byte
		Empty []byte
		T0    time.Time
		T     time.Time
		U     uint32
		I     int8
		F     float32
		M     map[string]any
		MI    map[any]any
		P     *int
		hide  int
	}
	n, err := RpcValue(body{Empty: []byte{}, T: time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("x", 3600)),
		U: 7, I: -1, F: 1.5, M: map[string]any{"$k": nil}, MI: map[any]any{int64(1): "a"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Empty":{"$bytes":""},"F":{"$float32":"1.5"},"I":{"$int":"-1"},"M":{"$$k":null},"MI":{"$map":[[{"$int":"1"},"a"]]},"Nil":null,"P":null,"T":{"$time":"2024-01-02T02:04:05.000000006Z"},"T0":null,"U":{"$uint":"7"}}`
	if got := compact(t, n); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
