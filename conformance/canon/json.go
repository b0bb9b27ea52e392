package canon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Node is a canonical JSON value: nil, bool, string, json.Number, int,
// []any or map[string]any (nothing else).
type Node = any

// EscapeKey applies the `$`-escaping rule to a user data key: a key that
// begins with `$` gets one more `$` in front.
func EscapeKey(k string) string {
	if strings.HasPrefix(k, "$") {
		return "$" + k
	}
	return k
}

// UnescapeKey reverses EscapeKey.
func UnescapeKey(k string) string {
	if strings.HasPrefix(k, "$$") {
		return k[1:]
	}
	return k
}

// Tag builds the single-key tag object {"$name": v}.
func Tag(name string, v Node) map[string]any {
	return map[string]any{name: v}
}

// Marshal writes v as canonical JSON text: keys sorted (encoding/json sorts
// map keys), 2-space indentation, no HTML escaping, trailing newline.
func Marshal(v Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes v as canonical JSON to path, creating directories.
func WriteFile(path string, v Node) error {
	b, err := Marshal(v)
	if err != nil {
		return fmt.Errorf("canon: %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Parse reads JSON text into the generic Node form, numbers as json.Number.
func Parse(b []byte) (Node, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Equal reports whether two canonical values are semantically equal
// (compared through their canonical text, so key order never matters).
func Equal(a, b Node) bool {
	ab, err1 := Marshal(a)
	bb, err2 := Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ab, bb)
}
