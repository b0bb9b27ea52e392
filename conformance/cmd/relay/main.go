// Command relay is a recording relay installed in Packer's plugin directory
// under a plugin's file name (packer-plugin-NAME_vX.Y.Z_x5.0_linux_amd64).
//
// Its configuration is the file beside it, `<its own path>.relay.json`:
//
//	{"target": "/abs/path/of/the/real/plugin", "recordDir": "/abs/dir"}
//
// Every invocation writes `<recordDir>/<id>.json` (the arguments and the whole
// environment it was called with, so the protocol Packer chose is known from
// `--protobuf`). `describe` (and any other command but `start`) runs the real
// plugin with the same arguments, environment and standard streams, and also
// records its output and exit status. `start` runs the real plugin, reads its
// handshake line, listens on a socket of its own, prints its own handshake
// (same version fields and network, its own address), then relays every
// connection both ways and appends each Read to `<recordDir>/<id>.cN.transcript`
// as a transcript record (vectors/README.md): dir (0 host->plugin, 1
// plugin->host) | length (uint32 big-endian) | bytes. Records are written as
// they happen, one write call each, because Packer ends plugins with SIGKILL;
// the real plugin gets SIGKILL when the relay dies (Pdeathsig), as it would
// have under Packer. Like a plugin, it ignores SIGINT and SIGTERM.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

type config struct {
	Target    string `json:"target"`
	RecordDir string `json:"recordDir"`
}

// Invocation is the `<id>.json` file.
type Invocation struct {
	ID               string   `json:"id"`
	Self             string   `json:"self"`
	Target           string   `json:"target"`
	Args             []string `json:"args"`
	Env              []string `json:"env"`
	Cwd              string   `json:"cwd"`
	Pid              int      `json:"pid"`
	Ppid             int      `json:"ppid"`
	Pgid             int      `json:"pgid"`
	Started          string   `json:"started"`
	PluginHandshake  string   `json:"pluginHandshake,omitempty"`
	RelayHandshake   string   `json:"relayHandshake,omitempty"`
	Stdout           string   `json:"stdout,omitempty"`
	ExitCode         *int     `json:"exitCode,omitempty"`
	Connections      int      `json:"connections"`
	Error            string   `json:"error,omitempty"`
	RelaySocket      string   `json:"relaySocket,omitempty"`
	PluginSocketPath string   `json:"pluginSocket,omitempty"`
}

func main() {
	runtime.LockOSThread() // Pdeathsig is tied to the thread that started the child
	// A Ctrl-C reaches Packer's whole process group, plugins too: the SDK's plugin server ignores
	// SIGINT and SIGTERM (plugin.Server), and so does the relay standing in for one.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range sigs {
		}
	}()
	self, err := os.Executable()
	if err != nil {
		fail("relay: %v", err)
	}
	var cfg config
	b, err := os.ReadFile(self + ".relay.json")
	if err != nil {
		fail("relay: no configuration beside %s: %v", self, err)
	}
	if err := json.Unmarshal(b, &cfg); err != nil || cfg.Target == "" || cfg.RecordDir == "" {
		fail("relay: bad configuration %s.relay.json: %v", self, err)
	}
	cwd, _ := os.Getwd()
	pgid, _ := syscall.Getpgid(0)
	inv := &Invocation{
		ID:   fmt.Sprintf("%d-%d", time.Now().UnixNano(), os.Getpid()),
		Self: self, Target: cfg.Target, Args: os.Args[1:], Env: os.Environ(), Cwd: cwd,
		Pid: os.Getpid(), Ppid: os.Getppid(), Pgid: pgid, Started: time.Now().UTC().Format(time.RFC3339Nano),
	}
	r := &relay{cfg: cfg, inv: inv}
	r.save()
	if len(os.Args) > 1 && os.Args[1] == "start" {
		r.start()
		return
	}
	r.passThrough()
}

type relay struct {
	cfg config
	mu  sync.Mutex
	inv *Invocation
}

func fail(f string, a ...any) {
	fmt.Fprintf(os.Stderr, f+"\n", a...)
	os.Exit(1)
}

// save writes the invocation file atomically (temp file + rename).
func (r *relay) save() {
	r.mu.Lock()
	b, _ := json.MarshalIndent(r.inv, "", "  ")
	r.mu.Unlock()
	p := filepath.Join(r.cfg.RecordDir, r.inv.ID+".json")
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err == nil {
		_ = os.Rename(tmp, p)
	}
}

