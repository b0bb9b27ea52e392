// Command reference runs real Packer (conformance/scripts/build-packer.sh)
// against plugin builds (build-plugins.sh) installed in Packer's own plugin
// layout behind the recording relay (cmd/relay), and writes:
//
//   - <work>/results.json: every protocol-choice case (the plugin layout, the
//     template's required_plugins, PACKER_FORCE_GOB, each plugin's describe
//     output, and what real Packer did: the `start` arguments the relays saw),
//     and every recorded session;
//   - <captures>/index-packer.jsonl + bin/packer-*.bin: the sessions of the
//     case sets marked Sessions, as transcript captures (source.host
//     packer-<version>), for cmd/vectorize.
//
// The TypeScript side (conformance/reference, `npm run reference`) compares
// the cases with chooseProtocol and the sessions with our host.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	capturepkg "github.com/packer-wire/conformance/internal/capture"
	"github.com/packer-wire/conformance/internal/transcript"
)

const magicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

var (
	flagPackerJSON  = flag.String("packer", ".work/bin/packer.json", "packer binaries (build-packer.sh)")
	flagPluginsJSON = flag.String("plugins", ".work/bin/plugins.json", "plugin builds (build-plugins.sh)")
	flagRelay       = flag.String("relay", ".work/bin/relay", "the relay binary (cmd/relay)")
	flagWork        = flag.String("work", ".work/reference", "case directories and results.json")
	flagCaptures    = flag.String("captures", ".work/captures", "where transcript captures go (index-packer.jsonl)")
	flagParallel    = flag.Int("parallel", 2, "cases run at once")
	flagTimeout     = flag.Duration("timeout", 3*time.Minute, "limit per packer run")
	flagOnly        = flag.String("only", "", "run only case sets whose id contains this")
	flagSrc         = flag.String("packer-src", ".work/packer-src", "Packer sources (build-packer.sh leaves them), for the internal component lists")
	flagWriteInt    = flag.String("write-internal", "", "write the internal component lists as TypeScript to this file and exit")
)

type packerBin struct {
	Version string `json:"version"`
	Path    string `json:"path"`
}

type pluginBuild struct {
	Name          string `json:"name"`
	Plugin        string `json:"plugin"`
	PluginVersion string `json:"pluginVersion"`
	SdkVersion    string `json:"sdkVersion"`
	GoVersion     string `json:"goVersion"`
	Path          string `json:"path"`
	ProtocolV2    bool   `json:"protocolV2"`
}

// Installed is one plugin file of a case's layout, as results.json reports it.
type Installed struct {
	Name     string          `json:"name"`
	Source   string          `json:"source"`
	Version  string          `json:"version"`
	Build    string          `json:"build"`
	File     string          `json:"file"`
	Describe json.RawMessage `json:"describe"`
}

// Required is one required_plugins entry.
type Required struct {
	Accessor string `json:"accessor"`
	Source   string `json:"source"`
}

// Start is one `start` of a plugin component as a relay saw it.
type Start struct {
	Plugin    string   `json:"plugin"` // installed name (file name)
	Args      []string `json:"args"`
	Protocol  string   `json:"protocol"`
	Session   string   `json:"session,omitempty"`
	ExitCode  *int     `json:"exitCode,omitempty"`
	Handshake string   `json:"pluginHandshake,omitempty"`
}

// Case is one packer run.
type Case struct {
	ID        string            `json:"id"`
	Packer    string            `json:"packer"`
	Set       string            `json:"set"`
	About     string            `json:"about"`
	ForceGob  *string           `json:"forceGob"`
	Env       map[string]string `json:"env"` // the PACKER_* and TESTER_* variables given to packer (paths relative to the case)
	Required  []Required        `json:"required"`
	Installed []Installed       `json:"installed"`
	Template  string            `json:"template"`
	Used      []string          `json:"used"` // kind/name of every plugin component the template names
	Starts    []Start           `json:"starts"`
	Describes int               `json:"describes"`
	Observed  string            `json:"observed"` // protocol from the start arguments (or, when no plugin started, Packer's log)
	From      string            `json:"observedFrom"`
	LogProto  bool              `json:"logSaysProtobuf"`
	ExitCode  int               `json:"exitCode"`
	Seconds   float64           `json:"seconds"`
	Problems  []string          `json:"problems"`
	Output    string            `json:"outputTail"`
	// PluginsInstalled: what `packer plugins installed` printed for the case's layout (first run
	// of each case set only), paths relative to PACKER_PLUGIN_PATH.
	PluginsInstalled []string `json:"pluginsInstalled,omitempty"`
	// Build: the interop build this case is (buildCaseSets); WorkFiles: the files its
	// TESTER_WORKDIR held after the build (path relative to it -> contents).
	Build     string            `json:"build,omitempty"`
	WorkFiles map[string]string `json:"workFiles,omitempty"`
	// Interrupted: packer got its one SIGINT (the case's InterruptAt file appeared).
	Interrupted bool `json:"interrupted,omitempty"`
}

