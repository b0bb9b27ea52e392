package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"

	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// hostileVector is one input for the `hostile` vector family (vectors/README.md) made here with
// the SDK's own rpc codec: valid for Go, refused by the TypeScript decode limits. `npm run fuzz --
// --write-hostile` runs `payloads -hostile`, decodes each input with our codec and records the
// WireError it gives (the expect file), as for the fuzz tool's shapes.
type hostileVector struct {
	ID         string         `json:"id"`
	Context    map[string]any `json:"context"`
	Bytes      []byte         `json:"bytes"`
	About      string         `json:"about"`
	GoVersion  string         `json:"goVersion"`
	SdkVersion string         `json:"sdkVersion"`
}

// tinyNumberConfig is a Prepare config (cty JSON, as the SDK sends a cty.Value in Configs) whose
// one number is 1e-600000. Written as text: Go parses it in milliseconds but needs minutes to
// print it (big.Float.Text), so json.Marshal of the value is not how it is made.
const tinyNumberConfig = `{"value":{"command":"echo","ratio":1e-600000},"type":["object",{"command":"string","ratio":"number"}]}`

func hostileVectors() []hostileVector {
	cfg := []byte(tinyNumberConfig)
	// What the serving SDK does with a []byte in Configs (rpc/cty_encode.go, decodeCTYValues):
	// go-cty accepts the value.
	start := time.Now()
	v, err := ctyjson.Unmarshal(cfg, cty.DynamicPseudoType)
	if err != nil {
		fatalf("hostile: go-cty refuses the tiny-number config: %v", err)
	}
	if !v.GetAttr("ratio").Type().Equals(cty.Number) {
		fatalf("hostile: the tiny-number config did not decode to a number")
	}
	parsed := time.Since(start)
	about := fmt.Sprintf("%%s request whose cty JSON config holds the number 1e-600000, made by the SDK's rpc codec (conformance/cmd/payloads -hostile). "+
		"The SDK sends a config this way in both protocols (gob and protobuf: rpc/cty_encode.go encodes Configs as cty JSON either way). "+
		"go-cty's json.Unmarshal accepts it (%s here) and big.Float needs minutes to print it; "+
		"we refuse numbers past maxNumberExponent (1000), a deliberate difference (vectors/README.md).", parsed.Round(time.Millisecond))
	var out []hostileVector
	for _, c := range []struct {
		id, method string
		body       any
	}{
		{"rpc-builder-prepare-tiny-number", "Builder.Prepare", &sdkrpc.BuilderPrepareArgs{Configs: []any{cfg, buildVars()}}},
		{"rpc-provisioner-prepare-tiny-number", "Provisioner.Prepare", &sdkrpc.ProvisionerPrepareArgs{Configs: []any{cfg, buildVars()}}},
	} {
		b, bodyType := encodeRPC(rpcMsg{name: c.id, serviceMethod: c.method, seq: 1, body: c.body})
		out = append(out, hostileVector{
			ID:         c.id,
			Context:    map[string]any{"family": "rpc", "direction": "request", "serviceMethod": c.method, "bodyType": bodyType},
			Bytes:      b,
			About:      fmt.Sprintf(about, c.method),
			GoVersion:  runtime.Version(),
			SdkVersion: sdkVersion(),
		})
	}
	return out
}

// writeHostile prints the hostile vectors as JSON lines on stdout.
func writeHostile() {
	enc := json.NewEncoder(os.Stdout)
	for _, h := range hostileVectors() {
		if err := enc.Encode(h); err != nil {
			fatalf("hostile: %v", err)
		}
	}
}
