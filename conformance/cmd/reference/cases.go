package main

import (
	"fmt"
	"strings"
)

// A plugin installed in a case's PACKER_PLUGIN_PATH:
// github.com/<Owner>/<Name>/packer-plugin-<Name>_v<version>_x5.0_linux_amd64,
// the relay in front of the build named Build (plugins.json).
type plug struct {
	Owner, Name, Build string
}

// A required_plugins entry: accessor = { source = "github.com/<Owner>/<Name>" }.
type req struct {
	Accessor, Owner, Name string
}

// caseSet is one template with one plugin layout, run once per PACKER_FORCE_GOB value.
type caseSet struct {
	ID        string
	About     string
	Installed []plug
	Required  []req
	Body      string    // the template after the packer block
	ForceGob  []*string // nil entry = unset
	Sessions  bool      // the sessions of its runs with PACKER_FORCE_GOB unset or "1" become transcript vectors
	// Build: a whole-build differential case (conformance/interop/builds.ts runs the same build
	// through runBuild): run by one Packer version only, its work directory's files recorded.
	Build string
	// Env: added to Packer's environment (and so the plugins'); "$CASE/" is the case directory.
	Env map[string]string
	// InterruptAt: a file under TESTER_WORKDIR; when it appears, `packer build` gets one SIGINT
	// (a user pressing Ctrl-C once).
	InterruptAt string
}

func sp(s string) *string { return &s }

// forceGobValues: every value the brief asks for, in order; nil is "unset".
var forceGobValues = []*string{nil, sp("1"), sp("0"), sp("false"), sp(""), sp(" 0"), sp("true")}

func forceGobLabel(v *string) string {
	if v == nil {
		return "unset"
	}
	switch *v {
	case "":
		return "empty"
	case " 0":
		return "space0"
	}
	return *v
}

const own = "packer-wire"

// testerSource is a tester default-name builder source block for plugin accessor acc.
func testerSource(acc, name string) string {
	return fmt.Sprintf(`source %q %q {
  str = "reference"
  num = 3
  labels = { a = "x" }
  block {
    name = "blk"
  }
}
`, acc, name)
}