// Session is one recorded plugin session.
type Session struct {
	ID        string   `json:"id"`
	Packer    string   `json:"packer"`
	Case      string   `json:"case"`
	Plugin    string   `json:"plugin"`
	Build     string   `json:"build"`
	Kind      string   `json:"kind"`
	Component string   `json:"component"`
	Protocol  string   `json:"protocol"`
	Args      []string `json:"args"`
	Template  string   `json:"template"`
	File      string   `json:"file"` // the transcript, relative to the work dir
	Calls     int      `json:"calls"`
	Methods   []string `json:"methods"`
	Problems  []string `json:"problems"`
	Vector    string   `json:"vector,omitempty"`
	// Handshake: the real plugin's handshake line (the relay printed its own address to Packer).
	Handshake string          `json:"pluginHandshake"`
	Describe  json.RawMessage `json:"describe"`
}

type Results struct {
	Packer []string `json:"packer"`
	// Internal: per Packer version, its internal components read from its source.
	Internal map[string]map[string][]string `json:"internalComponents"`
	Cases    []Case                         `json:"cases"`
	Sessions []Session                      `json:"sessions"`
	Seconds  float64                        `json:"seconds"`
}

func main() {
	flag.Parse()
	start := time.Now()
	var packers []packerBin
	var builds []pluginBuild
	mustJSON(*flagPackerJSON, &packers)
	mustJSON(*flagPluginsJSON, &builds)
	byBuild := map[string]pluginBuild{}
	for _, b := range builds {
		byBuild[b.Name] = b
	}
	if *flagWriteInt != "" {
		all := map[string]map[string][]string{}
		for _, p := range packers {
			ic, err := internalComponents(filepath.Join(*flagSrc, p.Version))
			check(err)
			all[p.Version] = ic
		}
		check(os.WriteFile(*flagWriteInt, []byte(internalComponentsTS(all)), 0o644))
		logf("wrote %s (%d versions)", *flagWriteInt, len(all))
		return
	}
	relay, err := filepath.Abs(*flagRelay)
	check(err)
	work, err := filepath.Abs(*flagWork)
	check(err)
	check(os.RemoveAll(work))
	check(os.MkdirAll(work, 0o755))
	relaySum := fileSum(relay)

	type job struct {
		p  packerBin
		cs caseSet
		fg *string
	}
	var jobs []job
	for _, p := range packers {
		for _, cs := range append(caseSets(), buildCaseSets()...) {
			if *flagOnly != "" && !strings.Contains(cs.ID, *flagOnly) || cs.Build != "" && p.Version != buildPacker {
				continue
			}
			for _, fg := range cs.ForceGob {
				jobs = append(jobs, job{p, cs, fg})
			}
		}
	}
	res := Results{Internal: map[string]map[string][]string{}}
	for _, p := range packers {
		res.Packer = append(res.Packer, p.Version)
		ic, err := internalComponents(filepath.Join(*flagSrc, p.Version))
		check(err)
		res.Internal[p.Version] = ic
	}
	cases := make([]Case, len(jobs))
	sessions := make([][]Session, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, *flagParallel))
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			cases[i], sessions[i] = runCase(work, relay, relaySum, j.p, j.cs, j.fg, byBuild)
			c := cases[i]
			logf("%-40s %-6s exit %d, %d starts, %d describes, %.1fs%s", c.ID, c.Observed, c.ExitCode, len(c.Starts), c.Describes, c.Seconds, problemsNote(c.Problems))
		}()
	}
	wg.Wait()
	res.Cases = cases
	for _, s := range sessions {
		res.Sessions = append(res.Sessions, s...)
	}
	check(writeCaptures(work, res.Sessions, byBuild))
	res.Seconds = time.Since(start).Seconds()
	b, err := json.MarshalIndent(res, "", "  ")
	check(err)
	check(os.WriteFile(filepath.Join(work, "results.json"), b, 0o644))
	logf("%d cases, %d sessions in %.0fs: %s", len(res.Cases), len(res.Sessions), res.Seconds, filepath.Join(work, "results.json"))
}

