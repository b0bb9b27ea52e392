// Command payloads builds crafted payloads in-process with the real Go
// encoders (encoding/gob, go-cty msgpack/json, the SDK's ugorji rpc codec,
// the SDK's ToProto + proto.Marshal) and writes them as captures for
// cmd/vectorize (format: conformance/README.md).
//
// It runs itself twice more in fresh processes (-run 1, -run 2) and records
// those outputs as repeatFiles so vectorize can judge byteExact.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	capturepkg "github.com/packer-wire/conformance/internal/capture"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

// payload is one crafted capture.
type payload struct {
	ID        string
	Kind      string
	Mode      string
	Component string
	Ext       string // file extension, default ".bin"
	Bytes     []byte
	Err       string
	Context   map[string]any
}

type capture = capturepkg.Capture

// inProcessRuns is how many extra times the payloads are rebuilt in-process
// to catch map-order leaks that 3 process runs can miss by chance.
const inProcessRuns = 12

func sdkVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/hashicorp/packer-plugin-sdk" {
				return d.Version
			}
		}
	}
	return "unknown"
}

// all builds every payload, in a fixed order (gob type ids depend on the
// order types are first used in the process, so the order is part of the
// output).
func all() []payload {
	var ps []payload
	ps = append(ps, gobGeneric()...)
	ps = append(ps, gobSpecs()...)
	ps = append(ps, gobValues()...)
	ps = append(ps, msgpackValues()...)
	ps = append(ps, jsonValues()...)
	ps = append(ps, rpcPayloads()...)
	ps = append(ps, protoAccept()...)
	ps = append(ps, protoReject()...)
	return ps
}

func fileFor(p payload, run int) string {
	ext := p.Ext
	if ext == "" {
		ext = ".bin"
	}
	if run == 0 {
		return "bin/" + p.ID + ext
	}
	return fmt.Sprintf("bin/%s.r%d%s", p.ID, run, ext)
}

func writeAll(out string, run int, ps []payload) error {
	for _, p := range ps {
		path := filepath.Join(out, fileFor(p, run))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, p.Bytes, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// repeats: fresh processes run after the primary one (-repeats).
var repeats = 2

func main() {
	out := flag.String("out", ".work/captures", "captures directory")
	run := flag.Int("run", 0, "internal: repeat run number (0 = primary run, writes the index)")
	flag.IntVar(&repeats, "repeats", 2, "fresh processes that write every payload again (for byteExact)")
	hostile := flag.Bool("hostile", false, "print the hostile vectors' inputs as JSON lines on stdout (hostile.go) and exit")
	flag.Parse()
	if *hostile {
		writeHostile()
		return
	}

	start := time.Now()
	ps := all()
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.ID] {
			fatalf("duplicate payload id %s", p.ID)
		}
		seen[p.ID] = true
		if strings.ContainsAny(p.ID, "/ ") {
			fatalf("bad payload id %q", p.ID)
		}
	}
	unstable := map[string]bool{}
	if *run == 0 {
		for i := 0; i < inProcessRuns; i++ {
			for j, q := range all() {
				if q.ID != ps[j].ID {
					fatalf("payload order changed between builds")
				}
				if !bytes.Equal(q.Bytes, ps[j].Bytes) {
					unstable[q.ID] = true
				}
			}
		}
	}
	if err := writeAll(*out, *run, ps); err != nil {
		fatalf("%v", err)
	}
	if *run != 0 {
		return
	}
	fmt.Printf("payloads: %d payloads built in %s\n", len(ps), time.Since(start).Round(time.Millisecond))

	self, err := os.Executable()
	if err != nil {
		fatalf("%v", err)
	}
	for r := 1; r <= repeats; r++ {
		cmd := exec.Command(self, "-out", *out, "-run", fmt.Sprint(r))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fatalf("repeat run %d: %v", r, err)
		}
		fmt.Printf("payloads: repeat run %d done\n", r)
	}

	idx, err := os.Create(filepath.Join(*out, "index-payloads.jsonl"))
	if err != nil {
		fatalf("%v", err)
	}
	defer idx.Close()
	sdk := sdkVersion()
	counts := map[string]int{}
	for _, p := range ps {
		c := capture{
			ID: p.ID, Kind: p.Kind, Plugin: "harness", PluginVersion: "v0.0.0",
			SdkVersion: sdk, GoVersion: runtime.Version(), Mode: p.Mode, Component: p.Component,
			File: fileFor(p, 0), Error: p.Err, Context: p.Context, Unstable: unstable[p.ID],
		}
		if c.Mode == "" {
			c.Mode = "none"
		}
		if c.Context == nil {
			c.Context = map[string]any{}
		}
		for r := 1; r <= repeats; r++ {
			c.RepeatFiles = append(c.RepeatFiles, fileFor(p, r))
		}
		b, err := json.Marshal(c)
		if err != nil {
			fatalf("%s: %v", p.ID, err)
		}
		idx.Write(append(b, '\n'))
		counts[p.Kind]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Printf("payloads: %-14s %d\n", k, counts[k])
	}
	fmt.Printf("payloads: %d payloads vary between in-process rebuilds (map order)\n", len(unstable))
	fmt.Printf("payloads: wrote %s (%s)\n", filepath.Join(*out, "index-payloads.jsonl"), time.Since(start).Round(time.Millisecond))
}

func fatalf(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "payloads: "+f+"\n", a...)
	os.Exit(1)
}
