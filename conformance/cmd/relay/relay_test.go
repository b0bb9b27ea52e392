package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/packer-wire/conformance/internal/transcript"
)

// TestMain doubles as a fake plugin when FAKE_PLUGIN is set: `describe`
// prints a line; `start` listens on a unix socket, prints the handshake and
// echoes every connection.
func TestMain(m *testing.M) {
	if os.Getenv("FAKE_PLUGIN") == "" {
		os.Exit(m.Run())
	}
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "describe" {
		fmt.Println(`{"version":"0.1.0","api_version":"x5.0"}`)
		os.Exit(3)
	}
	sock := filepath.Join(os.Getenv("FAKE_DIR"), "plugin.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		os.Exit(5)
	}
	fmt.Printf("5|0|unix|%s\n", sock)
	fmt.Println("after the handshake")
	for {
		c, err := ln.Accept()
		if err != nil {
			os.Exit(0)
		}
		go func() { _, _ = io.Copy(c, c); c.Close() }()
	}
}

func buildRelay(t *testing.T, dir string) string {
	t.Helper()
	exe := filepath.Join(dir, "github.com", "o", "fake", "packer-plugin-fake_v0.1.0_x5.0_linux_amd64")
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", exe, ".")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod -buildvcs=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := json.Marshal(config{Target: self, RecordDir: dir})
	if err := os.WriteFile(exe+".relay.json", cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return exe
}

func invocations(t *testing.T, dir string) []Invocation {
	t.Helper()
	ms, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []Invocation
	for _, m := range ms {
		var inv Invocation
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if json.Unmarshal(b, &inv) == nil && inv.ID != "" {
			out = append(out, inv)
		}
	}
	return out
}

func TestRelayDescribeAndStart(t *testing.T) {
	dir := t.TempDir()
	relay := buildRelay(t, dir)
	env := append(os.Environ(), "FAKE_PLUGIN=1", "FAKE_DIR="+dir, "SOME_VAR=kept")

	// describe: same stdout, same exit status, recorded.
	d := exec.Command(relay, "describe")
	d.Env = env
	out, err := d.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("describe: exit %v, want status 3", err)
	}
	if string(out) != "{\"version\":\"0.1.0\",\"api_version\":\"x5.0\"}\n" {
		t.Fatalf("describe stdout %q", out)
	}

	// start: our own handshake, relayed bytes, records in causal order.
	s := exec.Command(relay, "start", "builder", "--protobuf", "x")
	s.Env = env
	stdout, _ := s.StdoutPipe()
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Process.Kill(); _ = s.Wait() }()
	br := bufio.NewReader(stdout)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) != 4 || parts[0] != "5" || parts[1] != "0" || parts[2] != "unix" || parts[3] == filepath.Join(dir, "plugin.sock") {
		t.Fatalf("relay handshake %q", line)
	}
	if next, _ := br.ReadString('\n'); next != "after the handshake\n" {
		t.Fatalf("plugin output after the handshake not copied: %q", next)
	}
	c, err := net.DialTimeout("unix", parts[3], 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "hello" {
		t.Fatalf("echo: %q %v", buf, err)
	}
	c.Close()
	// Packer ends plugins with SIGKILL: the records must already be on disk.
	_ = s.Process.Kill()
	_ = s.Wait()

	var start *Invocation
	invs := invocations(t, dir)
	for i := range invs {
		if len(invs[i].Args) > 0 && invs[i].Args[0] == "start" {
			start = &invs[i]
		}
	}
	if len(invs) != 2 || start == nil {
		t.Fatalf("%d invocations recorded, want describe + start", len(invs))
	}
	if strings.Join(start.Args, " ") != "start builder --protobuf x" || start.RelayHandshake != strings.TrimSpace(line) ||
		start.PluginHandshake != "5|0|unix|"+filepath.Join(dir, "plugin.sock") {
		t.Fatalf("start invocation: %+v", start)
	}
	kept := false
	for _, e := range start.Env {
		kept = kept || e == "SOME_VAR=kept"
	}
	if !kept {
		t.Fatal("environment not recorded")
	}
	b, err := os.ReadFile(filepath.Join(dir, start.ID+".c0.transcript"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := transcript.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	var sides [2]string
	for _, r := range recs {
		sides[r.Dir] += string(r.Data)
	}
	if len(recs) == 0 || recs[0].Dir != transcript.HostToPlugin || sides[0] != "hello" || sides[1] != "hello" {
		t.Fatalf("records %+v", recs)
	}
}
