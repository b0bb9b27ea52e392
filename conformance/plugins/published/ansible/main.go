// Command packer-plugin-ansible wraps the published ansible plugin
// (github.com/hashicorp/packer-plugin-ansible, version pinned in go.mod): it
// registers the plugin's own component packages with plugin.NewSet() under the
// same names as the plugin's main.go. That version keeps its version variables
// in package main (not importable), so they are repeated here with the values
// the release build sets (.goreleaser.yml: -X main.Version={{.Version}}
// -X main.VersionPrerelease=).
package main

import (
	"fmt"
	"os"

	ansible "github.com/hashicorp/packer-plugin-ansible/provisioner/ansible"
	ansibleLocal "github.com/hashicorp/packer-plugin-ansible/provisioner/ansible-local"
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
	pps.RegisterProvisioner(plugin.DEFAULT_NAME, new(ansible.Provisioner))
	pps.RegisterProvisioner("local", new(ansibleLocal.Provisioner))
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
