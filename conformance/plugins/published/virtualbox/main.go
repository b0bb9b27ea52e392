// Command packer-plugin-virtualbox wraps the published virtualbox plugin
// (github.com/hashicorp/packer-plugin-virtualbox, version pinned in go.mod): it
// registers the plugin's own component packages with plugin.NewSet() under the
// same names as the plugin's main.go. That version keeps its version variables
// in package main (not importable), so they are repeated here with the values
// the release build sets (.goreleaser.yml: -X main.Version={{.Version}}
// -X main.VersionPrerelease=).
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/packer-plugin-sdk/plugin"
	"github.com/hashicorp/packer-plugin-sdk/version"
	"github.com/hashicorp/packer-plugin-virtualbox/builder/virtualbox/iso"
	"github.com/hashicorp/packer-plugin-virtualbox/builder/virtualbox/ovf"
	"github.com/hashicorp/packer-plugin-virtualbox/builder/virtualbox/vm"
)

var (
	Version           = "1.0.0"
	VersionPrerelease = ""
	PluginVersion     = version.InitializePluginVersion(Version, VersionPrerelease)
)

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder("iso", new(iso.Builder))
	pps.RegisterBuilder("ovf", new(ovf.Builder))
	pps.RegisterBuilder("vm", new(vm.Builder))
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
