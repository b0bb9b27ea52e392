package main

// The "golang" op: Go's own answers for the standard-library behaviours
// codecs/golang reproduces, so the TypeScript side can be compared with them.
//
//	{"id": 1, "op": "golang", "fn": "isprint-ranges"}
//	-> {"id": 1, "results": [first, last, first, last, ...]}   every code point
//	   range where strconv.IsPrint is true
//	{"id": 2, "op": "golang", "fn": "quote", "strings": ["...", ...]}
//	-> {"id": 2, "results": [strconv.Quote(s), ...]}
//	{"id": 3, "op": "golang", "fn": "json-string", "strings": [...], "escapeHTML": true}
//	-> {"id": 3, "results": ["<base64 of what encoding/json writes>", ...]}
//	{"id": 4, "op": "golang", "fn": "format-float", "bits": ["<16 hex digits>", ...], "format": "g"}
//	-> {"id": 4, "results": [strconv.FormatFloat(f, 'g', -1, 64), ...]}
//	   format "json" answers what json.Marshal writes for the float64 ("" when it refuses).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode"
)

type golangRequest struct {
	Fn         string   `json:"fn"`
	Strings    []string `json:"strings"`
	EscapeHTML bool     `json:"escapeHTML"`
	Bits       []string `json:"bits"`
	Format     string   `json:"format"`
}

func serveGolang(line []byte) (any, error) {
	var req golangRequest
	if err := json.Unmarshal(line, &req); err != nil {
		return nil, err
	}
	switch req.Fn {
	case "isprint-ranges":
		var out []int
		start := -1
		for r := 0; r <= unicode.MaxRune+1; r++ {
			p := r <= unicode.MaxRune && strconv.IsPrint(rune(r))
			if p && start < 0 {
				start = r
			}
			if !p && start >= 0 {
				out = append(out, start, r-1)
				start = -1
			}
		}
		return out, nil
	case "quote":
		out := make([]string, len(req.Strings))
		for i, s := range req.Strings {
			out[i] = strconv.Quote(s)
		}
		return out, nil
	case "json-string":
		out := make([][]byte, len(req.Strings))
		for i, s := range req.Strings {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(req.EscapeHTML)
			if err := enc.Encode(s); err != nil {
				return nil, err
			}
			out[i] = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		}
		return out, nil
	case "format-float":
		out := make([]string, len(req.Bits))
		for i, h := range req.Bits {
			u, err := strconv.ParseUint(h, 16, 64)
			if err != nil {
				return nil, err
			}
			f := math.Float64frombits(u)
			switch req.Format {
			case "g":
				out[i] = strconv.FormatFloat(f, 'g', -1, 64)
			case "json":
				if b, err := json.Marshal(f); err == nil {
					out[i] = string(b)
				}
			default:
				return nil, fmt.Errorf("unknown float format %q", req.Format)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown golang fn %q", req.Fn)
}
