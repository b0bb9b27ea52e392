package main

import (
	"context"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/zclconf/go-cty/cty"
)

type pipeBuilder struct{}

func (pipeBuilder) ConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{"x": &hcldec.AttrSpec{Name: "x", Type: cty.String}}
}
func (pipeBuilder) Prepare(raws ...interface{}) ([]string, []string, error) {
	return []string{"G"}, nil, nil
}
func (pipeBuilder) Run(ctx context.Context, ui packersdk.Ui, hook packersdk.Hook) (packersdk.Artifact, error) {
	ui.Say("hello from the plugin side")
	return nil, nil
}

// TestDecodeSession runs an in-process SDK server and client over a pipe,
// records the client side and checks the demultiplexed, decoded calls.
func TestDecodeSession(t *testing.T) {
	for _, proto := range []bool{false, true} {
		hostEnd, pluginEnd := net.Pipe()
		server, err := sdkrpc.NewServer(pluginEnd)
		if err != nil {
			t.Fatal(err)
		}
		server.UseProto = proto
		if err := server.RegisterBuilder(pipeBuilder{}); err != nil {
			t.Fatal(err)
		}
		go server.Serve()

		conn := newRecordingConn(hostEnd)
		client, err := sdkrpc.NewClient(conn)
		if err != nil {
			t.Fatal(err)
		}
		client.UseProto = proto
		b := client.Builder()
		spec := b.ConfigSpec()
		if _, ok := spec["x"]; !ok {
			t.Fatalf("spec: %#v", spec)
		}
		cfg := cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("v")})
		if _, _, err := b.Prepare(map[string]string{"packer_build_name": "n"}, cfg); err != nil {
			t.Fatal(err)
		}
		ui := &hostUi{}
		if _, err := b.Run(context.Background(), ui, &hostHook{ui: ui}); err != nil {
			t.Fatal(err)
		}
		client.Close()
		time.Sleep(50 * time.Millisecond)
		recs := conn.snapshot()

		// the transcript encoding round-trips
		enc := encodeTranscript(recs)
		off, n := 0, 0
		for off < len(enc) {
			l := int(binary.BigEndian.Uint32(enc[off+1 : off+5]))
			off += 5 + l
			n++
		}
		if off != len(enc) || n != len(recs) {
			t.Fatalf("transcript framing: %d records, %d bytes", n, off)
		}

		d := decodeSession(recs)
		if len(d.Problems) > 0 {
			t.Fatalf("problems: %v", d.Problems)
		}
		want := []struct{ method, caller string }{
			{"Builder.ConfigSpec", "host"}, {"Builder.Prepare", "host"}, {"Builder.Run", "host"}, {"Ui.Say", "plugin"},
		}
		if len(d.Calls) != len(want) {
			for _, c := range d.Calls {
				t.Logf("call %s %s", c.Caller, c.ServiceMethod)
			}
			t.Fatalf("got %d calls, want %d", len(d.Calls), len(want))
		}
		for i, w := range want {
			c := d.Calls[i]
			if c.ServiceMethod != w.method || c.Caller != w.caller || !c.HasResponse || c.Error != "" {
				t.Errorf("call %d: %s by %s (response %v, error %q), want %s by %s", i, c.ServiceMethod, c.Caller, c.HasResponse, c.Error, w.method, w.caller)
			}
		}
		if p := findPayload(d, "Builder.ConfigSpec"); !p.found || len(p.data) == 0 || p.err != "" {
			t.Errorf("ConfigSpec payload: %+v", p)
		}
		calls, err := canonicalCalls(d.Calls)
		if err != nil {
			t.Fatal(err)
		}
		prep := calls[1].(map[string]any)["request"].(map[string]any)["Configs"].([]any)
		if _, ok := prep[1].(map[string]any)["$cty"]; !ok {
			t.Errorf("Prepare config not written as $cty: %#v", prep[1])
		}
		if calls[3].(map[string]any)["request"] != "hello from the plugin side" {
			t.Errorf("Ui.Say request: %#v", calls[3])
		}
	}
}