func buildBlock(sources []string, extra string) string {
	q := make([]string, len(sources))
	for i, s := range sources {
		q[i] = fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("build {\n  sources = [%s]\n%s}\n", strings.Join(q, ", "), extra)
}

// sessionBody: a datasource, a tester builder, Packer's internal null builder
// with a tester provisioner, and the post-processor of plugin pp (a `single`
// build: the tester's post-processors crash Packer in protobuf mode, their
// specs have no protobuf form): every component kind starts at least once.
func sessionBody(acc, pp string) string {
	return fmt.Sprintf(`data %q "d" {
  case = 1
  label = "reference"
}
`, acc) + testerSource(acc, "b") + `source "null" "n" {
  communicator = "none"
}
` + buildBlock([]string{"source." + acc + ".b", "source.null.n"}, fmt.Sprintf(`  provisioner %q {
    command = "echo ${data.%s.d.s}"
  }
  post-processor %q {
    note = "reference"
  }
`, acc+"-tester", acc, pp))
}

func builderOnly(acc string) string {
	return testerSource(acc, "b") + buildBlock([]string{"source." + acc + ".b"}, "")
}

func allValues() []*string { return forceGobValues }

// caseSets: the protocol-choice cases of the seed's test (Packer PR 13120,
// packer_test/plugin_tests: several SDK builds of one tester plugin, with and
// without protocol v2, templates requiring several plugins) plus the
// discovery rules that decide what "every plugin" means: installed but unused
// plugins, name shadowing through required_plugins, Packer's internal
// components (which differ between versions).
func caseSets() []caseSet {
	t064 := plug{own, "t064", "tester-sdk0.6.4"}
	t060 := plug{own, "t060", "tester-sdk0.6.0"}
	t054 := plug{own, "t054", "tester-sdk0.5.4"}
	t040 := plug{own, "t040", "tester-sdk0.4.0"}
	ppV2 := plug{own, "passthru", "single-sdk0.6.4"}
	ppGob := plug{own, "passthruold", "single-sdk0.5.4"}
	r := func(p plug) req { return req{p.Name, p.Owner, p.Name} }
	two := func(a, b string) string {
		return testerSource(a, "a") + testerSource(b, "b") + buildBlock([]string{"source." + a + ".a", "source." + b + ".b"}, "")
	}
	return []caseSet{
		{ID: "v2-one", About: "one v2 plugin (SDK 0.6.4), required and used",
			Installed: []plug{t064}, Required: []req{r(t064)}, Body: builderOnly("t064"), ForceGob: allValues()},
		{ID: "v2-two", About: "two v2 plugins (SDK 0.6.4 and 0.6.0), both required and used",
			Installed: []plug{t064, t060}, Required: []req{r(t064), r(t060)}, Body: two("t064", "t060"), ForceGob: allValues()},
		{ID: "v2-and-gob", About: "a v2 plugin and a gob-only plugin (SDK 0.5.4), both required and used",
			Installed: []plug{t064, t054}, Required: []req{r(t064), r(t054)}, Body: two("t064", "t054"), ForceGob: []*string{nil, sp("0"), sp("1")}},
		{ID: "gob-old-sdk", About: "a gob-only plugin (SDK 0.4.0) and a gob-only post-processor plugin (SDK 0.5.4), required and used",
			Installed: []plug{t040, ppGob}, Required: []req{r(t040), r(ppGob)}, Body: sessionBody("t040", ppGob.Name), ForceGob: []*string{nil, sp("0")}, Sessions: true},
		{ID: "unused-gob-installed", About: "a v2 plugin used; a gob-only plugin installed, not required, not used",
			Installed: []plug{t064, t054}, Required: []req{r(t064)}, Body: builderOnly("t064"), ForceGob: []*string{nil, sp("0"), sp("false")}},
		{ID: "unused-v2-installed", About: "a v2 plugin used; another v2 plugin installed, unused",
			Installed: []plug{t064, t060}, Required: []req{r(t064)}, Body: builderOnly("t064"), ForceGob: []*string{nil, sp(" 0")}},
		{ID: "shadow-gob-by-v2", About: "required accessor `tester` sources the v2 build; a gob-only build installed as github.com/other/tester: every name it has is taken, it registers nothing",
			Installed: []plug{t064, {"other", "tester", "tester-sdk0.5.4"}}, Required: []req{{"tester", own, "t064"}}, Body: builderOnly("tester"), ForceGob: []*string{nil, sp("0"), sp("true")}},
		{ID: "shadow-v2-by-gob", About: "required accessor `tester` sources the gob-only build; a v2 build installed as github.com/other/tester registers nothing",
			Installed: []plug{t054, {"other", "tester", "tester-sdk0.6.4"}}, Required: []req{{"tester", own, "t054"}}, Body: builderOnly("tester"), ForceGob: []*string{nil}},
		{ID: "internal-manifest", About: "a gob-only one-component plugin installed as `manifest`: its only name is an internal post-processor of every version",
			Installed: []plug{t064, {own, "manifest", "single-sdk0.5.4"}}, Required: []req{r(t064)}, Body: builderOnly("t064"), ForceGob: []*string{nil, sp("0")}},
		{ID: "internal-provenance", About: "a gob-only one-component plugin installed as `provenance`: an internal post-processor in Packer 1.16, not in 1.12",
			Installed: []plug{t064, {own, "provenance", "single-sdk0.5.4"}}, Required: []req{r(t064)}, Body: builderOnly("t064"), ForceGob: []*string{nil, sp("0")}},
		{ID: "published-docker", About: "a published v2 plugin (docker 1.1.2, SDK 0.6.6): its builder (no docker here: Run fails)",
			Installed: []plug{{"hashicorp", "docker", "docker-sdk0.6.6"}}, Required: []req{{"docker", "hashicorp", "docker"}},
			Body:     "source \"docker\" \"d\" {\n  image  = \"alpine:3\"\n  commit = true\n}\n" + buildBlock([]string{"source.docker.d"}, ""),
			ForceGob: []*string{nil, sp("1")}, Sessions: true},
		{ID: "published-qemu-gob", About: "a published gob-only plugin (qemu 1.0.0, SDK 0.2.3): its builder",
			Installed: []plug{{"hashicorp", "qemu", "qemu-sdk0.2.3"}}, Required: []req{{"qemu", "hashicorp", "qemu"}},
			Body:     "source \"qemu\" \"q\" {\n  iso_url      = \"file:///nonexistent.iso\"\n  iso_checksum = \"none\"\n  communicator = \"none\"\n}\n" + buildBlock([]string{"source.qemu.q"}, ""),
			ForceGob: []*string{nil}, Sessions: true},
		{ID: "internal-only", About: "no plugin installed, only Packer's internal null builder: nothing can switch the run to gob, even when forced (read from Packer's log)",
			Body: "source \"null\" \"n\" {\n  communicator = \"none\"\n}\n" + buildBlock([]string{"source.null.n"}, ""), ForceGob: []*string{nil, sp("1")}},
		{ID: "sessions-v2", About: "every component kind of v2 plugins (recorded as transcript vectors)",
			Installed: []plug{t064, ppV2}, Required: []req{r(t064), r(ppV2)}, Body: sessionBody("t064", ppV2.Name), ForceGob: []*string{nil, sp("1")}, Sessions: true},
	}
}

// buildPacker is the one Packer version the whole-build cases run with (one packer build per case).
const buildPacker = "v1.16.0"

// CancelCommand: the cancelled builds' provisioner command (conformance/interop/builds.ts has the
// same): it writes CancelPoint, then waits (at most 30 s) for the tester provisioner's cancel
// marker, which a cancelled provisioner uploads.
const CancelCommand = "touch started && i=0 && while [ ! -e cancelled ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done"

// CancelPoint: the file whose appearance is the moment of the cancel.
const CancelPoint = "started"

// buildCaseSets: the interop builds (conformance/interop/builds.ts) as HCL2 templates; the ids are
// the interop cases' keys. A cancelled build gets one SIGINT when its provisioner's command has
// written CancelPoint.
func buildCaseSets() []caseSet {
	t064 := plug{own, "t064", "tester-sdk0.6.4"}
	t040 := plug{own, "t040", "tester-sdk0.4.0"}
	r := func(p plug) req { return req{p.Name, p.Owner, p.Name} }
	// the tester builder's spec requires a `block` block
	src := func(acc string) string {
		return fmt.Sprintf("source %q \"interop\" {\n  str = \"interop\"\n  block {\n    name = \"blk\"\n  }\n}\n", acc)
	}
	prov := func(acc, cmd string) string {
		return fmt.Sprintf("  provisioner %q {\n    command = %q\n  }\n", acc+"-tester", cmd)
	}
	pp := func(acc, name, dest string, keep bool) string {
		k := ""
		if keep {
			k = "    keep_input_artifact = true\n"
		}
		return fmt.Sprintf("    post-processor %q {\n      destination = %q\n%s    }\n", acc+"-"+name, dest, k)
	}
	work := map[string]string{"TESTER_WORKDIR": "$CASE/work"}
	var out []caseSet
	for _, proto := range []string{"gob", "protobuf"} {
		fg := []*string{sp("")}
		if proto == "gob" {
			fg = []*string{sp("1")}
		}
		out = append(out,
			caseSet{ID: "build-" + proto + "-proxied", Build: proto + ": builder communicator proxied to the provisioner", Installed: []plug{t064}, Required: []req{r(t064)},
				Body: src("t064") + buildBlock([]string{"source.t064.interop"}, prov("t064", "echo interop")), ForceGob: fg},
			caseSet{ID: "build-" + proto + "-local", Build: proto + ": local commands, upload and download in a work directory", Installed: []plug{t064}, Required: []req{r(t064)}, Env: work,
				Body: src("t064") + buildBlock([]string{"source.t064.interop"}, prov("t064", "mkdir -p tmp/tester && tr a-z A-Z > tmp/tester/download.txt")), ForceGob: fg},
			caseSet{ID: "build-" + proto + "-failing", Build: proto + ": a failing provisioner fails the build", Installed: []plug{t064}, Required: []req{r(t064)}, Env: work,
				Body: src("t064") + buildBlock([]string{"source.t064.interop"}, prov("t064", "exit 3")), ForceGob: fg},
			caseSet{ID: "build-" + proto + "-cancel", Build: proto + ": cancelled mid-provision", Installed: []plug{t064}, Required: []req{r(t064)}, Env: work, InterruptAt: CancelPoint,
				Body: src("t064") + buildBlock([]string{"source.t064.interop"}, prov("t064", CancelCommand)), ForceGob: fg},
			caseSet{ID: "build-" + proto + "-chain", Build: proto + ": 2-step post-processor chain", Installed: []plug{t064}, Required: []req{r(t064)},
				Body: src("t064") + buildBlock([]string{"source.t064.interop"}, "  post-processors {\n"+pp("t064", "chain", "first.out", false)+pp("t064", "chain", "second.out", true)+"  }\n"), ForceGob: fg},
		)
	}
	out = append(out,
		caseSet{ID: "build-gob-sdk040", Build: "gob (chosen: SDK v0.4.0 has no protocol v2): provisioner and chain", Installed: []plug{t040}, Required: []req{r(t040)}, Env: work,
			Body: src("t040") + buildBlock([]string{"source.t040.interop"}, prov("t040", "mkdir -p tmp/tester && cat > tmp/tester/download.txt")+"  post-processors {\n"+pp("t040", "tester", "only.out", false)+"  }\n"), ForceGob: []*string{nil}},
	)
	return out
}

// templateText is the whole HCL2 template of a case set.
func templateText(cs caseSet) string {
	var b strings.Builder
	b.WriteString("packer {\n  required_plugins {\n")
	for _, r := range cs.Required {
		fmt.Fprintf(&b, "    %s = {\n      source  = \"github.com/%s/%s\"\n      version = \">= 0.0.1\"\n    }\n", r.Accessor, r.Owner, r.Name)
	}
	b.WriteString("  }\n}\n\n")
	b.WriteString(cs.Body)
	return b.String()
}
