// Package gobcases holds the Go types and values of the gob-generic family.
// cmd/payloads encodes them; cmd/vectorize decodes each value back into the
// same Go type, so both programs must share these definitions.
package gobcases

import (
	"encoding/gob"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type Point struct {
	X, Y int
}

type AllKinds struct {
	B    bool
	I    int
	I8   int8
	I16  int16
	I32  int32
	I64  int64
	U    uint
	U8   uint8
	U16  uint16
	U32  uint32
	U64  uint64
	UP   uintptr
	F32  float32
	F64  float64
	C64  complex64
	C128 complex128
	S    string
	Bs   []byte
}

type Zeroes struct {
	B      bool
	I      int
	F      float64
	NegZ   float64
	C      complex128
	S      string
	Bs     []byte
	Sl     []int
	M      map[string]int
	EmptyM map[string]int
	P      *int
	PZero  *int
	PS     *Point
	Arr    [2]int
	Arr0   [0]int
	St     Point
	E      Empty
	Any    any
	NaN    float64
}

type Empty struct{}

type Nested struct {
	Name  string
	Inner Point
	Ptr   *Point
	PP    **Point
	List  []Point
	PList []*Point
	Map   map[string]Point
	Grid  [2][2]int
}

type Names struct {
	A       int
	a       int
	Ab      int
	AB      int
	Δx      int    // exported: unicode.IsUpper('Δ')
	Ñame    string // exported
	ǅ       int    // title case: not upper, so gob does not send it
	Ch      chan int
	Fn      func()
	PFn     *func()
	Last    string
	ignored string
}

type Embedded struct {
	Point
	*Inner2
	Label string
}

type Inner2 struct {
	Z int
}

type ListNode struct {
	Val  int
	Next *ListNode
}

type Tree struct {
	Name string
	Kids []Tree
}

type RecMap map[string]RecMap

type Holder struct {
	Name string
	V    any
	Vs   []any
	M    map[string]any
}

type Shape interface{ Area() int }

type Square struct{ Side int }

func (s Square) Area() int { return s.Side * s.Side }

type Rect struct{ W, H int }

func (r *Rect) Area() int { return r.W * r.H }

type ShapeBox struct {
	S      Shape
	Shapes []Shape
}

type Outer struct {
	X int
	I any
	Y int
}

type InnerI struct {
	A int
	N any
}

type Deep struct{ Z string }

// Celsius has a value-receiver GobEncoder.
type Celsius struct{ Deg int }

func (c Celsius) GobEncode() ([]byte, error) { return []byte(strconv.Itoa(c.Deg) + "C"), nil }
func (c *Celsius) GobDecode(b []byte) error {
	s, ok := strings.CutSuffix(string(b), "C")
	if !ok {
		return errors.New("bad celsius")
	}
	n, err := strconv.Atoi(s)
	c.Deg = n
	return err
}

// PtrEnc has a pointer-receiver GobEncoder.
type PtrEnc struct{ S string }

func (p *PtrEnc) GobEncode() ([]byte, error) { return []byte("<" + p.S + ">"), nil }
func (p *PtrEnc) GobDecode(b []byte) error {
	p.S = strings.TrimSuffix(strings.TrimPrefix(string(b), "<"), ">")
	return nil
}

// Bin is a BinaryMarshaler only.
type Bin struct{ N uint16 }

func (b Bin) MarshalBinary() ([]byte, error) { return []byte{byte(b.N >> 8), byte(b.N)}, nil }
func (b *Bin) UnmarshalBinary(d []byte) error {
	if len(d) != 2 {
		return fmt.Errorf("bin: %d bytes", len(d))
	}
	b.N = uint16(d[0])<<8 | uint16(d[1])
	return nil
}

// Txt is a TextMarshaler only: gob ignores TextMarshaler and sends the struct.
type Txt struct{ A, B string }

func (t Txt) MarshalText() ([]byte, error) { return []byte(t.A + "=" + t.B), nil }
func (t *Txt) UnmarshalText(d []byte) error {
	t.A, t.B, _ = strings.Cut(string(d), "=")
	return nil
}

// GobBoth implements GobEncoder and BinaryMarshaler: gob prefers GobEncoder.
type GobBoth struct{ V int }

func (g GobBoth) GobEncode() ([]byte, error)      { return []byte{'g', byte(g.V)}, nil }
func (g *GobBoth) GobDecode(b []byte) error       { g.V = int(b[1]); return nil }
func (g GobBoth) MarshalBinary() ([]byte, error)  { return []byte{'b', byte(g.V)}, nil }
func (g *GobBoth) UnmarshalBinary(b []byte) error { g.V = int(b[1]); return nil }

type Encoders struct {
	C     Celsius
	CZero Celsius // zero value: left out
	CP    *Celsius
	CPNil *Celsius
	P     PtrEnc // only *PtrEnc implements: always sent
	B     Bin
	T     Txt
	G     GobBoth
	Label string
}

type MyInt int
type MyString string
type MyBytes []byte
type MyMap map[MyString]MyInt
type MySlice []MyInt

type Named struct {
	I  MyInt
	S  MyString
	Bs MyBytes
	M  MyMap
	Sl MySlice
}

func init() {
	gob.Register(Point{})
	gob.Register(&Rect{})
	gob.Register(Square{})
	gob.Register(InnerI{})
	gob.Register(Deep{})
	gob.Register(Celsius{})
	gob.Register([]any(nil))
	gob.Register(map[string]any(nil))
	gob.RegisterName("custom.Name/Tree", Tree{})
	gob.Register(MyInt(0))
	gob.Register(Bin{})
	gob.Register(&ListNode{})
}
