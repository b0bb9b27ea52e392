// Command roundtrip gives other-language tests Go's view of their bytes: one
// long-lived process that reads line-delimited JSON requests on stdin and
// answers each with one line on stdout, in order.
//
//	{"id": 1, "family": "gob-spec", "bytes": "<base64>", "context": {...}}
//	  Go decodes the bytes with the real Go libraries into the real Go types
//	  (internal/goview, as cmd/vectorize does) and writes the value again with
//	  Go:
//	-> {"id": 1, "bytes": "<Go's bytes>", "canonical": <what Go decoded>,
//	    "deterministic": true, "error": ""}
//
//	{"id": 2, "op": "encode", "family": "msgpack-value", "canonical": {...}, "context": {...}}
//	  Go builds the value from canonical JSON, writes it, reads its own bytes
//	  back and writes what it read once more (see encodeFromCanonical):
//	-> {"id": 2, "bytes": "<Go's bytes>", "canonical": <Go's reading of them>, ...}
//
//	{"id": 3, "op": "types"}
//	-> {"id": 3, "types": {...}, "roots": [...], "registered": {...}}
//	  the Go types gob-generic requests may name (context.goType), with
//	  their layouts (see gobtypes.go).
//
//	{"id": 4, "op": "golang", "fn": "quote", ...}
//	  Go's strconv / encoding/json answers for codecs/golang (see golang.go).
//
// "error" is non-empty when Go refuses; "stage" then says where
// ("request", "build", "decode", "encode"). "deterministic" is false when Go's
// bytes for the value depend on map iteration order, so only the decoded
// value, not the bytes, can be compared.
package main

import (
	"encoding/json"
	"fmt"

	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/lineserve"
)

type request struct {
	ID        json.RawMessage `json:"id"`
	Op        string          `json:"op"`
	Family    string          `json:"family"`
	Bytes     []byte          `json:"bytes"`
	Canonical json.RawMessage `json:"canonical"`
	Context   json.RawMessage `json:"context"`
}

type response struct {
	ID            json.RawMessage `json:"id"`
	Bytes         []byte          `json:"bytes"`
	Canonical     canon.Node      `json:"canonical"`
	Deterministic bool            `json:"deterministic"`
	Error         string          `json:"error"`
	Stage         string          `json:"stage,omitempty"`
	Types         any             `json:"types,omitempty"`
	Roots         []string        `json:"roots,omitempty"`
	Registered    any             `json:"registered,omitempty"`
	Results       any             `json:"results,omitempty"`
}

func main() {
	lineserve.Serve("roundtrip", func(line []byte) any { return serve(line) }, func(answer any, err error) any {
		// A canonical node Go cannot write as JSON: answer with the error.
		return response{ID: answer.(response).ID, Error: "writing the response: " + err.Error(), Stage: "encode"}
	})
}

func serve(line []byte) (resp response) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return response{ID: json.RawMessage("null"), Error: "bad request: " + err.Error(), Stage: "request"}
	}
	resp.ID = req.ID
	if len(resp.ID) == 0 {
		resp.ID = json.RawMessage("null")
	}
	defer func() {
		if p := recover(); p != nil {
			resp = response{ID: resp.ID, Error: fmt.Sprintf("Go panicked: %v", p), Stage: "panic"}
		}
	}()
	if req.Op == "types" {
		resp.Types, resp.Roots, resp.Registered = gobTypeLayouts()
		return resp
	}
	if req.Op == "golang" {
		r, err := serveGolang(line)
		if err != nil {
			resp.Error, resp.Stage = err.Error(), "request"
		}
		resp.Results = r
		return resp
	}
	f, ok := families[req.Family]
	if !ok {
		resp.Error, resp.Stage = fmt.Sprintf("unknown family %q", req.Family), "request"
		return resp
	}
	ctx := map[string]any{}
	if len(req.Context) > 0 && string(req.Context) != "null" {
		n, err := canon.Parse(req.Context)
		if m, ok := n.(map[string]any); err == nil && ok {
			ctx = m
		} else {
			resp.Error, resp.Stage = "context must be a JSON object", "request"
			return resp
		}
	}
	switch req.Op {
	case "", "roundtrip":
		roundtrip(f, req.Bytes, ctx, &resp)
	case "encode":
		n, err := canon.Parse(req.Canonical)
		if err != nil {
			resp.Error, resp.Stage = "canonical: "+err.Error(), "request"
			return resp
		}
		encodeFromCanonical(f, n, ctx, &resp)
	default:
		resp.Error, resp.Stage = fmt.Sprintf("unknown op %q", req.Op), "request"
	}
	return resp
}

// roundtrip: decode with Go, write again with Go.
func roundtrip(f family, data []byte, ctx map[string]any, resp *response) {
	v, n, err := f.decode(data, ctx)
	if err != nil {
		resp.Error, resp.Stage = err.Error(), "decode"
		return
	}
	resp.Canonical = n
	b, det, err := f.encode(v, ctx)
	if err != nil {
		resp.Error, resp.Stage = err.Error(), "encode"
		return
	}
	resp.Bytes, resp.Deterministic = b, det
}

// encodeFromCanonical: build the Go value, write it, read Go's bytes back,
// and write what Go read once more. The answer is that second writing and
// Go's reading of it: a value need not survive its first trip unchanged (a
// -0 number in msgpack comes back as 0, so its place in a set moves), and
// only Go's writing of a value Go itself read is a fixpoint to compare with.
func encodeFromCanonical(f family, n canon.Node, ctx map[string]any, resp *response) {
	if f.build == nil {
		resp.Error, resp.Stage = "this family has no canonical -> Go builder", "build"
		return
	}
	v, err := f.build(n, ctx)
	if err != nil {
		resp.Error, resp.Stage = err.Error(), "build"
		return
	}
	b1, _, err := f.encode(v, ctx)
	if err != nil {
		resp.Error, resp.Stage = err.Error(), "encode"
		return
	}
	v1, c1, err := f.decode(b1, ctx)
	if err != nil {
		resp.Error, resp.Stage = "reading Go's own bytes back: "+err.Error(), "decode"
		return
	}
	b2, det, err := f.encode(v1, ctx)
	if err != nil {
		resp.Error, resp.Stage = "writing what Go read: "+err.Error(), "encode"
		return
	}
	_, c2, err := f.decode(b2, ctx)
	if err != nil {
		resp.Error, resp.Stage = "reading Go's own bytes back a second time: "+err.Error(), "decode"
		return
	}
	if !canon.Equal(c1, c2) { // $map pairs are sorted by canon
		resp.Error, resp.Stage = "Go reads its own writing of a value it read as a different value", "decode"
		return
	}
	resp.Bytes, resp.Canonical, resp.Deterministic = b2, c2, det
}
