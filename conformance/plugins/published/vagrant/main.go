// Command packer-plugin-vagrant wraps the published vagrant plugin
// (github.com/hashicorp/packer-plugin-vagrant, version pinned in go.mod): it
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
	vagrantB "github.com/hashicorp/packer-plugin-vagrant/builder/vagrant"
	vagrantPP "github.com/hashicorp/packer-plugin-vagrant/post-processor/vagrant"
	vagrantCloudPP "github.com/hashicorp/packer-plugin-vagrant/post-processor/vagrant-cloud"
)

var (
	Version           = "1.0.0"
	VersionPrerelease = ""
	PluginVersion     = version.InitializePluginVersion(Version, VersionPrerelease)
)

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder(plugin.DEFAULT_NAME, new(vagrantB.Builder))
	pps.RegisterPostProcessor(plugin.DEFAULT_NAME, new(vagrantPP.PostProcessor))
	pps.RegisterPostProcessor("cloud", new(vagrantCloudPP.PostProcessor))
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