func problemsNote(p []string) string {
	if len(p) == 0 {
		return ""
	}
	return " PROBLEMS: " + strings.Join(p, "; ")
}

func runCase(work, relay, relaySum string, p packerBin, cs caseSet, fg *string, builds map[string]pluginBuild) (Case, []Session) {
	id := fmt.Sprintf("%s/%s/force-gob-%s", p.Version, cs.ID, forceGobLabel(fg))
	dir := filepath.Join(work, p.Version, cs.ID, "force-gob-"+forceGobLabel(fg))
	c := Case{ID: id, Packer: p.Version, Set: cs.ID, About: cs.About, ForceGob: fg, Problems: []string{},
		Required: []Required{}, Installed: []Installed{}, Starts: []Start{}}
	pluginDir := filepath.Join(dir, "plugins")
	recDir := filepath.Join(dir, "records")
	home := filepath.Join(dir, "home")
	for _, d := range []string{pluginDir, recDir, home} {
		check(os.MkdirAll(d, 0o755))
	}
	for _, r := range cs.Required {
		c.Required = append(c.Required, Required{r.Accessor, "github.com/" + r.Owner + "/" + r.Name})
	}
	fileToName := map[string]string{}
	for _, pl := range cs.Installed {
		b, ok := builds[pl.Build]
		if !ok {
			c.Problems = append(c.Problems, "plugin build "+pl.Build+" missing from plugins.json")
			continue
		}
		desc, err := describe(b.Path)
		if err != nil {
			c.Problems = append(c.Problems, err.Error())
			continue
		}
		var d struct {
			Version string `json:"version"`
		}
		_ = json.Unmarshal(desc, &d)
		ver := strings.TrimPrefix(d.Version, "v")
		rel := filepath.Join("github.com", pl.Owner, pl.Name, fmt.Sprintf("packer-plugin-%s_v%s_x5.0_linux_amd64", pl.Name, ver))
		file := filepath.Join(pluginDir, rel)
		check(os.MkdirAll(filepath.Dir(file), 0o755))
		if err := os.Link(relay, file); err != nil {
			check(copyFile(relay, file))
		}
		check(os.WriteFile(file+"_SHA256SUM", []byte(relaySum), 0o644))
		cfg, _ := json.Marshal(map[string]string{"target": b.Path, "recordDir": recDir})
		check(os.WriteFile(file+".relay.json", cfg, 0o644))
		fileToName[file] = pl.Name
		c.Installed = append(c.Installed, Installed{Name: pl.Name, Source: "github.com/" + pl.Owner + "/" + pl.Name, Version: ver, Build: pl.Build, File: filepath.ToSlash(rel), Describe: desc})
	}
	c.Template = templateText(cs)
	c.Used = usedComponents(c.Template)
	tpl := filepath.Join(dir, "template.pkr.hcl")
	check(os.WriteFile(tpl, []byte(c.Template), 0o644))

	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TMPDIR=" + os.TempDir(),
		"PACKER_PLUGIN_PATH=" + pluginDir,
		"PACKER_CONFIG_DIR=" + home,
		"PACKER_CACHE_DIR=" + filepath.Join(dir, "cache"),
		"CHECKPOINT_DISABLE=1",
		"PACKER_LOG=1",
		"PACKER_LOG_PATH=" + filepath.Join(dir, "packer.log"),
		"PACKER_NO_COLOR=1",
	}
	if fg != nil {
		env = append(env, "PACKER_FORCE_GOB="+*fg)
	}
	if cs.Sessions {
		// recorded as vectors: the tester's artifacts carry every Go type (as cmd/host asks)
		env = append(env, "TESTER_GENERATED_DATA=all")
	}
	c.Build = cs.Build
	for _, k := range sortedKeys(cs.Env) {
		v := strings.ReplaceAll(cs.Env[k], "$CASE", dir)
		env = append(env, k+"="+v)
		if k == "TESTER_WORKDIR" {
			check(os.MkdirAll(v, 0o755))
		}
	}
	c.Env = map[string]string{}
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		if strings.HasPrefix(k, "PACKER_") || strings.HasPrefix(k, "TESTER_") {
			c.Env[k] = strings.ReplaceAll(v, dir, "$CASE")
		}
	}
	t0 := time.Now()
	interruptAt := ""
	if cs.InterruptAt != "" {
		interruptAt = filepath.Join(strings.ReplaceAll(cs.Env["TESTER_WORKDIR"], "$CASE", dir), cs.InterruptAt)
	}
	c.ExitCode, c.Output, c.Interrupted = runPacker(p.Path, dir, env, tpl, interruptAt)
	c.Seconds = time.Since(t0).Seconds()
	if lb, err := os.ReadFile(filepath.Join(dir, "packer.log")); err == nil {
		c.LogProto = strings.Contains(string(lb), "Using protobuf for communication with plugins")
	}

	if w := cs.Env["TESTER_WORKDIR"]; w != "" {
		c.WorkFiles = workFiles(strings.ReplaceAll(w, "$CASE", dir))
	}

	// What the relays saw.
	invs := readInvocations(recDir)
	var sessions []Session
	protos := map[string]bool{}
	seenIDs := map[string]int{}
	recordVectors := cs.Sessions && (fg == nil || *fg == "1")
	for _, inv := range invs {
		name := fileToName[inv.Self]
		if len(inv.Args) == 0 || inv.Args[0] != "start" {
			if len(inv.Args) > 0 && inv.Args[0] == "describe" {
				c.Describes++
			}
			continue
		}
		st := Start{Plugin: name, Args: inv.Args, Protocol: protocolOf(inv.Args), ExitCode: inv.ExitCode, Handshake: inv.PluginHandshake}
		protos[st.Protocol] = true
		tr := filepath.Join(recDir, inv.ID+".c0.transcript")
		if _, err := os.Stat(tr); err == nil {
			kind, comp := startTarget(inv.Args)
			s := Session{
				ID:     fmt.Sprintf("packer-%s-%s-%s-%s-%s-%s", strings.TrimPrefix(p.Version, "v"), cs.ID, forceGobLabel(fg), name, kind, sanitize(comp)),
				Packer: p.Version, Case: id, Plugin: name, Kind: kind, Component: comp, Protocol: st.Protocol, Args: inv.Args,
				Template: c.Template, File: rel(work, tr),
			}
			// a component started once per build gets -2, -3, … in start order
			seenIDs[s.ID]++
			if n := seenIDs[s.ID]; n > 1 {
				s.ID = fmt.Sprintf("%s-%d", s.ID, n)
			}
			for _, pl := range c.Installed {
				if pl.Name == name {
					s.Build, s.Describe = pl.Build, pl.Describe
				}
			}
			s.Handshake = inv.PluginHandshake
			s.decode(tr)
			if recordVectors {
				s.Vector = "transcript/" + s.ID
			}
			st.Session = s.ID
			sessions = append(sessions, s)
		}
		c.Starts = append(c.Starts, st)
		if inv.RelaySocket != "" {
			_ = os.Remove(inv.RelaySocket)
		}
		if inv.PluginSocketPath != "" && strings.HasPrefix(inv.PluginSocketPath, os.TempDir()) {
			_ = os.Remove(inv.PluginSocketPath)
		}
	}
	if len(cs.Installed) > 0 && fg == cs.ForceGob[0] {
		c.PluginsInstalled, c.Problems = pluginsInstalled(p.Path, dir, env, pluginDir, c.Installed, c.Problems)
	}
	sort.Slice(c.Starts, func(i, j int) bool { return strings.Join(c.Starts[i].Args, " ") < strings.Join(c.Starts[j].Args, " ") })
	switch {
	case len(protos) == 1:
		for k := range protos {
			c.Observed = k
		}
	case len(protos) > 1:
		c.Observed = "mixed"
		c.Problems = append(c.Problems, "start arguments disagree on the protocol")
	case len(cs.Installed) == 0 && c.ExitCode == 0:
		// no plugin at all: only Packer's log tells ("Using protobuf …" or nothing)
		c.Observed, c.From = "gob", "log"
		if c.LogProto {
			c.Observed = "protobuf"
		}
	default:
		c.Problems = append(c.Problems, "no plugin component was started")
	}
	if c.From == "" && c.Observed != "" {
		c.From = "start arguments"
	}
	if c.Observed == "protobuf" && !c.LogProto || c.Observed == "gob" && c.LogProto {
		c.Problems = append(c.Problems, "Packer's log and the start arguments disagree on the protocol")
	}
	return c, sessions
}

