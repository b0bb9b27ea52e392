package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	capturepkg "github.com/packer-wire/conformance/internal/capture"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sdkplugin "github.com/hashicorp/packer-plugin-sdk/plugin"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
)

// capture is one line of index-host.jsonl (conformance/README.md).
type capture = capturepkg.Capture

type captureWriter struct {
	dir       string
	indexPath string
	index     *os.File
	buf       *bufio.Writer
	counts    map[string]int
	ids       map[string]bool
}

// newCaptureWriter starts index-host.jsonl afresh. Lines of the previous run
// for which keep(id) is true are carried over (with their files); the files of
// every other previous line are removed. Other capture programs' files stay.
func newCaptureWriter(dir string, keep func(id string) bool) (*captureWriter, error) {
	w := &captureWriter{dir: dir, indexPath: filepath.Join(dir, "index-host.jsonl"), counts: map[string]int{}, ids: map[string]bool{}}
	if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
		return nil, err
	}
	var kept []string
	if old, err := os.ReadFile(w.indexPath); err == nil {
		for _, line := range strings.Split(string(old), "\n") {
			var c capture
			if json.Unmarshal([]byte(line), &c) != nil {
				continue
			}
			if keep != nil && keep(c.ID) {
				kept = append(kept, line)
				w.ids[c.ID] = true
				continue
			}
			for _, f := range append([]string{c.File}, c.RepeatFiles...) {
				if f != "" && !strings.Contains(f, "..") {
					_ = os.Remove(filepath.Join(dir, f))
				}
			}
		}
	}
	f, err := os.Create(w.indexPath)
	if err != nil {
		return nil, err
	}
	w.index, w.buf = f, bufio.NewWriter(f)
	for _, line := range kept {
		w.buf.WriteString(line)
		w.buf.WriteByte('\n')
	}
	return w, nil
}

func (w *captureWriter) writeFile(name string, data []byte) (string, error) {
	rel := filepath.ToSlash(filepath.Join("bin", name))
	return rel, os.WriteFile(filepath.Join(w.dir, rel), data, 0o644)
}

func (w *captureWriter) add(c capture) error {
	if w.ids[c.ID] {
		return fmt.Errorf("duplicate capture id %s", c.ID)
	}
	w.ids[c.ID] = true
	if c.RepeatFiles == nil {
		c.RepeatFiles = []string{}
	}
	if c.Context == nil {
		c.Context = map[string]any{}
	}
	line, err := json.Marshal(c)
	if err != nil {
		return err
	}
	w.buf.Write(line)
	w.buf.WriteByte('\n')
	key := c.Kind + "/" + c.Mode
	if c.Error != "" {
		key += " (error)"
	}
	w.counts[key]++
	return nil
}

func (w *captureWriter) close() error {
	if err := w.buf.Flush(); err != nil {
		return err
	}
	return w.index.Close()
}

func (w *captureWriter) summary() string {
	keys := make([]string, 0, len(w.counts))
	for k := range w.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, w.counts[k]))
	}
	return strings.Join(parts, ", ")
}

// planned is one session type for one component.
type planned struct {
	label    string
	caseNo   int    // datasource case (tester), 0 otherwise
	caseName string // datasource case name
	script   func(s *session)
}

var kindEndpoint = map[string]string{
	"builder":        sdkrpc.DefaultBuilderEndpoint,
	"provisioner":    sdkrpc.DefaultProvisionerEndpoint,
	"post-processor": sdkrpc.DefaultPostProcessorEndpoint,
	"datasource":     sdkrpc.DefaultDatasourceEndpoint,
}

// The tester's datasource cases (plugins/tester/cases.go).
var testerCaseNames = []string{"", "primitives", "integers", "fractions", "special-numbers", "big-numbers",
	"unicode-strings", "long-strings", "collections", "empty-collections", "nested", "nulls", "unknowns",
	"refined-unknowns", "wholly-null", "wholly-unknown", "dynamic-unknown", "dynamic-null", "raw-primitive",
	"dynamic-attr", "marked", "error"}

