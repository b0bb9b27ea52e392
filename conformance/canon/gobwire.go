package canon

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// This file is an independent reading of a gob stream that mirrors
// encoding/gob's decoder step for step (buffer refills happen only inside
// a type sequence, exactly where decoder.go's decodeTypeSequence does them).
// It is used for what Go's API does not expose: the ids of the type
// definitions on a stream (context.gobTypeIds), the wire names of structs
// and registered interface names, and a wire-level view of each value that
// vectorize compares against the reflect view of the value Go decoded.

// Predefined gob type ids (encoding/gob type.go, checked by checkId there).
const (
	gobBool      = 1
	gobInt       = 2
	gobUint      = 3
	gobFloat     = 4
	gobBytes     = 5
	gobString    = 6
	gobComplex   = 7
	gobInterface = 8
	gobFirstUser = 64
)

// WireKind names which field of gob's wireType a definition used.
type WireKind string

const (
	WireArray  WireKind = "array"
	WireSlice  WireKind = "slice"
	WireStruct WireKind = "struct"
	WireMap    WireKind = "map"
	WireGob    WireKind = "gob"
	WireBinary WireKind = "binary"
	WireText   WireKind = "text"
)

// WireField is one field of a struct wire type.
type WireField struct {
	Name string
	Id   int
}

// WireType is one type definition read from a stream.
type WireType struct {
	Kind   WireKind
	Name   string // CommonType.Name
	Id     int    // CommonType.Id
	Elem   int
	Key    int
	Len    int
	Fields []WireField
}

// GobStream is the result of walking one gob stream.
type GobStream struct {
	TypeIds []int             // ids of type definitions, in stream order (outer stream only)
	Types   map[int]*WireType // every definition seen
	Values  []Node            // wire-level canonical GobValue of each top-level value
	TopIds  []int             // wire type id of each top-level value
}

type gobReader struct {
	data  []byte // whole stream
	pos   int    // next unread byte of data (start of the next message)
	buf   []byte // unread part of the current message
	st    *GobStream
	depth int
}

var errGobEOF = errors.New("gob: end of stream")

// ParseGob walks a whole gob stream (one or more top-level values).
func ParseGob(data []byte) (*GobStream, error) {
	st := &GobStream{Types: map[int]*WireType{}}
	r := &gobReader{data: data, st: st}
	for r.pos < len(data) {
		id, err := r.typeSequence(false, true)
		if err == errGobEOF {
			break
		}
		if err != nil {
			return st, err
		}
		v, err := r.topValue(id)
		if err != nil {
			return st, err
		}
		if len(r.buf) != 0 {
			return st, fmt.Errorf("gob: %d bytes left in message after top-level value", len(r.buf))
		}
		st.Values = append(st.Values, v)
		st.TopIds = append(st.TopIds, id)
	}
	return st, nil
}

// GobTypeIds returns just the ids of the type definitions on a stream.
func GobTypeIds(data []byte) ([]int, error) {
	st, err := ParseGob(data)
	if err != nil {
		return nil, err
	}
	ids := st.TypeIds
	if ids == nil {
		ids = []int{}
	}
	return ids, nil
}

func readUintFrom(b []byte) (uint64, int, error) {
	if len(b) == 0 {
		return 0, 0, errors.New("gob: unexpected end of data reading uint")
	}
	c := b[0]
	if c <= 0x7f {
		return uint64(c), 1, nil
	}
	n := -int(int8(c))
	if n > 8 || n+1 > len(b) {
		return 0, 0, fmt.Errorf("gob: bad uint byte count %d", n)
	}
	var x uint64
	for _, d := range b[1 : n+1] {
		x = x<<8 | uint64(d)
	}
	return x, n + 1, nil
}

func (r *gobReader) recvMessage() error {
	if r.pos >= len(r.data) {
		return errGobEOF
	}
	n, k, err := readUintFrom(r.data[r.pos:])
	if err != nil {
		return err
	}
	r.pos += k
	if n > uint64(len(r.data)-r.pos) {
		return fmt.Errorf("gob: message length %d exceeds data", n)
	}
	r.buf = r.data[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return nil
}

// remaining is an upper bound for the bytes still to read: the current
// message plus the rest of the stream (a value continues in the next message
// after a type definition sent inside an interface value).
func (r *gobReader) remaining() int { return len(r.buf) + len(r.data) - r.pos }

func (r *gobReader) uint() (uint64, error) {
	x, k, err := readUintFrom(r.buf)
	if err != nil {
		return 0, err
	}
	r.buf = r.buf[k:]
	return x, nil
}

func (r *gobReader) int() (int64, error) {
	x, err := r.uint()
	if err != nil {
		return 0, err
	}
	if x&1 != 0 {
		return ^int64(x >> 1), nil
	}
	return int64(x >> 1), nil
}

func (r *gobReader) bytes() ([]byte, error) {
	n, err := r.uint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.buf)) {
		return nil, fmt.Errorf("gob: length %d exceeds message", n)
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b, nil
}