func (r *relay) command() *exec.Cmd {
	cmd := exec.Command(r.cfg.Target, os.Args[1:]...)
	cmd.Env = os.Environ()
	cmd.Stdin = os.Stdin
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return 1
}

// passThrough: describe and any other command.
func (r *relay) passThrough() {
	cmd := r.command()
	var out strings.Builder
	cmd.Stdout = io.MultiWriter(os.Stdout, &out)
	err := cmd.Run()
	code := exitCode(err)
	r.mu.Lock()
	r.inv.Stdout = out.String()
	r.inv.ExitCode = &code
	if err != nil {
		r.inv.Error = err.Error()
	}
	r.mu.Unlock()
	r.save()
	os.Exit(code)
}

func (r *relay) start() {
	cmd := r.command()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fail("relay: %v", err)
	}
	if err := cmd.Start(); err != nil {
		r.inv.Error = err.Error()
		r.save()
		fail("relay: starting %s: %v", r.cfg.Target, err)
	}
	br := bufio.NewReader(stdout)
	line, err := br.ReadString('\n')
	if err != nil {
		r.inv.Error = fmt.Sprintf("reading the plugin's handshake: %v (got %q)", err, line)
		r.save()
		_ = cmd.Process.Kill()
		fail("relay: %s", r.inv.Error)
	}
	hs := strings.TrimSpace(line)
	parts := strings.SplitN(hs, "|", 4)
	if len(parts) != 4 {
		r.inv.Error = fmt.Sprintf("handshake %q has %d parts", hs, len(parts))
		r.save()
		_ = cmd.Process.Kill()
		fail("relay: %s", r.inv.Error)
	}
	network, addr := parts[2], parts[3]
	var ln net.Listener
	if network == "unix" {
		sock := filepath.Join(os.TempDir(), fmt.Sprintf("packer-wire-relay-%d.sock", os.Getpid()))
		_ = os.Remove(sock)
		ln, err = net.Listen("unix", sock)
		r.inv.PluginSocketPath = addr
		r.inv.RelaySocket = sock
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		r.inv.Error = err.Error()
		r.save()
		_ = cmd.Process.Kill()
		fail("relay: listen: %v", err)
	}
	own := strings.Join([]string{parts[0], parts[1], ln.Addr().Network(), ln.Addr().String()}, "|")
	r.inv.PluginHandshake = hs
	r.inv.RelayHandshake = own
	r.save()
	fmt.Fprintln(os.Stdout, own)
	go func() { _, _ = io.Copy(os.Stdout, br) }()

	go func() {
		for n := 0; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r.mu.Lock()
			r.inv.Connections = n + 1
			r.mu.Unlock()
			r.save()
			go r.serve(c, network, addr, n)
		}
	}()

	err = cmd.Wait()
	code := exitCode(err)
	r.mu.Lock()
	r.inv.ExitCode = &code
	r.mu.Unlock()
	r.save()
	_ = ln.Close()
	if r.inv.RelaySocket != "" {
		_ = os.Remove(r.inv.RelaySocket)
	}
	os.Exit(code)
}

// serve relays one connection from Packer to a fresh connection to the plugin.
func (r *relay) serve(host net.Conn, network, addr string, n int) {
	defer host.Close()
	plugin, err := net.Dial(network, addr)
	if err != nil {
		r.mu.Lock()
		r.inv.Error = fmt.Sprintf("connection %d: dial plugin: %v", n, err)
		r.mu.Unlock()
		r.save()
		return
	}
	defer plugin.Close()
	f, err := os.OpenFile(filepath.Join(r.cfg.RecordDir, fmt.Sprintf("%s.c%d.transcript", r.inv.ID, n)), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	var fmu sync.Mutex
	record := func(dir byte, p []byte) {
		buf := make([]byte, 5+len(p))
		buf[0] = dir
		binary.BigEndian.PutUint32(buf[1:5], uint32(len(p)))
		copy(buf[5:], p)
		fmu.Lock()
		_, _ = f.Write(buf)
		fmu.Unlock()
	}
	pump := func(dst, src net.Conn, dir byte) {
		buf := make([]byte, 64<<10)
		for {
			k, err := src.Read(buf)
			if k > 0 {
				record(dir, buf[:k]) // recorded before it is forwarded: causal order
				if _, werr := dst.Write(buf[:k]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		if cw, ok := dst.(interface{ CloseWrite() error }); ok {
			_ = cw.CloseWrite()
		}
	}
	done := make(chan struct{}, 2)
	go func() { pump(plugin, host, 0); done <- struct{}{} }()
	go func() { pump(host, plugin, 1); done <- struct{}{} }()
	<-done
	<-done
}