// Cases run against the default-name datasource (proto-safe OutputSpec).
var testerDefaultCases = []int{1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 21}

// Cases that get a transcript on builds other than -primary.
var transcriptCases = map[int]bool{1: true, 12: true, 21: true}

func planFor(p *pluginInfo, kind, comp string) []planned {
	if p.Plugin == "tester" {
		return planTester(kind, comp)
	}
	key := p.Plugin + "/" + kind + "/" + comp
	over := publishedConfigs[key]
	switch kind {
	case "builder":
		return []planned{{label: "prepare", script: func(s *session) { s.runBuilder(builderOpts{overrides: over}) }}}
	case "provisioner":
		return []planned{{label: "prepare", script: func(s *session) { s.runProvisioner(over, false) }}}
	case "post-processor":
		return []planned{{label: "configure", script: func(s *session) { s.runPostProcessor(over, false) }}}
	case "datasource":
		return []planned{{label: "configure", script: func(s *session) { s.runDatasource(over, false) }}}
	}
	return nil
}

func planTester(kind, comp string) []planned {
	def := comp == sdkplugin.DEFAULT_NAME
	switch {
	case kind == "builder" && !def:
		return []planned{
			{label: "run", script: func(s *session) {
				s.runBuilder(builderOpts{overrides: testerFullBuilderConfig(nil), run: true})
			}},
			{label: "cancel", script: func(s *session) {
				s.runBuilder(builderOpts{overrides: testerFullBuilderConfig(map[string]ctyValue{"wait_for_cancel": ctyTrue}), run: true, cancelOnText: "waiting for cancel"})
			}},
			{label: "prepare-error", script: func(s *session) {
				s.runBuilder(builderOpts{overrides: testerFullBuilderConfig(map[string]ctyValue{"str": ctyString("")}), run: true})
			}},
		}
	case kind == "builder":
		return []planned{
			{label: "run", script: func(s *session) {
				s.runBuilder(builderOpts{overrides: testerDefaultBuilderConfig(nil), run: true})
			}},
			{label: "no-artifact", script: func(s *session) {
				s.runBuilder(builderOpts{overrides: testerDefaultBuilderConfig(map[string]ctyValue{"no_artifact": ctyTrue}), run: true})
			}},
		}
	case kind == "provisioner":
		return []planned{{label: "run", script: func(s *session) { s.runProvisioner(testerProvisionerConfig, true) }}}
	case kind == "post-processor" && comp == "chain":
		return []planned{{label: "run", script: func(s *session) { s.runPostProcessor(testerChainConfig, true) }}}
	case kind == "post-processor" && comp == "tester":
		return []planned{{label: "run", script: func(s *session) { s.runPostProcessor(testerPostProcessorConfig, true) }}}
	case kind == "post-processor":
		return []planned{{label: "configure", script: func(s *session) {
			s.runPostProcessor(map[string]ctyValue{"anything": ctyString("any value")}, false)
		}}}
	case kind == "datasource":
		nums := testerDefaultCases
		if !def {
			nums = nil
			for i := 1; i < len(testerCaseNames); i++ {
				nums = append(nums, i)
			}
		}
		out := []planned{}
		for _, c := range nums {
			c := c
			out = append(out, planned{
				label: fmt.Sprintf("case%02d-%s", c, testerCaseNames[c]), caseNo: c, caseName: testerCaseNames[c],
				script: func(s *session) { s.runDatasource(testerDatasourceConfig(c), true) },
			})
		}
		return out
	}
	return nil
}

func compSlug(comp string) string {
	if comp == sdkplugin.DEFAULT_NAME {
		return "default"
	}
	return comp
}

// payload is a ConfigSpec/OutputSpec/Execute result found in a session.
type payload struct {
	found bool
	data  []byte
	err   string
}