// typeSequence mirrors decoder.go decodeTypeSequence.
func (r *gobReader) typeSequence(isInterface, top bool) (int, error) {
	first := true
	for {
		if len(r.buf) == 0 {
			if err := r.recvMessage(); err != nil {
				if err == errGobEOF && !(top && first) {
					return -1, errors.New("gob: unexpected EOF inside type sequence")
				}
				return -1, err
			}
		}
		id, err := r.int()
		if err != nil {
			return -1, err
		}
		if id >= 0 {
			return int(id), nil
		}
		if err := r.recvType(int(-id)); err != nil {
			return -1, err
		}
		if len(r.buf) > 0 {
			if !isInterface {
				return -1, errors.New("gob: extra data in buffer")
			}
			if _, err := r.uint(); err != nil {
				return -1, err
			}
		}
		first = false
	}
}

// structFields reads a struct's (delta, value) pairs, calling f per field.
func (r *gobReader) structFields(f func(field int) error) error {
	field := -1
	for {
		d, err := r.uint()
		if err != nil {
			return err
		}
		if d == 0 {
			return nil
		}
		field += int(d)
		if err := f(field); err != nil {
			return err
		}
	}
}

func (r *gobReader) commonType(wt *WireType) error {
	return r.structFields(func(f int) error {
		switch f {
		case 0:
			b, err := r.bytes()
			wt.Name = string(b)
			return err
		case 1:
			id, err := r.int()
			wt.Id = int(id)
			return err
		}
		return fmt.Errorf("gob: CommonType field %d", f)
	})
}

func (r *gobReader) recvType(id int) error {
	if id < gobFirstUser {
		return fmt.Errorf("gob: type definition for predefined id %d", id)
	}
	if _, dup := r.st.Types[id]; dup {
		return fmt.Errorf("gob: duplicate type definition %d", id)
	}
	wt := &WireType{}
	n := 0
	err := r.structFields(func(f int) error {
		n++
		kinds := []WireKind{WireArray, WireSlice, WireStruct, WireMap, WireGob, WireBinary, WireText}
		if f < 0 || f >= len(kinds) {
			return fmt.Errorf("gob: wireType field %d", f)
		}
		wt.Kind = kinds[f]
		return r.structFields(func(g int) error {
			if g == 0 {
				return r.commonType(wt)
			}
			switch wt.Kind {
			case WireArray:
				x, err := r.int()
				if g == 1 {
					wt.Elem = int(x)
				} else if g == 2 {
					wt.Len = int(x)
				} else {
					return fmt.Errorf("gob: arrayType field %d", g)
				}
				return err
			case WireSlice:
				x, err := r.int()
				if g != 1 {
					return fmt.Errorf("gob: sliceType field %d", g)
				}
				wt.Elem = int(x)
				return err
			case WireMap:
				x, err := r.int()
				if g == 1 {
					wt.Key = int(x)
				} else if g == 2 {
					wt.Elem = int(x)
				} else {
					return fmt.Errorf("gob: mapType field %d", g)
				}
				return err
			case WireStruct:
				if g != 1 {
					return fmt.Errorf("gob: structType field %d", g)
				}
				cnt, err := r.uint()
				if err != nil {
					return err
				}
				for i := uint64(0); i < cnt; i++ {
					var fld WireField
					if err := r.structFields(func(h int) error {
						switch h {
						case 0:
							b, err := r.bytes()
							fld.Name = string(b)
							return err
						case 1:
							x, err := r.int()
							fld.Id = int(x)
							return err
						}
						return fmt.Errorf("gob: fieldType field %d", h)
					}); err != nil {
						return err
					}
					wt.Fields = append(wt.Fields, fld)
				}
				return nil
			}
			return fmt.Errorf("gob: %s type field %d", wt.Kind, g)
		})
	})
	if err != nil {
		return err
	}
	if n != 1 {
		return fmt.Errorf("gob: wireType with %d kinds set", n)
	}
	r.st.Types[id] = wt
	r.st.TypeIds = append(r.st.TypeIds, id)
	return nil
}

// topValue decodes a value as Decoder.decodeValue does: a struct directly,
// anything else as a singleton (a zero delta first).
func (r *gobReader) topValue(id int) (Node, error) {
	if wt := r.st.Types[id]; wt != nil && wt.Kind == WireStruct {
		return r.value(id)
	}
	d, err := r.uint()
	if err != nil {
		return nil, err
	}
	if d != 0 {
		return nil, fmt.Errorf("gob: non-zero delta %d for singleton", d)
	}
	return r.value(id)
}

