package gobench

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// CasesEnv names the environment variable holding the path of the case list.
const CasesEnv = "PACKER_WIRE_BENCH_CASES"

// Case is one payload to time, as the TypeScript bench selected it.
type Case struct {
	Name    string         `json:"name"`    // stable case name, e.g. "gob-spec.configspec"
	ID      string         `json:"id"`      // the vector's manifest id
	Family  string         `json:"family"`  // vector family
	File    string         `json:"file"`    // absolute path of the payload bytes
	Context map[string]any `json:"context"` // the vector's manifest context
	Retain  bool           `json:"retain"`  // also measure heap retained per decode
	// Corpus, when set, is the <name>.corpus file cmd/corpus wrote: distinct
	// payloads made from this one, timed in turn instead of File alone.
	Corpus string `json:"corpus,omitempty"`
}

// CaseList is the file the TypeScript bench writes.
type CaseList struct {
	Cases []Case `json:"cases"`
	// OutDir receives retained.json and hcl_spec.descriptor.bin.
	OutDir string `json:"outDir"`
}

// LoadCases reads the case list named by CasesEnv; ok is false when it is unset.
func LoadCases() (list CaseList, ok bool, err error) {
	p := os.Getenv(CasesEnv)
	if p == "" {
		return list, false, nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return list, true, err
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return list, true, fmt.Errorf("%s: %w", p, err)
	}
	if list.OutDir == "" {
		list.OutDir = filepath.Dir(p)
	}
	return list, true, nil
}

// ReadPayload reads a case's bytes.
func (c Case) ReadPayload() ([]byte, error) { return os.ReadFile(c.File) }

func (c Case) ctxString(key string) string {
	s, _ := c.Context[key].(string)
	return s
}

// Workload is what a case times: its payloads (the corpus, or the payload
// alone) and the codec of each (cty msgpack/JSON payloads of a corpus each
// have their own type).
type Workload struct {
	Payloads [][]byte
	Codecs   []Codec
}

// LoadWorkload reads a case's corpus (or its payload) and makes the codecs.
func (c Case) LoadWorkload() (Workload, error) {
	var w Workload
	codec, err := CodecFor(c)
	if err != nil {
		return w, err
	}
	if c.Corpus == "" {
		b, err := c.ReadPayload()
		if err != nil {
			return w, err
		}
		return Workload{Payloads: [][]byte{b}, Codecs: []Codec{codec}}, nil
	}
	raw, err := os.ReadFile(c.Corpus)
	if err != nil {
		return w, err
	}
	for len(raw) >= 4 {
		n := int(binary.BigEndian.Uint32(raw))
		if 4+n > len(raw) {
			return w, fmt.Errorf("%s: truncated", c.Corpus)
		}
		w.Payloads = append(w.Payloads, raw[4:4+n:4+n])
		raw = raw[4+n:]
	}
	var meta struct {
		Types []json.RawMessage `json:"types"`
	}
	if b, err := os.ReadFile(c.Corpus[:len(c.Corpus)-len(".corpus")] + ".json"); err == nil {
		_ = json.Unmarshal(b, &meta)
	}
	for i := range w.Payloads {
		if i >= len(meta.Types) {
			w.Codecs = append(w.Codecs, codec)
			continue
		}
		vc := c
		vc.Context = map[string]any{}
		for k, x := range c.Context {
			vc.Context[k] = x
		}
		vc.Context["type"] = meta.Types[i]
		vcodec, err := CodecFor(vc)
		if err != nil {
			return w, err
		}
		w.Codecs = append(w.Codecs, vcodec)
	}
	return w, nil
}
