// Package capture is the one definition of a capture line: the contract between the capture
// programs (cmd/payloads, cmd/host) and cmd/vectorize (conformance/README.md, "Captures").
package capture

// Capture is one line of .work/captures/index-*.jsonl.
type Capture struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Host: what drove the plugin: "packer-1.12.0" (real Packer, cmd/reference), "go-host"
	// (cmd/host); empty for payloads built in-process (vectorize writes "none").
	Host          string         `json:"host,omitempty"`
	Plugin        string         `json:"plugin"`
	PluginVersion string         `json:"pluginVersion"`
	SdkVersion    string         `json:"sdkVersion"`
	GoVersion     string         `json:"goVersion"`
	Mode          string         `json:"mode"`
	Component     string         `json:"component"`
	File          string         `json:"file"`
	Error         string         `json:"error"`
	RepeatFiles   []string       `json:"repeatFiles"`
	Context       map[string]any `json:"context"`
	// Unstable: building the payload again in the same process gave other bytes (Go map
	// iteration order); vectorize then sets byteExact=false even if the process runs agreed.
	Unstable bool `json:"unstable,omitempty"`
}