// FloatText is strconv.FormatFloat(f, 'g', -1, 64) with "+Inf" for +Inf.
func FloatText(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func floatFromBits(u uint64) float64 { return math.Float64frombits(bits.ReverseBytes64(u)) }

func (r *gobReader) value(id int) (Node, error) {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > 1000 {
		return nil, errors.New("gob: nesting too deep")
	}
	switch id {
	case gobBool:
		u, err := r.uint()
		if u > 1 {
			return nil, fmt.Errorf("gob: bad bool %d", u)
		}
		return Tag("$bool", u == 1), err
	case gobInt:
		x, err := r.int()
		return Tag("$int", strconv.FormatInt(x, 10)), err
	case gobUint:
		x, err := r.uint()
		return Tag("$uint", strconv.FormatUint(x, 10)), err
	case gobFloat:
		x, err := r.uint()
		return Tag("$float", FloatText(floatFromBits(x))), err
	case gobComplex:
		re, err := r.uint()
		if err != nil {
			return nil, err
		}
		im, err := r.uint()
		return Tag("$complex", []any{FloatText(floatFromBits(re)), FloatText(floatFromBits(im))}), err
	case gobBytes:
		b, err := r.bytes()
		return Tag("$bytes", base64.StdEncoding.EncodeToString(b)), err
	case gobString:
		b, err := r.bytes()
		return StringNode(b), err
	case gobInterface:
		return r.iface()
	}
	wt := r.st.Types[id]
	if wt == nil {
		return nil, fmt.Errorf("gob: value of undefined type id %d", id)
	}
	switch wt.Kind {
	case WireGob, WireBinary, WireText:
		b, err := r.bytes()
		return Tag("$encoded", map[string]any{"kind": string(wt.Kind), "name": wt.Name,
			"bytes": base64.StdEncoding.EncodeToString(b)}), err
	case WireArray, WireSlice:
		n, err := r.uint()
		if err != nil {
			return nil, err
		}
		if wt.Kind == WireArray && n != uint64(wt.Len) {
			return nil, fmt.Errorf("gob: array length %d, type says %d", n, wt.Len)
		}
		if n > uint64(r.remaining()) {
			return nil, fmt.Errorf("gob: element count %d exceeds the stream", n)
		}
		out := []any{}
		for i := uint64(0); i < n; i++ {
			v, err := r.value(wt.Elem)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		if wt.Kind == WireArray {
			return Tag("$array", out), nil
		}
		return Tag("$slice", out), nil
	case WireMap:
		n, err := r.uint()
		if err != nil {
			return nil, err
		}
		if n > uint64(r.remaining()) {
			return nil, fmt.Errorf("gob: map count %d exceeds the stream", n)
		}
		out := []any{}
		for i := uint64(0); i < n; i++ {
			k, err := r.value(wt.Key)
			if err != nil {
				return nil, err
			}
			v, err := r.value(wt.Elem)
			if err != nil {
				return nil, err
			}
			out = append(out, []any{k, v})
		}
		return Tag("$map", out), nil
	case WireStruct:
		fields := map[string]any{}
		err := r.structFields(func(f int) error {
			if f >= len(wt.Fields) {
				return fmt.Errorf("gob: field %d beyond struct %s", f, wt.Name)
			}
			v, err := r.value(wt.Fields[f].Id)
			fields[EscapeKey(wt.Fields[f].Name)] = v
			return err
		})
		return Tag("$struct", map[string]any{"name": wt.Name, "fields": fields}), err
	}
	return nil, fmt.Errorf("gob: bad wire kind %q", wt.Kind)
}

func (r *gobReader) iface() (Node, error) {
	name, err := r.bytes()
	if err != nil {
		return nil, err
	}
	if len(name) == 0 {
		return Tag("$interface", nil), nil
	}
	id, err := r.typeSequence(true, false)
	if err != nil {
		return nil, err
	}
	if _, err := r.uint(); err != nil { // byte count, ignored as Go does
		return nil, err
	}
	v, err := r.topValue(id)
	if err != nil {
		return nil, err
	}
	return Tag("$interface", map[string]any{"name": string(name), "value": v}), nil
}

// StringNode is {"$string": s} for valid UTF-8, else {"$stringBytes": b64}.
func StringNode(b []byte) Node {
	if utf8.Valid(b) {
		return Tag("$string", string(b))
	}
	return Tag("$stringBytes", base64.StdEncoding.EncodeToString(b))
}
