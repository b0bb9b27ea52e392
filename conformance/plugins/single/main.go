// Command packer-plugin-single registers exactly one component: a
// post-processor under the SDK's default name, so that when it is installed
// as `packer-plugin-NAME` its only Packer name is NAME. Installed under the
// name of one of Packer's internal post-processors (`manifest`, or
// `provenance`, which only Packer 1.16 has), every name it has is already
// taken and it registers nothing: the reference run (cmd/reference) uses it to
// show that such a plugin does not change the protocol choice, and that the
// internal component list depends on Packer's version.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
	"github.com/hashicorp/packer-plugin-sdk/plugin"
	"github.com/hashicorp/packer-plugin-sdk/version"
	"github.com/zclconf/go-cty/cty"
)

var pluginVersion = version.InitializePluginVersion("0.1.0", "")

type postProcessor struct{}

func (postProcessor) ConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{"note": &hcldec.AttrSpec{Name: "note", Type: cty.String}}
}

func (postProcessor) Configure(raws ...interface{}) error { return nil }

func (postProcessor) PostProcess(_ context.Context, ui packersdk.Ui, a packersdk.Artifact) (packersdk.Artifact, bool, bool, error) {
	ui.Say("single: passing the artifact through")
	return a, true, false, nil
}

func main() {
	pps := plugin.NewSet()
	pps.RegisterPostProcessor(plugin.DEFAULT_NAME, postProcessor{})
	pps.SetVersion(pluginVersion)
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
