package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkplugin "github.com/hashicorp/packer-plugin-sdk/plugin"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/zclconf/go-cty/cty"
)

// session is one started component and the host's SDK rpc client on it.
type session struct {
	plugin  *pluginInfo
	kind    string
	comp    string
	proto   bool
	proc    *pluginProcess
	conn    *recordingConn
	client  *sdkrpc.Client
	ui      *hostUi
	notes   []string
	timer   *time.Timer
	expired bool
}

func openSession(p *pluginInfo, kind, comp string, proto bool, timeout time.Duration) (*session, error) {
	proc, err := startComponent(p.Path, kind, comp, proto, 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("start %s %s: %w", kind, comp, err)
	}
	raw, err := proc.dial(5 * time.Second)
	if err != nil {
		proc.kill()
		proc.stop(time.Second)
		return nil, fmt.Errorf("dial %s: %w", proc.handshake, err)
	}
	conn := newRecordingConn(raw)
	client, err := sdkrpc.NewClient(conn)
	if err != nil {
		conn.Close()
		proc.kill()
		proc.stop(time.Second)
		return nil, fmt.Errorf("rpc client: %w", err)
	}
	client.UseProto = proto
	s := &session{plugin: p, kind: kind, comp: comp, proto: proto, proc: proc, conn: conn, client: client, ui: &hostUi{}}
	// Bound the whole session: past the timeout the plugin is killed and the
	// socket closed, which makes every pending rpc call return.
	s.timer = time.AfterFunc(timeout, func() {
		s.expired = true
		proc.kill()
		conn.Close()
	})
	return s, nil
}

// close ends the session and returns what the recording connection saw.
func (s *session) close() []record {
	s.timer.Stop()
	_ = s.client.Close()
	_ = s.conn.Close()
	s.proc.stop(3 * time.Second)
	if s.expired {
		s.note("session timed out; plugin killed")
	}
	return s.conn.snapshot()
}

func (s *session) note(format string, args ...any) {
	s.notes = append(s.notes, fmt.Sprintf(format, args...))
}

// guard runs fn, turning a panic (the SDK client panics when ConfigSpec or
// OutputSpec fail) into an error.
func guard(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn()
}

type speccer interface{ ConfigSpec() hcldec.ObjectSpec }

func (s *session) configSpec(c speccer) hcldec.ObjectSpec {
	var spec hcldec.ObjectSpec
	if err := guard(func() error { spec = c.ConfigSpec(); return nil }); err != nil {
		s.note("ConfigSpec: %v", err)
		return nil
	}
	return spec
}

