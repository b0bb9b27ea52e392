// Command hcldecode gives other-language tests Go's verdict on a template
// body: is it a valid configuration for a given hcldec spec? One long-lived
// process reading line-delimited JSON requests on stdin and answering each
// with one line on stdout, in order.
//
//	{"id": 1, "op": "load", "key": "k", "canonical": <spec, canonical JSON>}
//	{"id": 2, "op": "load", "key": "k", "family": "gob-spec"|"proto-spec", "bytes": "<base64>"}
//	  rebuilds the spec (canon.SpecFromCanonical, or the vector's bytes
//	  decoded as the SDK's ConfigSpec client does: gob into hcldec.ObjectSpec,
//	  or proto.Unmarshal + FromProto) and keeps it under "key".
//	-> {"id": 1, "error": ""}
//
//	{"id": 3, "key": "k", "body": "<JSON text of a block body>"}
//	  decodes the body the way Packer decodes a source block of a .pkr.json
//	  template: json.Parse of {"source": {"t": {"n": BODY}}}, the root's
//	  Content with Packer's source block header (labels type, name), then
//	  hcldec.Decode(block.Body, spec, ectx) with a non-nil EvalContext (as
//	  Packer's, so strings are templates).
//	-> {"id": 3, "accepted": bool, "diagnostics": ["summary: detail", ...], "panic": ""}
//
// "panic" is non-empty when hcldec panicked (nil Nested specs, a BlockMapSpec
// without labels, ...); such a body counts as not accepted: Packer would
// crash on it.
package main

import (
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/goview"
	"github.com/packer-wire/conformance/internal/lineserve"
	"github.com/zclconf/go-cty/cty"
)

type request struct {
	ID        json.RawMessage `json:"id"`
	Op        string          `json:"op"`
	Key       string          `json:"key"`
	Canonical json.RawMessage `json:"canonical"`
	Family    string          `json:"family"`
	Bytes     []byte          `json:"bytes"`
	Body      *string         `json:"body"`
}

type response struct {
	ID          json.RawMessage `json:"id"`
	Error       string          `json:"error,omitempty"`
	Accepted    bool            `json:"accepted"`
	Diagnostics []string        `json:"diagnostics,omitempty"`
	Panic       string          `json:"panic,omitempty"`
}

// sourceSchema is the header Packer's parser gives `source` blocks.
var sourceSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "source", LabelNames: []string{"type", "name"}}}}

func main() {
	specs := map[string]hcldec.Spec{}
	lineserve.Serve("hcldecode", func(line []byte) any { return serve(line, specs) }, nil)
}

func serve(line []byte, specs map[string]hcldec.Spec) (resp response) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return response{ID: json.RawMessage("null"), Error: "bad request: " + err.Error()}
	}
	resp.ID = req.ID
	if len(resp.ID) == 0 {
		resp.ID = json.RawMessage("null")
	}
	if req.Op == "load" {
		s, err := load(req)
		if err != nil {
			resp.Error = err.Error()
			return resp
		}
		specs[req.Key] = s
		return resp
	}
	spec, ok := specs[req.Key]
	if !ok {
		resp.Error = fmt.Sprintf("no spec loaded under %q", req.Key)
		return resp
	}
	if req.Body == nil {
		resp.Error = "missing body"
		return resp
	}
	decodeBody(spec, *req.Body, &resp)
	return resp
}

func load(req request) (hcldec.Spec, error) {
	switch {
	case len(req.Canonical) > 0 && string(req.Canonical) != "null":
		n, err := canon.Parse(req.Canonical)
		if err != nil {
			return nil, fmt.Errorf("canonical: %v", err)
		}
		return canon.SpecFromCanonical(n)
	case req.Family == "gob-spec":
		return goview.GobSpec(req.Bytes, false)
	case req.Family == "proto-spec":
		return goview.ProtoSpec(req.Bytes)
	}
	return nil, fmt.Errorf("load needs canonical, or family gob-spec / proto-spec with bytes")
}

func decodeBody(spec hcldec.Spec, body string, resp *response) {
	defer func() {
		if p := recover(); p != nil {
			resp.Accepted = false
			resp.Panic = fmt.Sprint(p)
		}
	}()
	src := `{"source": {"t": {"n": ` + body + "}}}"
	file, diags := hcljson.Parse([]byte(src), "config.pkr.json")
	if diags.HasErrors() {
		resp.Diagnostics = texts(diags)
		return
	}
	content, diags := file.Body.Content(sourceSchema)
	if diags.HasErrors() {
		resp.Diagnostics = texts(diags)
		return
	}
	if len(content.Blocks) != 1 {
		// Packer: none means no source; two are a duplicate source block.
		resp.Diagnostics = []string{fmt.Sprintf("%d source blocks", len(content.Blocks))}
		return
	}
	ectx := &hcl.EvalContext{Variables: map[string]cty.Value{}}
	_, diags = hcldec.Decode(content.Blocks[0].Body, spec, ectx)
	resp.Diagnostics = texts(diags)
	resp.Accepted = !diags.HasErrors()
}

func texts(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	return out
}