// pluginsInstalled runs `packer plugins installed` and checks that it lists every installed file.
func pluginsInstalled(packer, dir string, env []string, pluginDir string, installed []Installed, problems []string) ([]string, []string) {
	cmd := exec.Command(packer, "plugins", "installed")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, append(problems, fmt.Sprintf("packer plugins installed: %v", err))
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, pluginDir), "/"))
		}
	}
	for _, in := range installed {
		found := false
		for _, l := range lines {
			found = found || l == in.File
		}
		if !found {
			problems = append(problems, "packer plugins installed does not list "+in.File)
		}
	}
	return lines, problems
}

func protocolOf(args []string) string {
	for _, a := range args {
		if a == "--protobuf" {
			return "protobuf"
		}
	}
	return "gob"
}

// startTarget: `start KIND [--protobuf] NAME`.
func startTarget(args []string) (string, string) {
	var rest []string
	for _, a := range args[1:] {
		if a != "--protobuf" {
			rest = append(rest, a)
		}
	}
	if len(rest) < 2 {
		return "unknown", "unknown"
	}
	return rest[0], rest[1]
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func sanitize(s string) string {
	if s == "-packer-default-plugin-name-" {
		return "default"
	}
	return unsafeChars.ReplaceAllString(s, "_")
}

var usedRe = regexp.MustCompile(`(?m)^\s*(source|data|provisioner|post-processor)\s+"([^"]+)"`)

func usedComponents(tpl string) []string {
	kinds := map[string]string{"source": "builder", "data": "datasource", "provisioner": "provisioner", "post-processor": "post-processor"}
	var out []string
	for _, m := range usedRe.FindAllStringSubmatch(tpl, -1) {
		out = append(out, kinds[m[1]]+"/"+m[2])
	}
	return out
}

func (s *Session) decode(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		s.Problems = append(s.Problems, err.Error())
		return
	}
	recs, err := transcript.Parse(b)
	if err != nil {
		// The relay is killed with SIGKILL; a torn last record is cut off.
		s.Problems = append(s.Problems, "record framing: "+err.Error())
		if len(recs) > 0 {
			_ = os.WriteFile(path, transcript.Encode(recs), 0o644)
		}
	}
	d := transcript.Decode(recs)
	s.Calls = len(d.Calls)
	for _, c := range d.Calls {
		s.Methods = append(s.Methods, c.Caller+":"+c.ServiceMethod)
	}
	s.Problems = append(s.Problems, d.Problems...)
	if s.Problems == nil {
		s.Problems = []string{}
	}
}

