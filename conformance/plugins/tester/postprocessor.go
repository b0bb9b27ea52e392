package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
)

// PostProcessor reads the host's artifact and returns one served by the plugin.
type PostProcessor struct {
	spec   func() hcldec.ObjectSpec
	config preparedConfig
}

func (p *PostProcessor) ConfigSpec() hcldec.ObjectSpec { return p.spec() }

func (p *PostProcessor) Configure(raws ...interface{}) error {
	p.config = readConfigs(raws)
	if s, ok := p.config.stringAttr("destination"); ok && s == "" {
		return fmt.Errorf("tester: destination must not be empty")
	}
	return nil
}

func (p *PostProcessor) PostProcess(ctx context.Context, ui packersdk.Ui, source packersdk.Artifact) (packersdk.Artifact, bool, bool, error) {
	id := source.Id()
	ui.Say(fmt.Sprintf("tester: post-processing %s from %s", id, source.BuilderId()))
	ui.Say("tester: files " + strings.Join(source.Files(), ","))
	ui.Say("tester: string " + source.String())
	ui.Say(fmt.Sprintf("tester: state %s", describeGo(source.State("generated_data"))))
	_ = source.State("missing")
	dst, _ := p.config.stringAttr("destination")
	return &Artifact{id: id + "-processed", files: []string{dst}}, true, false, nil
}
