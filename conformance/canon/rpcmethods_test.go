package canon

import (
	"testing"
)

func TestRpcMethodsCoverage(t *testing.T) {
	want := []string{
		"Artifact.BuilderId", "Artifact.Destroy", "Artifact.Files", "Artifact.Id", "Artifact.State", "Artifact.String",
		"Build.Cancel", "Build.Name", "Build.Prepare", "Build.Run", "Build.SetDebug", "Build.SetForce", "Build.SetOnError",
		"Builder.Cancel", "Builder.ConfigSpec", "Builder.Prepare", "Builder.Run",
		"Communicator.Download", "Communicator.DownloadDir", "Communicator.Start", "Communicator.Upload", "Communicator.UploadDir",
		"Datasource.Cancel", "Datasource.ConfigSpec", "Datasource.Configure", "Datasource.Execute", "Datasource.OutputSpec",
		"Hook.Cancel", "Hook.Run",
		"PostProcessor.Cancel", "PostProcessor.ConfigSpec", "PostProcessor.Configure", "PostProcessor.PostProcess",
		"Provisioner.Cancel", "Provisioner.ConfigSpec", "Provisioner.Prepare", "Provisioner.Provision",
		"Ui.Ask", "Ui.Error", "Ui.Machine", "Ui.Message", "Ui.NewTrackProgress", "Ui.Say",
		"Ui*.Add", "Ui*.Close",
	}
	for _, w := range want {
		if _, ok := RpcMethods[w]; !ok {
			t.Errorf("missing %s", w)
		}
	}
	for _, n := range RpcMethodNames() {
		m := RpcMethods[n]
		t.Logf("%-28s args=%-40v reply=%v", n, m.Args, m.Reply)
	}
	if m, ok := LookupRpcMethod("Uisrcabc123.Add"); !ok || m.Args.Kind().String() != "int" {
		t.Errorf("progress lookup: %v %v", m, ok)
	}
}