// runPacker runs `packer build` in a process group of its own. With interruptAt, that group gets
// one SIGINT as soon as the file exists: a user's Ctrl-C, which the terminal sends to the whole
// foreground group (panicwrap's parent ignores it, the wrapped Packer cancels its builds, the
// plugins, and the relays standing in for them, ignore it).
func runPacker(packer, dir string, env []string, tpl string, interruptAt string) (int, string, bool) {
	cmd := exec.Command(packer, "build", "-color=false", tpl)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out strings.Builder
	// one writer for both: exec copies them with one goroutine
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		return -1, err.Error(), false
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var poll <-chan time.Time
	if interruptAt != "" {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		poll = t.C
	}
	deadline := time.After(*flagTimeout)
	var err error
	interrupted := false
	for waiting := true; waiting; {
		select {
		case <-poll:
			if _, serr := os.Stat(interruptAt); serr == nil {
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
				interrupted, poll = true, nil
			}
		case err = <-done:
			waiting = false
		case <-deadline:
			_ = cmd.Process.Kill()
			err = <-done
			out.WriteString("\n[reference] packer killed after " + flagTimeout.String())
			waiting = false
		}
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
	}
	s := out.String()
	if len(s) > 4000 {
		s = s[len(s)-4000:]
	}
	return code, s, interrupted
}