func (s *session) buildConfig(spec hcldec.ObjectSpec, overrides map[string]cty.Value) cty.Value {
	if spec == nil {
		// The plugin could not send its spec: send the overrides as they are.
		if len(overrides) == 0 {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(overrides)
	}
	known := map[string]cty.Value{}
	for k, v := range overrides {
		if _, ok := spec[k]; ok {
			known[k] = v
		} else {
			s.note("config attribute %q is not in the spec; dropped", k)
		}
	}
	v, err := configFor(spec, known)
	if err != nil {
		s.note("config: %v", err)
		return cty.EmptyObjectVal
	}
	return v
}

// sourceType is what Packer calls the component in a template.
func sourceType(plugin, comp string) string {
	if comp == sdkplugin.DEFAULT_NAME {
		return plugin
	}
	return plugin + "-" + comp
}

// packerVersion is the Packer version this host plays (packer_core_version).
const packerVersion = "1.12.0"

// builderVariables is the Packer-variables map real Packer (HCL2, v1.12.0)
// passes first to Prepare/Configure: six strings, packer_builder_type being
// the type of the build's source, i.e. the builder's type for provisioners and
// post-processors too (hcl2template/types.source.go builderVariables). A
// provisioner or post-processor session here has no builder of its own; it
// plays one after Packer's internal null builder.
func (s *session) builderVariables() map[string]string {
	builderType := "null"
	if s.kind == "builder" {
		builderType = sourceType(s.plugin.Plugin, s.comp)
	}
	return map[string]string{
		"packer_build_name":   "wire",
		"packer_builder_type": builderType,
		"packer_core_version": packerVersion,
		"packer_debug":        "false",
		"packer_force":        "false",
		"packer_on_error":     "",
	}
}

func generatedData() map[string]interface{} {
	return map[string]interface{}{
		"ID":            "tester-123",
		"Host":          "127.0.0.1",
		"Port":          int64(22),
		"User":          "packer",
		"ConnType":      "ssh",
		"PackerRunUUID": "00000000-0000-4000-8000-000000000000",
		"TesterId":      "tester-123",
	}
}

// Scripts: what the host does on one session.

type builderOpts struct {
	overrides    map[string]cty.Value
	run          bool
	cancelOnText string // cancel the Run context when the plugin says this
}

func (s *session) runBuilder(o builderOpts) {
	b := s.client.Builder()
	spec := s.configSpec(b)
	cfg := s.buildConfig(spec, o.overrides)
	var prepErr error
	if err := guard(func() error {
		gen, warns, err := b.Prepare(s.builderVariables(), cfg)
		prepErr = err
		s.note("Prepare: generated=%q warnings=%d err=%v", gen, len(warns), err)
		return nil
	}); err != nil {
		s.note("Prepare: %v", err)
		return
	}
	if !o.run || prepErr != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if o.cancelOnText != "" {
		s.ui.onSay = func(m string) {
			if strings.Contains(m, o.cancelOnText) {
				cancel()
			}
		}
	}
	_ = guard(func() error {
		art, err := b.Run(ctx, s.ui, &hostHook{ui: s.ui})
		s.note("Run: artifact=%v err=%v", art != nil, err)
		if art != nil {
			s.useArtifact(art)
		}
		return nil
	})
}

type artifactLike interface {
	BuilderId() string
	Files() []string
	Id() string
	String() string
	State(string) interface{}
	Destroy() error
}

func (s *session) useArtifact(a artifactLike) {
	s.note("Artifact: %s %s %q %q", a.BuilderId(), a.Id(), a.Files(), a.String())
	for _, k := range []string{"generated_data", "string", "number", "missing"} {
		_ = a.State(k)
	}
	s.note("Artifact.Destroy: %v", a.Destroy())
}

func (s *session) runProvisioner(overrides map[string]cty.Value, provision bool) {
	p := s.client.Provisioner()
	spec := s.configSpec(p)
	cfg := s.buildConfig(spec, overrides)
	var prepErr error
	_ = guard(func() error {
		// Under HCL2 the third argument is the block's override for this source: nil.
		prepErr = p.Prepare(s.builderVariables(), cfg, map[string]interface{}(nil))
		s.note("Prepare: %v", prepErr)
		return nil
	})
	if !provision || prepErr != nil {
		return
	}
	_ = guard(func() error {
		err := p.Provision(context.Background(), s.ui, &hostCommunicator{ui: s.ui}, generatedData())
		s.note("Provision: %v", err)
		return nil
	})
}

func (s *session) runPostProcessor(overrides map[string]cty.Value, process bool) {
	pp := s.client.PostProcessor()
	spec := s.configSpec(pp)
	cfg := s.buildConfig(spec, overrides)
	var confErr error
	_ = guard(func() error {
		confErr = pp.Configure(s.builderVariables(), cfg)
		s.note("Configure: %v", confErr)
		return nil
	})
	if !process || confErr != nil {
		return
	}
	_ = guard(func() error {
		art, keep, force, err := pp.PostProcess(context.Background(), s.ui, hostArtifact{})
		s.note("PostProcess: artifact=%v keep=%v force=%v err=%v", art != nil, keep, force, err)
		if art != nil {
			s.useArtifact(art)
		}
		return nil
	})
}

func (s *session) runDatasource(overrides map[string]cty.Value, execute bool) {
	d := s.client.Datasource()
	spec := s.configSpec(d)
	cfg := s.buildConfig(spec, overrides)
	var confErr error
	_ = guard(func() error {
		confErr = d.Configure(cfg)
		s.note("Configure: %v", confErr)
		return nil
	})
	if err := guard(func() error { _ = d.OutputSpec(); return nil }); err != nil {
		s.note("OutputSpec: %v", err)
	}
	if !execute || confErr != nil {
		return
	}
	_ = guard(func() error {
		v, err := d.Execute()
		s.note("Execute: type=%s err=%v", v.Type().FriendlyName(), err)
		return nil
	})
}

// runConfigSpecOnly fetches the ConfigSpec and nothing else (the repeats).
func (s *session) runConfigSpecOnly() {
	switch s.kind {
	case "builder":
		s.configSpec(s.client.Builder())
	case "provisioner":
		s.configSpec(s.client.Provisioner())
	case "post-processor":
		s.configSpec(s.client.PostProcessor())
	case "datasource":
		d := s.client.Datasource()
		s.configSpec(d)
		_ = guard(func() error { _ = d.OutputSpec(); return nil })
	}
}
