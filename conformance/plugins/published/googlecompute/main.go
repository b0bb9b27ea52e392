// Command packer-plugin-googlecompute wraps the published googlecompute plugin
// (github.com/hashicorp/packer-plugin-googlecompute, version pinned in go.mod):
// it registers the plugin's own component packages with plugin.NewSet() under
// the same names as the plugin's main.go.
package main

import (
	"fmt"
	"os"

	googlecompute "github.com/hashicorp/packer-plugin-googlecompute/builder/googlecompute"
	googlecomputeexport "github.com/hashicorp/packer-plugin-googlecompute/post-processor/googlecompute-export"
	googlecomputeimport "github.com/hashicorp/packer-plugin-googlecompute/post-processor/googlecompute-import"
	"github.com/hashicorp/packer-plugin-googlecompute/version"
	"github.com/hashicorp/packer-plugin-sdk/plugin"
)

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder(plugin.DEFAULT_NAME, new(googlecompute.Builder))
	pps.RegisterPostProcessor("import", new(googlecomputeimport.PostProcessor))
	pps.RegisterPostProcessor("export", new(googlecomputeexport.PostProcessor))
	pps.SetVersion(version.PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
