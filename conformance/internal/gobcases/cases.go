package gobcases

import (
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"math"
	"math/big"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// Case is one gob-generic payload: Values are encoded in order on one
// gob.Encoder. Values must be a pure function (same result every call).
type Case struct {
	Name   string
	Values func() []any
}

func ptr[T any](v T) *T { return &v }

func vals(v ...any) func() []any { return func() []any { return v } }

func iface(v any) *any { return &v }

// Wide130 is a struct type with 130 int fields (F0..F129), built with
// reflect.StructOf so that field deltas above 127 occur.
var Wide130 = func() reflect.Type {
	fs := make([]reflect.StructField, 130)
	for i := range fs {
		fs[i] = reflect.StructField{Name: "F" + itoa(i), Type: reflect.TypeOf(0)}
	}
	return reflect.StructOf(fs)
}()

func itoa(i int) string { return big.NewInt(int64(i)).String() }

func wide(set map[int]int) any {
	v := reflect.New(Wide130).Elem()
	for i, x := range set {
		v.Field(i).SetInt(int64(x))
	}
	return v.Interface()
}

func deepSlice(n int) any {
	var v any = []int{42}
	for i := 0; i < n; i++ {
		v = []any{v}
	}
	return v
}

func bigMap(n int) map[string]int {
	m := map[string]int{}
	for i := 0; i < n; i++ {
		m["k"+itoa(i)] = i
	}
	return m
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i*i - 500
	}
	return s
}

