package gobench

import (
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
