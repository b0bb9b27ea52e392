// Command vectorize reads the raw captures under .work/captures (from
// cmd/payloads and cmd/host), decodes every capture with Go into the real Go
// types, and writes vectors/<family>/<id>.* plus vectors/manifest.json as
// specified in vectors/README.md. It is the only writer of vectors/ (except
// the `hostile` family, whose manifest entries it preserves).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	capturepkg "github.com/packer-wire/conformance/internal/capture"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/packer-wire/conformance/canon"
)

const maxFile = 1 << 20

type capture struct {
	capturepkg.Capture

	index string // which index file it came from
}

type source struct {
	Plugin        string `json:"plugin"`
	PluginVersion string `json:"pluginVersion"`
	SdkVersion    string `json:"sdkVersion"`
	GoVersion     string `json:"goVersion"`
	Mode          string `json:"mode"`
	Host          string `json:"host"`
}

type entry struct {
	ID        string         `json:"id"`
	Family    string         `json:"family"`
	File      string         `json:"file"`
	Expect    string         `json:"expect"`
	Source    source         `json:"source"`
	ByteExact bool           `json:"byteExact"`
	Context   map[string]any `json:"context"`
}

type manifest struct {
	Generator map[string]string `json:"generator"`
	Vectors   []json.RawMessage `json:"vectors"`
}

// result is what a family handler returns for one capture.
type result struct {
	family  string
	ext     string // of the vector file: ".bin" or ".json"
	data    []byte // vector file content
	expect  canon.Node
	context map[string]any
	// mapOrder: a Go map with two or more entries is reachable from the decoded
	// value (internal/goview Deterministic), so Go writes its entries in random
	// order and the payload is never byteExact, whatever the repeated runs showed.
	mapOrder bool
}

var ownFamilies = []string{"gob-spec", "gob-value", "gob-generic", "proto-spec", "msgpack-value", "json-value", "rpc", "transcript"}

func main() {
	captures := flag.String("captures", ".work/captures", "captures directory")
	out := flag.String("out", "../vectors", "vectors directory")
	flag.Parse()
	start := time.Now()

	caps, err := readCaptures(*captures)
	if err != nil {
		fatalf("%v", err)
	}
	fmt.Printf("vectorize: %d captures from %s\n", len(caps), *captures)

	var entries []entry
	files := map[string][]byte{}
	counts := map[string]int{}
	skipped := map[string]int{}
	skipReasons := map[string]int{}
	seen := map[string]string{}
	noRepeat := 0
	unflagged := 0
	var problems []string
	for i, c := range caps {
		data, err := os.ReadFile(filepath.Join(*captures, c.File))
		if err != nil {
			fatalf("%s: %v", c.ID, err)
		}
		res, skip, err := handle(c, data)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s (%s, %s): %v", c.ID, c.Kind, c.index, err))
			continue
		}
		if skip != "" {
			skipped[c.Kind]++
			skipReasons[reasonKey(skip)]++
			if os.Getenv("VECTORIZE_VERBOSE") != "" {
				fmt.Printf("vectorize: skip %s: %s\n", c.ID, skip)
			}
			continue
		}
		id := res.family + "/" + c.ID
		if prev, dup := seen[id]; dup {
			fatalf("duplicate vector id %s (from %s and %s)", id, prev, c.index)
		}
		seen[id] = c.index
		exact, err := byteExact(*captures, c, data)
		if err != nil {
			fatalf("%s: %v", c.ID, err)
		}
		if exact && res.mapOrder {
			exact = false
			unflagged++
		}
		if len(c.RepeatFiles) == 0 {
			noRepeat++
		}
		file := id + res.ext
		expectFile := id + ".expect.json"
		expectBytes, err := canon.Marshal(res.expect)
		if err != nil {
			fatalf("%s: expect: %v", c.ID, err)
		}
		for name, b := range map[string][]byte{file: res.data, expectFile: expectBytes} {
			if len(b) > maxFile {
				fatalf("%s: %s is %d bytes, over the 1 MiB limit", c.ID, name, len(b))
			}
		}
		files[file] = res.data
		files[expectFile] = expectBytes
		mode := c.Mode
		if mode == "" {
			mode = "none"
		}
		entries = append(entries, entry{
			ID: id, Family: res.family, File: file, Expect: expectFile,
			Source:    source{c.Plugin, c.PluginVersion, c.SdkVersion, c.GoVersion, mode, hostOf(c)},
			ByteExact: exact, Context: res.context,
		})
		counts[res.family]++
		if (i+1)%100 == 0 {
			fmt.Printf("vectorize: %d/%d captures decoded\n", i+1, len(caps))
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "vectorize: FAIL", p)
		}
		fatalf("%d captures could not be decoded", len(problems))
	}

	// Write: clear our own families, keep anything else (hostile).
	for _, f := range ownFamilies {
		if err := os.RemoveAll(filepath.Join(*out, f)); err != nil {
			fatalf("%v", err)
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(*out, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fatalf("%v", err)
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			fatalf("%v", err)
		}
	}
	raws, kept := mergeManifest(filepath.Join(*out, "manifest.json"), entries)
	m := manifest{
		Generator: map[string]string{"goVersion": runtime.Version(), "generatedBy": "conformance/cmd/vectorize"},
		Vectors:   raws,
	}
	pretty, err := manifestJSON(m)
	if err != nil {
		fatalf("manifest: %v", err)
	}
	if len(pretty) > maxFile {
		fatalf("manifest.json would be %d bytes, over the 1 MiB limit", len(pretty))
	}
	if len(pretty) > maxFile*3/4 {
		fmt.Printf("vectorize: WARNING manifest.json is %d bytes (limit 1 MiB)\n", len(pretty))
	}
	if err := os.WriteFile(filepath.Join(*out, "manifest.json"), pretty, 0o644); err != nil {
		fatalf("%v", err)
	}

	fams := make([]string, 0, len(counts))
	for f := range counts {
		fams = append(fams, f)
	}
	sort.Strings(fams)
	exactN := 0
	for _, e := range entries {
		if e.ByteExact {
			exactN++
		}
	}
	for _, f := range fams {
		fmt.Printf("vectorize: %-14s %4d vectors\n", f, counts[f])
	}
	for _, k := range sortedKeys(skipped) {
		fmt.Printf("vectorize: skipped %d %s captures with no Go view (VECTORIZE_VERBOSE=1 lists them)\n", skipped[k], k)
	}
	for _, r := range sortedKeys(skipReasons) {
		fmt.Printf("vectorize:   %3d x %s\n", skipReasons[r], r)
	}
	if kept > 0 {
		fmt.Printf("vectorize: kept %d manifest entries of other families (hostile)\n", kept)
	}
	if unflagged > 0 {
		fmt.Printf("vectorize: %d vectors whose repeats agreed are not byteExact: a Go map with 2+ entries is reachable from their value\n", unflagged)
	}
	if noRepeat > 0 {
		fmt.Printf("vectorize: WARNING %d captures had no repeatFiles: byteExact=false for them\n", noRepeat)
	}
	fmt.Printf("vectorize: %d vectors (%d byteExact) written to %s in %s\n", len(entries), exactN, *out, time.Since(start).Round(time.Millisecond))
}