type invocation struct {
	ID               string   `json:"id"`
	Self             string   `json:"self"`
	Args             []string `json:"args"`
	Env              []string `json:"env"`
	Started          string   `json:"started"`
	PluginHandshake  string   `json:"pluginHandshake"`
	RelayHandshake   string   `json:"relayHandshake"`
	ExitCode         *int     `json:"exitCode"`
	RelaySocket      string   `json:"relaySocket"`
	PluginSocketPath string   `json:"pluginSocket"`
}

func readInvocations(dir string) []invocation {
	ms, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []invocation
	for _, m := range ms {
		var inv invocation
		b, err := os.ReadFile(m)
		if err != nil || json.Unmarshal(b, &inv) != nil {
			continue
		}
		out = append(out, inv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Started < out[j].Started })
	return out
}

func describe(path string) (json.RawMessage, error) {
	cmd := exec.Command(path, "describe")
	cmd.Env = append(os.Environ(), "PACKER_PLUGIN_MAGIC_COOKIE="+magicCookie)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("describe %s: %v", path, err)
	}
	var raw json.RawMessage
	if err := json.Unmarshal(out, &raw); err != nil {
		return nil, fmt.Errorf("describe %s: %v", path, err)
	}
	return raw, nil
}

// writeCaptures writes the sessions of Sessions case sets as transcript
// captures: .work/captures/index-packer.jsonl and bin/<id>.bin.
func writeCaptures(work string, sessions []Session, builds map[string]pluginBuild) error {
	dir, err := filepath.Abs(*flagCaptures)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "bin", "packer-*.bin"))
	for _, o := range old {
		_ = os.Remove(o)
	}
	f, err := os.Create(filepath.Join(dir, "index-packer.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	n := 0
	for _, s := range sessions {
		if s.Vector == "" || s.Calls == 0 {
			continue
		}
		b := builds[s.Build]
		data, err := os.ReadFile(filepath.Join(work, s.File))
		if err != nil {
			return err
		}
		file := "bin/" + s.ID + ".bin"
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			return err
		}
		host := "packer-" + strings.TrimPrefix(s.Packer, "v")
		var describeObj any
		if err := json.Unmarshal(s.Describe, &describeObj); err != nil {
			return fmt.Errorf("%s: describe: %v", s.ID, err)
		}
		c := capturepkg.Capture{
			ID: s.ID, Kind: "transcript", Host: host, Plugin: b.Plugin, PluginVersion: b.PluginVersion,
			SdkVersion: b.SdkVersion, GoVersion: b.GoVersion, Mode: s.Protocol,
			Component: s.Kind + "/" + s.Component, File: file,
			Context: map[string]any{
				"protocol": s.Protocol, "component": s.Kind + "/" + s.Component, "host": host,
				"startArgs": s.Args, "installedAs": s.Plugin, "case": s.Case, "template": s.Template,
				"handshake": s.Handshake, "describe": describeObj,
			},
		}
		if err := enc.Encode(c); err != nil {
			return err
		}
		n++
	}
	logf("wrote %d transcript captures to %s", n, filepath.Join(dir, "index-packer.jsonl"))
	return nil
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// workFiles: every regular file under root (path relative to root -> contents).
func workFiles(root string) map[string]string {
	out := map[string]string{}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil {
			out[rel(root, p)] = string(b)
		}
		return nil
	})
	return out
}

func rel(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func fileSum(p string) string {
	f, err := os.Open(p)
	check(err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	check(err)
	return hex.EncodeToString(h.Sum(nil))
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o755)
}

func mustJSON(p string, v any) {
	b, err := os.ReadFile(p)
	check(err)
	check(json.Unmarshal(b, v))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "reference:", err)
		os.Exit(1)
	}
}

func logf(f string, a ...any) { fmt.Fprintf(os.Stderr, "[reference] "+f+"\n", a...) }
