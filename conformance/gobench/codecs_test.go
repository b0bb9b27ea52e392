package gobench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestCodecsReadVectors runs every Go codec of the bench over every vector of
// its family (proto rejections excepted): decode, then encode what was
// decoded. It keeps the Go side of `npm run bench` working as the harness and
// its vectors change.
func TestCodecsReadVectors(t *testing.T) {
	dir := filepath.Join("..", "..", "vectors")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skipf("no vectors: %v", err)
	}
	var m struct {
		Vectors []struct {
			ID      string         `json:"id"`
			Family  string         `json:"family"`
			File    string         `json:"file"`
			Context map[string]any `json:"context"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, v := range m.Vectors {
		if v.Family == "transcript" || v.Family == "hostile" || v.Context["kind"] == "reject" {
			continue
		}
		c := Case{Name: "t", ID: v.ID, Family: v.Family, File: filepath.Join(dir, v.File), Context: v.Context}
		codec, err := CodecFor(c)
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		b, err := c.ReadPayload()
		if err != nil {
			t.Fatal(err)
		}
		val, err := codec.Decode(b)
		if err != nil {
			t.Errorf("%s: decode: %v", v.ID, err)
			continue
		}
		if codec.EncodeInput != nil {
			val = codec.EncodeInput(val)
		}
		if _, err := codec.Encode(val); err != nil {
			t.Errorf("%s: encode: %v", v.ID, err)
			continue
		}
		seen[v.Family]++
	}
	for _, f := range []string{"gob-spec", "gob-value", "gob-generic", "proto-spec", "msgpack-value", "json-value", "rpc"} {
		if seen[f] == 0 {
			t.Errorf("no %s vector went through", f)
		}
	}
}
