// Command host is packer-wire's Packer-like capture host.
//
// For every plugin binary in .work/bin/plugins.json it runs `describe`, then
// starts every component the way Packer does (`start KIND [--protobuf] NAME`,
// magic cookie, port range, handshake line), dials the plugin socket through a
// recording connection and drives it with the SDK's own rpc client
// (rpc.NewClient, UseProto per mode). Sessions run in gob mode for every
// plugin and additionally in protobuf mode for plugins reporting protocol v2.
//
// It writes captures (raw bytes under .work/captures/bin/ plus one JSON line
// each in .work/captures/index-host.jsonl, format in conformance/README.md):
// configspec, outputspec and execute payloads (each captured from 3 fresh
// plugin processes) and transcripts of whole sessions, whose calls are
// decoded here (yamux, mux broker ids, net/rpc msgpack messages) into the
// SDK's concrete types and written as canonical RpcValues.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type pluginInfo struct {
	Name          string `json:"name"`
	Plugin        string `json:"plugin"`
	PluginVersion string `json:"pluginVersion"`
	SdkVersion    string `json:"sdkVersion"`
	GoVersion     string `json:"goVersion"`
	Path          string `json:"path"`
	ProtocolV2    bool   `json:"protocolV2"`
}

type describeInfo struct {
	Version         string   `json:"version"`
	SDKVersion      string   `json:"sdk_version"`
	APIVersion      string   `json:"api_version"`
	Builders        []string `json:"builders"`
	PostProcessors  []string `json:"post_processors"`
	Provisioners    []string `json:"provisioners"`
	Datasources     []string `json:"datasources"`
	ProtocolVersion string   `json:"protocol_version"`
}

var (
	flagWork    = flag.String("work", "", "the .work directory (default: conformance/.work next to this program's module)")
	flagOnly    = flag.String("only", "", "comma-separated plugin build names to capture (default: all)")
	flagRepeats = flag.Int("repeats", 3, "fresh plugin processes per configspec/outputspec/execute capture")
	flagTimeout = flag.Duration("session-timeout", 60*time.Second, "bound on one plugin session")
	flagPrimary = flag.String("primary", "tester-sdk0.6.4", "build whose every datasource case gets a transcript")
	flagVerbose = flag.Bool("v", false, "print every session's notes")
)

func main() {
	flag.Parse()
	if !*flagVerbose {
		// the SDK client logs every call with the standard logger
		log.SetOutput(io.Discard)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		killChildren()
		fmt.Fprintln(os.Stderr, "[host] interrupted; plugin processes killed")
		os.Exit(130)
	}()
	err := run()
	killChildren()
	if err != nil {
		fmt.Fprintln(os.Stderr, "[host] error:", err)
		os.Exit(1)
	}
}

func workDir() (string, error) {
	if *flagWork != "" {
		return *flagWork, nil
	}
	// Run from conformance/ (go run ./cmd/host) or anywhere below it.
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "cmd", "host")); err == nil {
				return filepath.Join(d, ".work"), nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("cannot find conformance/ from %s; pass -work", wd)
		}
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[host] "+format+"\n", args...)
}

func run() error {
	work, err := workDir()
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(work, "bin", "plugins.json"))
	if err != nil {
		return fmt.Errorf("%w (run conformance/scripts/build-plugins.sh first)", err)
	}
	var plugins []pluginInfo
	if err := json.Unmarshal(raw, &plugins); err != nil {
		return fmt.Errorf("plugins.json: %w", err)
	}
	only := map[string]bool{}
	for _, n := range strings.Split(*flagOnly, ",") {
		if n = strings.TrimSpace(n); n != "" {
			only[n] = true
		}
	}
	// With -only, the previous captures of the other builds are kept.
	var keep func(string) bool
	if len(only) > 0 {
		keep = func(id string) bool {
			for n := range only {
				if strings.HasPrefix(id, n+"-") {
					return false
				}
			}
			return true
		}
	}
	w, err := newCaptureWriter(filepath.Join(work, "captures"), keep)
	if err != nil {
		return err
	}
	start := time.Now()
	failures := 0
	for i := range plugins {
		p := &plugins[i]
		if len(only) > 0 && !only[p.Name] {
			continue
		}
		pstart := time.Now()
		n, errs := capturePlugin(w, p)
		failures += len(errs)
		for _, e := range errs {
			logf("%s: FAILED: %v", p.Name, e)
		}
		logf("%s: %d captures in %s", p.Name, n, time.Since(pstart).Round(time.Millisecond))
	}
	if err := w.close(); err != nil {
		return err
	}
	logf("wrote %s (%s) in %s", w.indexPath, w.summary(), time.Since(start).Round(time.Millisecond))
	if failures > 0 {
		return fmt.Errorf("%d session(s) failed", failures)
	}
	return nil
}
