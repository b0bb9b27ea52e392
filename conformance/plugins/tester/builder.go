package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
)

// BuilderId is the id of the tester's artifacts.
const BuilderId = "packer-wire.tester"

// Builder exercises Prepare and Run: during Run it drives every brokered Ui
// method (Say, Message, Error, Machine, Ask, TrackProgress), runs a hook with
// a plugin-side communicator, and returns an artifact served by the plugin.
type Builder struct {
	spec   func() hcldec.ObjectSpec
	config preparedConfig
}

func (b *Builder) ConfigSpec() hcldec.ObjectSpec { return b.spec() }

func (b *Builder) Prepare(raws ...interface{}) ([]string, []string, error) {
	b.config = readConfigs(raws)
	if s, ok := b.config.stringAttr("str"); ok && s == "" {
		return nil, []string{"tester: prepare saw an empty str"}, errors.New("tester: str must not be empty")
	}
	warnings := []string{
		"tester: argument types: " + strings.Join(b.config.kinds, ", "),
		"tester: other arguments: " + b.config.describeOther(),
	}
	return []string{"TesterId", "TesterSource"}, warnings, nil
}

func (b *Builder) Run(ctx context.Context, ui packersdk.Ui, hook packersdk.Hook) (packersdk.Artifact, error) {
	ui.Say("tester: building")
	if b.config.boolAttr("wait_for_cancel") {
		ui.Say("tester: waiting for cancel")
		select {
		case <-ctx.Done():
			ui.Error("tester: cancelled")
			return nil, errors.New("tester: build cancelled")
		case <-time.After(20 * time.Second):
			return nil, errors.New("tester: no cancel arrived")
		}
	}
	ui.Message("tester: message with ünïcødé ✓")
	ui.Error("tester: an error line")
	ui.Machine("artifact", "0", "id", "tester-123")
	ui.Machine("ui", "say", "with, comma", "new\nline", "")
	// Packer without a terminal answers Ask with the error "no available tty": a real
	// builder asking an optional question goes on, so the hook (and the provisioners) run.
	answer, err := ui.Ask("tester: continue? [yes/no]")
	if err != nil {
		ui.Error("tester: ask failed: " + err.Error())
	} else {
		ui.Say("tester: answer was " + answer)
	}

	// Progress tracking: 10 bytes read in chunks of 4 through the tracker.
	stream := ui.TrackProgress("tester-source.iso", 0, 10, io.NopCloser(bytes.NewReader([]byte("0123456789"))))
	buf := make([]byte, 4)
	total := 0
	for {
		n, err := stream.Read(buf)
		total += n
		if err != nil {
			break
		}
	}
	stream.Close()
	ui.Say(fmt.Sprintf("tester: tracked %d bytes", total))

	// A hook with a communicator served by this plugin. The data has the
	// keys and Go types the SDK's commonsteps.PopulateProvisionHookData puts
	// there (strings, an int port, a bool), plus PACKER_RUN_UUID from the
	// environment as the SDK reads it. Packer turns every value into a cty
	// value for the provisioner's build.* variables and accepts only bool,
	// string, numbers and lists of strings/numbers: a nil or an
	// []interface{} fails Hook.Run with "unhandled buildvar type".
	data := map[string]interface{}{
		"ID":                "tester-123",
		"Host":              "127.0.0.1",
		"Port":              22,
		"User":              "tester",
		"Password":          "",
		"ConnType":          "ssh",
		"SSHPublicKey":      "",
		"SSHPrivateKey":     "",
		"SSHPrivateKeyFile": "",
		"SSHAgentAuth":      false,
		"WinRMPassword":     "",
		"PackerRunUUID":     os.Getenv("PACKER_RUN_UUID"),
		"PackerHTTPIP":      "ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER",
		"PackerHTTPPort":    "ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER",
		"PackerHTTPAddr":    "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER",
	}
	var comm packersdk.Communicator = &fakeCommunicator{}
	if root := localWorkdir(); root != "" {
		comm = &localCommunicator{root: root}
	}
	if err := hook.Run(ctx, packersdk.HookProvision, ui, comm, data); err != nil {
		ui.Error("tester: hook failed: " + err.Error())
		if localWorkdir() != "" {
			// In local mode a failed provisioner fails the build, as Packer's StepProvision does.
			return nil, fmt.Errorf("Error provisioning: %s", err)
		}
	}

	if b.config.boolAttr("no_artifact") {
		return nil, nil
	}
	return &Artifact{id: "tester-123", files: []string{"/tmp/tester/a.img", "/tmp/tester/b.img"}}, nil
}

// allDataEnv: set to "all" in the plugin's environment (the capture harness does), the artifact's
// generated_data holds every Go type the wire can carry (a nil, a time, lists, a nested map), which
// Packer refuses to make build.* variables of ("unhandled buildvar type": every post-processor of
// the build fails); by default it holds only the types Packer takes.
const allDataEnv = "TESTER_GENERATED_DATA"

// Artifact is served by the plugin after Run / PostProcess.
type Artifact struct {
	id    string
	files []string
}

func (a *Artifact) BuilderId() string { return BuilderId }
func (a *Artifact) Files() []string   { return a.files }
func (a *Artifact) Id() string        { return a.id }
func (a *Artifact) String() string    { return "tester artifact " + a.id }
func (a *Artifact) State(name string) interface{} {
	switch name {
	case "generated_data":
		if os.Getenv(allDataEnv) != "all" {
			// only values Packer's HCL2 post-processors can take as build.* variables
			// (hcl2template.ConvertPluginConfigValueToHCLValue)
			return map[string]interface{}{"string": "value", "int": int64(-42), "uint": uint64(42), "float": 2.25, "bool": true, "bytes": []byte("raw")}
		}
		return map[string]interface{}{
			"string": "value",
			"int":    int64(-42),
			"uint":   uint64(42),
			"float":  2.25,
			"bool":   true,
			"nil":    nil,
			"list":   []interface{}{"x", int64(1), false},
			"nested": map[string]interface{}{"k": []string{"v1", "v2"}},
			"bytes":  []byte("raw"),
			"when":   time.Date(2024, 7, 24, 21, 1, 2, 345000000, time.UTC),
		}
	case "string":
		return "state-string"
	case "number":
		return int64(1 << 40)
	default:
		return nil
	}
}
func (a *Artifact) Destroy() error {
	return errors.New("tester: artifact " + a.id + " cannot be destroyed")
}

// fakeCommunicator answers every call without touching any machine.
type fakeCommunicator struct{}

func (c *fakeCommunicator) Start(ctx context.Context, cmd *packersdk.RemoteCmd) error {
	go func() {
		if cmd.Stdout != nil {
			io.WriteString(cmd.Stdout, "plugin stdout for: "+cmd.Command+"\n")
		}
		if cmd.Stderr != nil {
			io.WriteString(cmd.Stderr, "plugin stderr\n")
		}
		cmd.SetExited(0)
	}()
	return nil
}

func (c *fakeCommunicator) Upload(dst string, r io.Reader, fi *os.FileInfo) error {
	_, err := io.Copy(io.Discard, r)
	return err
}

func (c *fakeCommunicator) UploadDir(dst string, src string, exclude []string) error {
	return nil
}

func (c *fakeCommunicator) Download(path string, w io.Writer) error {
	_, err := io.WriteString(w, "plugin file contents of "+path)
	return err
}

func (c *fakeCommunicator) DownloadDir(src string, dst string, exclude []string) error {
	return errors.New("tester: DownloadDir is not supported")
}
