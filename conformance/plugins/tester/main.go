// Command packer-plugin-tester is packer-wire's conformance tester plugin.
//
// It registers one component of every kind through the SDK's plugin.NewSet(),
// plus one builder and one datasource under the SDK's default-name constant.
// Its specs and datasource values are chosen to cover every hcldec spec shape
// and every cty type/value kind that crosses the wire. It is built against
// several SDK versions by conformance/scripts/build-plugins.sh.
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/packer-plugin-sdk/plugin"
	"github.com/hashicorp/packer-plugin-sdk/version"
)

// PluginVersion is the tester's own version, reported by `describe`.
var PluginVersion = version.InitializePluginVersion("0.1.0", "")

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder("tester", &Builder{spec: fullSpec})
	pps.RegisterBuilder(plugin.DEFAULT_NAME, &Builder{spec: protoSafeBuilderSpec})
	pps.RegisterProvisioner("tester", &Provisioner{})
	pps.RegisterPostProcessor("tester", &PostProcessor{spec: oneRejectSpec})
	pps.RegisterPostProcessor("dynamic", &PostProcessor{spec: dynamicSpec})
	pps.RegisterPostProcessor("chain", &PostProcessor{spec: protoSafePostProcessorSpec})
	pps.RegisterDatasource("tester", &Datasource{output: fullOutputSpec})
	pps.RegisterDatasource(plugin.DEFAULT_NAME, &Datasource{output: protoSafeOutputSpec})
	pps.SetVersion(PluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
