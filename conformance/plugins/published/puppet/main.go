// Command packer-plugin-puppet wraps the published puppet plugin
// (github.com/hashicorp/packer-plugin-puppet, version pinned in go.mod): it
// registers the plugin's own component packages with plugin.NewSet() under the
// same names as the plugin's main.go. That version keeps its version variables
// in package main (not importable), so they are repeated here with the values
// the release build sets (.goreleaser.yml: -X main.Version={{.Version}}
// -X main.VersionPrerelease=).
package main

import (
	"fmt"
	"os"

	puppetmasterlessProv "github.com/hashicorp/packer-plugin-puppet/provisioner/puppet-masterless"
	puppetserverProv "github.com/hashicorp/packer-plugin-puppet/provisioner/puppet-server"
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
	pps.RegisterProvisioner("masterless", new(puppetmasterlessProv.Provisioner))
	pps.RegisterProvisioner("server", new(puppetserverProv.Provisioner))
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