func findPayload(d *sessionDecode, serviceMethod string) payload {
	for _, c := range d.Calls {
		if c.ServiceMethod != serviceMethod || c.Caller != "host" {
			continue
		}
		if !c.HasResponse {
			return payload{found: true, err: "no response recorded"}
		}
		if c.Error != "" {
			return payload{found: true, err: c.Error}
		}
		switch r := c.Response.(type) {
		case sdkrpc.ConfigSpecResponse:
			return payload{found: true, data: r.ConfigSpec}
		case sdkrpc.OutputSpecResponse:
			return payload{found: true, data: r.OutputSpec}
		case sdkrpc.ExecuteResponse:
			if r.Error != nil {
				return payload{found: true, data: r.Value, err: r.Error.Message}
			}
			return payload{found: true, data: r.Value}
		default:
			return payload{found: true, err: fmt.Sprintf("unexpected response type %T", c.Response)}
		}
	}
	return payload{}
}

// sessionResult is what one session left behind.
type sessionResult struct {
	records   []record
	decoded   *sessionDecode
	notes     []string
	handshake string
}

func runSession(p *pluginInfo, kind, comp string, proto bool, script func(*session)) (*sessionResult, error) {
	s, err := openSession(p, kind, comp, proto, *flagTimeout)
	if err != nil {
		return nil, err
	}
	script(s)
	recs := s.close()
	res := &sessionResult{records: recs, decoded: decodeSession(recs), notes: s.notes, handshake: s.proc.handshake}
	if *flagVerbose {
		for _, n := range s.notes {
			logf("  %s %s %s: %s", p.Name, kind, comp, n)
		}
		for _, pr := range res.decoded.Problems {
			logf("  %s %s %s: decode: %s", p.Name, kind, comp, pr)
		}
	}
	return res, nil
}

func modeName(proto bool) string {
	if proto {
		return "protobuf"
	}
	return "gob"
}

