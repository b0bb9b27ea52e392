// Command packer-plugin-qemu wraps the published qemu plugin
// (github.com/hashicorp/packer-plugin-qemu, version pinned in go.mod): it
// registers the plugin's own component packages with plugin.NewSet() under the
// same names as the plugin's main.go. That version keeps its version variables
// in package main (not importable), so they are repeated here with the values
// the release build sets (.goreleaser.yml: -X main.Version={{.Version}}
// -X main.VersionPrerelease=).
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/packer-plugin-qemu/builder/qemu"
	"github.com/hashicorp/packer-plugin-sdk/plugin"
	"github.com/hashicorp/packer-plugin-sdk/version"
)

var (
	Version           = "1.0.0"
	VersionPrerelease = ""
	PluginVersion     = version.InitializePluginVersion(Version, VersionPrerelease)
)

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder(plugin.DEFAULT_NAME, new(qemu.Builder))
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