func longList(n int) *ListNode {
	var head *ListNode
	for i := n; i > 0; i-- {
		head = &ListNode{Val: i, Next: head}
	}
	return head
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// Cases lists every gob-generic payload, by unique name.
func Cases() []Case {
	negZero := math.Copysign(0, -1)
	return []Case{
		{"bool-true", vals(true)},
		{"bool-false", vals(false)},
		{"int-zero", vals(0)},
		{"int-small", vals(1, -1, 7, -7)},
		{"int-fixint-edges", vals(63, 64, -64, -65, 127, 128, -128, -129, 255, 256)},
		{"int8-min-max", vals(int8(math.MinInt8), int8(math.MaxInt8))},
		{"int16-min-max", vals(int16(math.MinInt16), int16(math.MaxInt16))},
		{"int32-min-max", vals(int32(math.MinInt32), int32(math.MaxInt32))},
		{"int64-min-max", vals(int64(math.MinInt64), int64(math.MaxInt64))},
		{"uint-zero", vals(uint(0))},
		{"uint-edges", vals(uint(127), uint(128), uint(255), uint(256), uint(65535), uint(65536), uint(1)<<56)},
		{"uint8-max", vals(uint8(math.MaxUint8))},
		{"uint16-max", vals(uint16(math.MaxUint16))},
		{"uint32-max", vals(uint32(math.MaxUint32))},
		{"uint64-max", vals(uint64(math.MaxUint64))},
		{"uintptr", vals(uintptr(0xdeadbeef))},
		{"float64-simple", vals(0.0, 1.0, -1.0, 0.5, 2.0, 17.0)},
		{"float64-fractions", vals(0.1, -0.3, 1.0/3, math.Pi)},
		{"float64-extremes", vals(math.MaxFloat64, -math.MaxFloat64, 1e300, 1e-300)},
		{"float64-subnormal", vals(math.SmallestNonzeroFloat64, 2.5e-310)},
		{"float64-nan-inf", vals(math.NaN(), math.Inf(1), math.Inf(-1))},
		{"float64-negzero", vals(negZero)},
		{"float32", vals(float32(0.1), float32(math.MaxFloat32), float32(math.SmallestNonzeroFloat32), float32(-2.5))},
		{"complex128", vals(complex(1, 2), complex(0, -1), complex(math.Inf(1), math.NaN()))},
		{"complex64", vals(complex64(complex(1.5, -2)))},
		{"complex-zero-negzero", vals(complex(0, 0), complex(negZero, negZero))},
		{"string-empty", vals("")},
		{"string-ascii", vals("hello, world")},
		{"string-unicode", vals("héllo wörld, 世界 🎉 \u0000 \u2028")},
		{"string-invalid-utf8", vals("\xff\xfeabc\xc3", "ok\x80")},
		{"string-long", vals(strings.Repeat("abcdefghij", 30))},
		{"bytes-empty-vs-nil", vals([]byte{}, []byte(nil))},
		{"bytes-data", vals([]byte{0, 1, 2, 0xfe, 0xff}, []byte("text"))},
		{"bytes-long", vals([]byte(strings.Repeat("\x00\x01\x02\x03", 100)))},
		{"array-int", vals([3]int{1, -2, 3}, [0]int{}, [2]string{"a", ""})},
		{"array-bytes", vals([4]byte{1, 2, 3, 4}, [2][2]int{{1, 2}, {3, 4}})},
		{"array-zero", vals([3]int{}, [2]bool{})},
		{"slice-int", vals([]int{1, -2, 3}, []int{}, []int(nil))},
		{"slice-zeros", vals([]int{0, 0, 0}, []bool{false, true, false}, []string{"", "x", ""}, []float64{0, negZero})},
		{"slice-mixed-kinds", vals([]uint8{1, 2}, []int8{-1, 1}, []uint16{65535}, []float32{1.5}, []complex64{1i})},
		{"slice-nested", vals([][]int{{1}, {}, nil, {2, 3}}, [][]string{{"a", "b"}})},
		{"slice-pointers", vals([]*int{ptr(1), ptr(0), ptr(-5)}, []*Point{{1, 2}, {}})},
		{"slice-large", vals(seq(1000))},
		{"map-string-int", vals(map[string]int{"one": 1})},
		{"map-int-string", vals(map[int]string{-1: "minus"})},
		{"map-empty-vs-nil", vals(map[string]int{}, map[string]int(nil))},
		{"map-array-key", vals(map[[2]int]bool{{1, 2}: true})},
		{"map-struct-key-value", vals(map[Point]Point{{1, 2}: {3, 4}})},
		{"map-zero-values", vals(map[string]int{"z": 0}, map[bool]string{false: ""})},
		{"map-of-slices", vals(map[string][]string{"k": {"a", "b"}})},
		{"map-many-entries", vals(bigMap(40))},
		{"struct-point", vals(Point{3, -4})},
		{"struct-zero", vals(Point{})},
		{"struct-empty", vals(Empty{}, struct{}{})},
		{"struct-all-kinds", vals(AllKinds{true, -1, math.MinInt8, math.MaxInt16, -100000, math.MinInt64,
			7, 255, 65535, math.MaxUint32, math.MaxUint64, 1, 3.25, -0.1, complex(1, -1), complex(math.Inf(-1), 0),
			"s", []byte{9}})},
		{"struct-all-kinds-zero", vals(AllKinds{})},
		{"struct-zero-rules", vals(Zeroes{NegZ: negZero, EmptyM: map[string]int{}, PZero: ptr(0), NaN: math.NaN()})},
		{"struct-zero-rules-set", vals(Zeroes{B: true, I: 1, F: 1, C: 1i, S: "s", Bs: []byte{1}, Sl: []int{0},
			M: map[string]int{"a": 0}, P: ptr(5), PS: &Point{}, Arr: [2]int{0, 1}, St: Point{X: 1}, Any: 0})},
		{"struct-nested", vals(Nested{Name: "n", Inner: Point{1, 2}, Ptr: &Point{3, 4}, PP: ptr(&Point{5, 6}),
			List: []Point{{7, 8}, {}}, PList: []*Point{{9, 10}}, Map: map[string]Point{"p": {11, 12}},
			Grid: [2][2]int{{1, 0}, {0, 1}}})},
		{"struct-nested-zero", vals(Nested{})},
		{"struct-pointer-top", vals(&Point{1, 1}, ptr(ptr(Point{2, 2})))},
		{"struct-field-names", vals(Names{A: 1, a: 2, Ab: 3, AB: 4, Δx: 5, Ñame: "ñ", ǅ: 6, Last: "end", ignored: "x"})},
		{"struct-embedded", vals(Embedded{Point: Point{1, 2}, Inner2: &Inner2{Z: 3}, Label: "e"}, Embedded{Label: "nil-embedded"})},
		{"struct-anonymous", vals(struct {
			A int
			B string
		}{1, "b"}, []struct{ C bool }{{true}, {false}})},
		{"struct-wide-deltas", vals(wide(map[int]int{0: 1, 128: 2, 129: 3}), wide(map[int]int{127: 7}), wide(nil))},
		{"struct-named-kinds", vals(Named{I: 3, S: "s", Bs: MyBytes{1}, M: MyMap{"k": 1}, Sl: MySlice{1, 2}})},
		{"recursive-list", vals(longList(4))},
		{"recursive-tree", vals(Tree{"root", []Tree{{"a", nil}, {"b", []Tree{{"c", nil}}}}})},
		{"recursive-map", vals(RecMap{"a": RecMap{"b": RecMap{}}, "c": nil})},
		{"recursive-deep-list", vals(longList(60))},
		{"interface-top-nil", vals(iface(nil))},
		{"interface-top-values", vals(iface(1), iface("s"), iface(Point{1, 2}), iface(&Rect{2, 3}), iface(MyInt(9)))},
		{"interface-basic-names", vals(iface(int8(1)), iface(uint64(2)), iface(3.5), iface(true), iface([]byte("b")),
			iface([]int{1}), iface([]string{"x"}), iface(complex(1, 1)), iface(map[string]any{"a": "b"}), iface(float32(1.5)), iface(uintptr(3)))},
		{"interface-field", vals(Holder{Name: "h", V: Point{5, 6}}, Holder{Name: "nil-v"})},
		{"interface-slice-with-nil", vals(Holder{Vs: []any{1, "two", nil, 3.5, Point{}, []any{nil}}})},
		{"interface-map", vals(Holder{M: map[string]any{"p": Point{1, 0}}}, map[string]any{"n": nil})},
		{"interface-custom-name", vals(iface(Tree{Name: "t"}))},
		{"interface-nested-typedefs", vals(Outer{X: 7, I: InnerI{A: 5, N: Deep{"q"}}, Y: 9})},
		{"interface-nested-twice", vals(Outer{I: InnerI{N: InnerI{A: 1, N: Deep{"z"}}}}, Outer{I: Deep{"again"}})},
		{"interface-non-empty", vals(ShapeBox{S: Square{3}, Shapes: []Shape{&Rect{1, 2}, Square{0}, nil}})},
		{"interface-gobencoder", vals(iface(Celsius{21}), iface(Bin{258}))},
		{"interface-deep-slices", vals(deepSlice(20))},
		{"gobencoder-value-receiver", vals(Celsius{37}, Celsius{})},
		{"gobencoder-pointer-receiver", vals(&PtrEnc{"q"}, &PtrEnc{})},
		{"binarymarshaler", vals(Bin{0x0102}, Bin{})},
		{"textmarshaler-not-used", vals(Txt{"a", "b"}, Txt{})},
		{"gobencoder-preferred", vals(GobBoth{5})},
		{"encoders-in-struct", vals(&Encoders{C: Celsius{1}, CP: &Celsius{0}, P: PtrEnc{}, B: Bin{1}, T: Txt{A: "x"}, G: GobBoth{2}, Label: "l"}, &Encoders{})},
		{"stdlib-time", vals(time.Date(2024, 2, 29, 12, 30, 45, 123456789, time.UTC), time.Time{},
			time.Date(2001, 1, 1, 0, 0, 0, 0, time.FixedZone("", 5*3600+1800)))},
		{"stdlib-big", vals(big.NewInt(-12345678901234), new(big.Int).Lsh(big.NewInt(1), 100),
			big.NewFloat(0.1), big.NewRat(-1, 3))},
		{"stdlib-url", vals(mustURL("https://user@example.com:8080/p?q=1#f"))},
		// What the SDK itself sends with gob outside specs and values:
		// Communicator.Start's CommandFinished on the response stream
		// (rpc/communicator.go encodes &CommandFinished{status}), and the
		// types rpc/init.go registers for interfaces.
		{"sdk-command-finished-0", vals(&sdkrpc.CommandFinished{ExitStatus: 0})},
		{"sdk-command-finished-1", vals(&sdkrpc.CommandFinished{ExitStatus: 1})},
		{"sdk-command-finished-123", vals(&sdkrpc.CommandFinished{ExitStatus: 123})},
		{"sdk-command-finished-negative", vals(&sdkrpc.CommandFinished{ExitStatus: -1})},
		{"sdk-registered-interfaces", vals(Holder{Vs: []any{&sdkrpc.BasicError{Message: "boom"}, &map[string]string{"k": "v"}, []any{"x", 1}}})},
		{"multi-same-type", vals(Point{1, 2}, Point{3, 4}, Point{})},
		{"multi-mixed", vals(1, "two", Point{3, 3}, []Point{{4, 4}}, map[string]Point{"five": {5, 5}}, Point{6, 6}, true)},
		{"multi-interleaved-defs", vals(Tree{Name: "a"}, Nested{Name: "n"}, Tree{Name: "b"}, ListNode{Val: 1})},
	}
}

// Find returns the case with the given name.
func Find(name string) (Case, bool) {
	for _, c := range Cases() {
		if c.Name == name {
			return c, true
		}
	}
	return Case{}, false
}