func capturePlugin(w *captureWriter, p *pluginInfo) (int, []error) {
	var errs []error
	count := 0
	descRaw, err := runDescribe(p.Path, 10*time.Second)
	if err != nil {
		return 0, []error{err}
	}
	var desc describeInfo
	if err := json.Unmarshal(descRaw, &desc); err != nil {
		return 0, []error{fmt.Errorf("describe output %q: %w", descRaw, err)}
	}
	var descAny any
	_ = json.Unmarshal(descRaw, &descAny)

	type comp struct{ kind, name string }
	var comps []comp
	for _, n := range desc.Builders {
		comps = append(comps, comp{"builder", n})
	}
	for _, n := range desc.Provisioners {
		comps = append(comps, comp{"provisioner", n})
	}
	for _, n := range desc.PostProcessors {
		comps = append(comps, comp{"post-processor", n})
	}
	for _, n := range desc.Datasources {
		comps = append(comps, comp{"datasource", n})
	}
	modes := []bool{false}
	if p.ProtocolV2 {
		modes = append(modes, true)
	}

	base := func(kind, compName, mode string) capture {
		return capture{Plugin: p.Plugin, PluginVersion: p.PluginVersion, SdkVersion: p.SdkVersion, GoVersion: p.GoVersion,
			Mode: mode, Component: kind + "/" + compName}
	}
	add := func(c capture) {
		if err := w.add(c); err != nil {
			errs = append(errs, err)
			return
		}
		count++
	}
	// writePayloads writes one configspec/outputspec/execute capture from its
	// repeats (index 0 is the main file).
	writePayloads := func(kind, compName, mode, what, id string, reps []payload, ctx map[string]any) {
		if len(reps) == 0 || !reps[0].found {
			return
		}
		c := base(kind, compName, mode)
		c.ID, c.Kind, c.Context = id, what, ctx
		var repErrs []string
		for i, r := range reps {
			name := id + ".bin"
			if i > 0 {
				name = fmt.Sprintf("%s.r%d.bin", id, i)
			}
			if !r.found {
				errs = append(errs, fmt.Errorf("%s: repeat %d missing", id, i))
				continue
			}
			f, err := w.writeFile(name, r.data)
			if err != nil {
				errs = append(errs, err)
				return
			}
			if i == 0 {
				c.File, c.Error = f, r.err
			} else {
				c.RepeatFiles = append(c.RepeatFiles, f)
				repErrs = append(repErrs, r.err)
			}
		}
		if c.Error != "" {
			c.Context["repeatErrors"] = repErrs
		}
		add(c)
	}

	for _, proto := range modes {
		mode := modeName(proto)
		for _, cp := range comps {
			plan := planFor(p, cp.kind, cp.name)
			if len(plan) == 0 {
				continue
			}
			endpoint := kindEndpoint[cp.kind]
			prefix := fmt.Sprintf("%s-%s-%s", p.Name, cp.kind, compSlug(cp.name))
			isCases := plan[0].caseNo != 0
			var specReps, outReps []payload
			execReps := map[int][]payload{}
			for rep := 0; rep < *flagRepeats; rep++ {
				sessions := plan
				if rep > 0 && !isCases {
					sessions = []planned{{label: "configspec", script: func(s *session) { s.runConfigSpecOnly() }}}
				}
				for i, pl := range sessions {
					res, err := runSession(p, cp.kind, cp.name, proto, pl.script)
					if err != nil {
						errs = append(errs, fmt.Errorf("%s %s rep %d: %w", prefix, pl.label, rep, err))
						continue
					}
					if i == 0 {
						specReps = append(specReps, findPayload(res.decoded, endpoint+".ConfigSpec"))
						if cp.kind == "datasource" {
							outReps = append(outReps, findPayload(res.decoded, endpoint+".OutputSpec"))
						}
					}
					if isCases {
						execReps[pl.caseNo] = append(execReps[pl.caseNo], findPayload(res.decoded, endpoint+".Execute"))
					}
					wantTranscript := rep == 0 && (!isCases || p.Name == *flagPrimary || p.Plugin != "tester" || transcriptCases[pl.caseNo])
					if wantTranscript {
						if c, err := transcriptCapture(w, base(cp.kind, cp.name, mode), prefix, mode, pl, res, descAny); err != nil {
							errs = append(errs, err)
						} else {
							add(c)
						}
					}
				}
			}
			writePayloads(cp.kind, cp.name, mode, "configspec", prefix+"-configspec-"+mode, specReps,
				map[string]any{"call": "ConfigSpec"})
			if cp.kind == "datasource" {
				writePayloads(cp.kind, cp.name, mode, "outputspec", prefix+"-outputspec-"+mode, outReps,
					map[string]any{"call": "OutputSpec"})
			}
			for _, pl := range plan {
				if pl.caseNo == 0 {
					continue
				}
				ctx := map[string]any{"call": "Execute", "case": pl.caseNo, "caseName": pl.caseName}
				if proto {
					ctx["type"] = "dynamic"
				}
				writePayloads(cp.kind, cp.name, mode, "execute", fmt.Sprintf("%s-execute-%s-%s", prefix, mode, pl.label), execReps[pl.caseNo], ctx)
			}
		}
	}
	return count, errs
}

func transcriptCapture(w *captureWriter, c capture, prefix, mode string, pl planned, res *sessionResult, describe any) (capture, error) {
	c.ID = fmt.Sprintf("%s-transcript-%s-%s", prefix, mode, pl.label)
	c.Kind = "transcript"
	f, err := w.writeFile(c.ID+".bin", encodeTranscript(res.records))
	if err != nil {
		return c, err
	}
	c.File = f
	calls, err := canonicalCalls(res.decoded.Calls)
	if err != nil {
		c.Error = "canonical calls: " + err.Error()
	}
	problems := res.decoded.Problems
	if problems == nil {
		problems = []string{}
	}
	c.Context = map[string]any{
		"protocol":  mode,
		"component": c.Component,
		"handshake": res.handshake,
		"describe":  describe,
		"session":   pl.label,
		"calls":     calls,
		"streams":   res.decoded.Streams,
		"problems":  problems,
		"notes":     res.notes,
	}
	if pl.caseNo != 0 {
		c.Context["case"] = pl.caseNo
		c.Context["caseName"] = pl.caseName
	}
	return c, nil
}