// hostOf: what drove the plugin (source.host): the capture's own host, else
// "go-host" for cmd/host's captures, "none" for payloads built in-process.
func hostOf(c capture) string {
	switch {
	case c.Host != "":
		return c.Host
	case c.index == "index-host.jsonl":
		return "go-host"
	}
	return "none"
}

func readCaptures(dir string) ([]capture, error) {
	idx, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(idx)
	if len(idx) == 0 {
		return nil, fmt.Errorf("no *.jsonl index in %s", dir)
	}
	var out []capture
	for _, p := range idx {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		line := 0
		for sc.Scan() {
			line++
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			var c capture
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.UseNumber()
			if err := dec.Decode(&c); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %v", p, line, err)
			}
			if c.ID == "" || c.Kind == "" || c.File == "" {
				f.Close()
				return nil, fmt.Errorf("%s:%d: capture without id/kind/file", p, line)
			}
			if c.Context == nil {
				c.Context = map[string]any{}
			}
			c.index = filepath.Base(p)
			out = append(out, c)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
	}
	return out, nil
}

func byteExact(dir string, c capture, data []byte) (bool, error) {
	if len(c.RepeatFiles) == 0 || c.Unstable {
		return false, nil
	}
	for _, r := range c.RepeatFiles {
		b, err := os.ReadFile(filepath.Join(dir, r))
		if err != nil {
			return false, err
		}
		if !bytes.Equal(b, data) {
			return false, nil
		}
	}
	return true, nil
}

// mergeManifest returns the sorted manifest entries: ours plus the entries
// of families we do not own that were already in the manifest.
func mergeManifest(path string, ours []entry) ([]json.RawMessage, int) {
	type keyed struct {
		id  string
		raw json.RawMessage
	}
	var all []keyed
	own := map[string]bool{}
	for _, f := range ownFamilies {
		own[f] = true
	}
	kept := 0
	if b, err := os.ReadFile(path); err == nil {
		var old struct {
			Vectors []json.RawMessage `json:"vectors"`
		}
		if json.Unmarshal(b, &old) == nil {
			for _, r := range old.Vectors {
				var e struct {
					ID     string `json:"id"`
					Family string `json:"family"`
				}
				if json.Unmarshal(r, &e) == nil && e.Family != "" && !own[e.Family] {
					all = append(all, keyed{e.ID, r})
					kept++
				}
			}
		}
	}
	for _, e := range ours {
		var rb bytes.Buffer
		enc := json.NewEncoder(&rb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e); err != nil {
			fatalf("%v", err)
		}
		all = append(all, keyed{e.ID, json.RawMessage(bytes.TrimSpace(rb.Bytes()))})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].id < all[j].id })
	out := make([]json.RawMessage, len(all))
	for i, k := range all {
		out[i] = k.raw
	}
	return out, kept
}

func fatalf(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "vectorize: "+f+"\n", a...)
	os.Exit(1)
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func hasPrefix(s, p string) bool { return strings.HasPrefix(s, p) }

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// reasonKey shortens a skip reason for the summary.
func reasonKey(s string) string {
	if i := strings.LastIndex(s, "gob: "); i >= 0 && strings.HasPrefix(s, "error: ") {
		return "Go refused to encode: " + s[i:]
	}
	if len(s) > 110 {
		s = s[:110] + "…"
	}
	return s
}

// manifestJSON writes the manifest with one compact vector entry per line:
// readable in a diff, and a third the size of an indented file.
func manifestJSON(m manifest) ([]byte, error) {
	var b bytes.Buffer
	compact := func(v any) ([]byte, error) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		out := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		var c bytes.Buffer
		if err := json.Compact(&c, out); err != nil {
			return nil, err
		}
		return c.Bytes(), nil
	}
	gen, err := compact(m.Generator)
	if err != nil {
		return nil, err
	}
	b.WriteString("{\n  \"generator\": ")
	b.Write(gen)
	b.WriteString(",\n  \"vectors\": [\n")
	for i, raw := range m.Vectors {
		line, err := compact(raw)
		if err != nil {
			return nil, err
		}
		b.WriteString("    ")
		b.Write(line)
		if i < len(m.Vectors)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ]\n}\n")
	return b.Bytes(), nil
}
