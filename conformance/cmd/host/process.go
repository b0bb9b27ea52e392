package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	sdkplugin "github.com/hashicorp/packer-plugin-sdk/plugin"
)

// children tracks every plugin process we started, so that a signal or a
// fatal error never leaves one behind.
var children = struct {
	sync.Mutex
	procs map[int]*exec.Cmd
}{procs: map[int]*exec.Cmd{}}

func trackChild(cmd *exec.Cmd) {
	children.Lock()
	children.procs[cmd.Process.Pid] = cmd
	children.Unlock()
}

func untrackChild(cmd *exec.Cmd) {
	children.Lock()
	delete(children.procs, cmd.Process.Pid)
	children.Unlock()
}

// killChildren kills the process group of every child still running.
func killChildren() {
	children.Lock()
	defer children.Unlock()
	for pid := range children.procs {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}

// runUUID is this run's PACKER_RUN_UUID, as Packer's main.go sets it in its
// own environment (so every plugin inherits it).
var runUUID = newRunUUID()

func newRunUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "00000000-0000-0000-0000-000000000000"
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// packerEnv is Packer's own environment: ours plus PACKER_RUN_UUID, never the
// magic cookie (Packer runs `describe` with it).
func packerEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, sdkplugin.MagicCookieKey+"=") && !strings.HasPrefix(e, "PACKER_RUN_UUID=") {
			env = append(env, e)
		}
	}
	return append(env, "PACKER_RUN_UUID="+runUUID)
}

// pluginEnv is what go-plugin adds for `start`: the cookie and the port range.
func pluginEnv() []string {
	return append(packerEnv(),
		sdkplugin.MagicCookieKey+"="+sdkplugin.MagicCookieValue,
		// the tester's artifacts carry every Go type in generated_data (captures cover them all)
		"TESTER_GENERATED_DATA=all",
		"PACKER_PLUGIN_MIN_PORT=10000",
		"PACKER_PLUGIN_MAX_PORT=25000",
	)
}

// runDescribe runs `plugin describe` and returns its stdout (one JSON line).
func runDescribe(path string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "describe")
	cmd.Env = packerEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s describe: %v: %s", path, err, stderr.String())
	}
	return bytes.TrimSpace(stdout.Bytes()), nil
}

// pluginProcess is one started component (`start KIND [--protobuf] NAME`).
type pluginProcess struct {
	cmd       *exec.Cmd
	handshake string
	network   string
	address   string
	stderr    *limitedBuffer
	done      chan struct{}
}

// startComponent starts a component the way Packer does and reads its
// handshake line (bounded by timeout).
func startComponent(path, kind, name string, proto bool, timeout time.Duration) (*pluginProcess, error) {
	args := []string{"start", kind}
	if proto {
		args = append(args, "--protobuf")
	}
	args = append(args, name)
	cmd := exec.Command(path, args...)
	cmd.Env = pluginEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &pluginProcess{cmd: cmd, stderr: &limitedBuffer{max: 64 << 10}, done: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	trackChild(cmd)
	go func() {
		_ = cmd.Wait()
		untrackChild(cmd)
		close(p.done)
	}()

	lineCh := make(chan string, 1)
	errCh := make(chan error, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, err := r.ReadString('\n')
		if err != nil {
			errCh <- fmt.Errorf("reading handshake: %v (read %q)", err, line)
			return
		}
		lineCh <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case line := <-lineCh:
		p.handshake = line
	case err := <-errCh:
		p.kill()
		return nil, fmt.Errorf("%v; stderr: %s", err, p.stderr.String())
	case <-time.After(timeout):
		p.kill()
		return nil, fmt.Errorf("no handshake within %s; stderr: %s", timeout, p.stderr.String())
	}
	if err := p.checkHandshake(); err != nil {
		p.kill()
		return nil, err
	}
	return p, nil
}

// checkHandshake applies Packer's checks: 4 parts, major 5, minor not above
// "0" (compared as strings), then the network and address.
func (p *pluginProcess) checkHandshake() error {
	parts := strings.SplitN(p.handshake, "|", 4)
	if len(parts) != 4 {
		return fmt.Errorf("unrecognised handshake %q", p.handshake)
	}
	if parts[0] != sdkplugin.APIVersionMajor {
		return fmt.Errorf("incompatible API major version %q in handshake %q", parts[0], p.handshake)
	}
	if parts[1] > sdkplugin.APIVersionMinor {
		return fmt.Errorf("incompatible API minor version %q in handshake %q", parts[1], p.handshake)
	}
	p.network, p.address = parts[2], parts[3]
	if p.network != "unix" && p.network != "tcp" {
		return fmt.Errorf("unknown network %q in handshake %q", p.network, p.handshake)
	}
	return nil
}

func (p *pluginProcess) dial(timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout(p.network, p.address, timeout)
}

// stop waits up to grace for the process to exit by itself, then kills it.
func (p *pluginProcess) stop(grace time.Duration) {
	select {
	case <-p.done:
	case <-time.After(grace):
		p.kill()
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
	}
	if p.network == "unix" {
		_ = os.Remove(p.address)
	}
}

func (p *pluginProcess) kill() {
	if p.cmd.Process != nil {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
