package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
)

// hostUi is the Ui the host serves to plugins (brokered by the SDK on a mux
// stream during Builder.Run / Provision / PostProcess).
type hostUi struct {
	mu    sync.Mutex
	lines []string
	onSay func(string)
}

var _ packersdk.Ui = (*hostUi)(nil)

func (u *hostUi) log(format string, args ...any) {
	u.mu.Lock()
	u.lines = append(u.lines, fmt.Sprintf(format, args...))
	u.mu.Unlock()
}

func (u *hostUi) Ask(q string) (string, error) { u.log("ask %q", q); return "yes", nil }
func (u *hostUi) Askf(q string, args ...any) (string, error) {
	return u.Ask(fmt.Sprintf(q, args...))
}
func (u *hostUi) Say(m string) {
	u.log("say %q", m)
	if u.onSay != nil {
		u.onSay(m)
	}
}
func (u *hostUi) Sayf(m string, args ...any) { u.Say(fmt.Sprintf(m, args...)) }
func (u *hostUi) Message(m string)           { u.log("message %q", m) }
func (u *hostUi) Error(m string)             { u.log("error %q", m) }
func (u *hostUi) Errorf(m string, args ...any) {
	u.Error(fmt.Sprintf(m, args...))
}
func (u *hostUi) Machine(t string, args ...string) { u.log("machine %q %q", t, args) }
func (u *hostUi) TrackProgress(src string, currentSize, totalSize int64, stream io.ReadCloser) io.ReadCloser {
	u.log("track %q %d %d", src, currentSize, totalSize)
	return stream
}

// hostHook is run by the plugin's builder (Hook.Run over a mux stream). It
// uses the communicator and Ui the plugin serves back to the host.
type hostHook struct{ ui *hostUi }

func (h *hostHook) Run(ctx context.Context, name string, ui packersdk.Ui, comm packersdk.Communicator, data interface{}) error {
	h.ui.log("hook %s data %T", name, data)
	ui.Say("host hook: " + name)
	if comm == nil {
		return nil
	}
	var stdout bytes.Buffer
	cmd := &packersdk.RemoteCmd{Command: "echo from-host-hook", Stdout: &stdout}
	if err := comm.Start(ctx, cmd); err != nil {
		return fmt.Errorf("host hook: start: %w", err)
	}
	done := make(chan int, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case st := <-done:
		h.ui.log("hook command exited %d: %q", st, stdout.String())
	case <-time.After(10 * time.Second):
		return fmt.Errorf("host hook: command did not finish")
	}
	var got bytes.Buffer
	if err := comm.Download("/remote/file.txt", &got); err != nil {
		return fmt.Errorf("host hook: download: %w", err)
	}
	if err := comm.DownloadDir("/remote/dir", "/local/dir", []string{"x"}); err != nil {
		h.ui.log("hook downloaddir error: %s", err)
	}
	return nil
}

// hostCommunicator is served to the plugin's provisioner.
type hostCommunicator struct{ ui *hostUi }

func (c *hostCommunicator) Start(ctx context.Context, cmd *packersdk.RemoteCmd) error {
	go func() {
		if cmd.Stdin != nil {
			in, _ := io.ReadAll(io.LimitReader(cmd.Stdin, 1<<20))
			c.ui.log("stdin %q", in)
		}
		if cmd.Stdout != nil {
			io.WriteString(cmd.Stdout, "host stdout for: "+cmd.Command+"\n")
		}
		if cmd.Stderr != nil {
			io.WriteString(cmd.Stderr, "host stderr\n")
		}
		cmd.SetExited(3)
	}()
	return nil
}

func (c *hostCommunicator) Upload(dst string, r io.Reader, fi *os.FileInfo) error {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	c.ui.log("upload %s %q fileinfo=%v", dst, b, fi != nil)
	return err
}

func (c *hostCommunicator) UploadDir(dst, src string, exclude []string) error {
	c.ui.log("uploaddir %s %s %v", dst, src, exclude)
	return nil
}

func (c *hostCommunicator) Download(path string, w io.Writer) error {
	_, err := io.WriteString(w, "host file contents of "+path)
	return err
}

func (c *hostCommunicator) DownloadDir(src, dst string, exclude []string) error {
	return fmt.Errorf("host: DownloadDir %s is refused", src)
}

// hostArtifact is handed to post-processors.
type hostArtifact struct{}

func (hostArtifact) BuilderId() string { return "packer-wire.host" }
func (hostArtifact) Files() []string {
	return []string{"/host/out/image.raw", "/host/out/ünïcødé.txt"}
}
func (hostArtifact) Id() string     { return "host-artifact-1" }
func (hostArtifact) String() string { return "host artifact: " + strings.Repeat("=", 3) }
func (hostArtifact) State(name string) interface{} {
	if name == "generated_data" {
		return map[string]interface{}{"ID": "host-1", "Port": int64(2222), "Ok": true, "Ratio": 0.25, "List": []interface{}{"a", int64(-1)}}
	}
	return nil
}
func (hostArtifact) Destroy() error { return nil }
