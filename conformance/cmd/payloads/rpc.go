package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"net/rpc"
	"os"
	"reflect"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/ugorji/go/codec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
	"google.golang.org/protobuf/proto"
)

// bufConn is an io.ReadWriteCloser over a buffer: the SDK's codec writes
// into it exactly as it writes into a yamux stream.
type bufConn struct{ bytes.Buffer }

func (*bufConn) Close() error { return nil }

// sdkHandle is the handle the SDK builds in rpc/server.go and rpc/client.go.
func sdkHandle() *codec.MsgpackHandle { return &codec.MsgpackHandle{WriteExt: true} }

type rpcMsg struct {
	name          string
	serviceMethod string
	seq           uint64
	response      bool
	errText       string // response only: server error (body is then struct{}{})
	body          any
}

func encodeRPC(m rpcMsg) ([]byte, string) {
	conn := &bufConn{}
	if !m.response {
		c := codec.GoRpc.ClientCodec(conn, sdkHandle())
		if err := c.WriteRequest(&rpc.Request{ServiceMethod: m.serviceMethod, Seq: m.seq}, m.body); err != nil {
			fatalf("rpc %s: %v", m.name, err)
		}
		return conn.Bytes(), fmt.Sprintf("%T", m.body)
	}
	body := m.body
	if m.errText != "" {
		// net/rpc server.go: on error the reply is replaced by invalidRequest (struct{}{}).
		body = struct{}{}
	}
	c := codec.GoRpc.ServerCodec(conn, sdkHandle())
	if err := c.WriteResponse(&rpc.Response{ServiceMethod: m.serviceMethod, Seq: m.seq, Error: m.errText}, body); err != nil {
		fatalf("rpc %s: %v", m.name, err)
	}
	return conn.Bytes(), fmt.Sprintf("%T", body)
}

func ctyJSON(v cty.Value) []byte {
	b, err := ctyjson.Marshal(v, cty.DynamicPseudoType)
	if err != nil {
		fatalf("cty json: %v", err)
	}
	return b
}

func gobOf(v any) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		fatalf("gob: %v", err)
	}
	return b.Bytes()
}

func protoSpec(s hcldec.ObjectSpec) []byte {
	p, err := sdkrpc.ToProto(s)
	if err != nil {
		fatalf("%v", err)
	}
	b, err := proto.Marshal(p)
	if err != nil {
		fatalf("%v", err)
	}
	return b
}

// buildVars is the map Packer core passes to Prepare/Configure after the
// cty config (packer/core: BuildNameConfigKey etc.).
func buildVars() map[string]any {
	return map[string]any{
		"packer_build_name":          "tester",
		"packer_builder_type":        "tester",
		"packer_core_version":        "1.12.0",
		"packer_debug":               false,
		"packer_force":               true,
		"packer_on_error":            "cleanup",
		"packer_user_variables":      map[string]string{"region": "eu-west-1"},
		"packer_sensitive_variables": []string{"secret"},
	}
}

func fileInfoType() reflect.Type {
	f, _ := reflect.TypeOf(sdkrpc.CommunicatorUploadArgs{}).FieldByName("FileInfo")
	return f.Type // *rpc.fileInfo (unexported type)
}

// newFileInfo builds the SDK's unexported *fileInfo through its exported
// constructor, with a fake os.FileInfo.
type fakeFI struct {
	name string
	size int64
	mode os.FileMode
	mod  time.Time
}

func (f fakeFI) Name() string       { return f.name }
func (f fakeFI) Size() int64        { return f.size }
func (f fakeFI) Mode() os.FileMode  { return f.mode }
func (f fakeFI) ModTime() time.Time { return f.mod }
func (f fakeFI) IsDir() bool        { return f.mode.IsDir() }
func (f fakeFI) Sys() any           { return nil }

func uploadArgs(path string, stream uint32, fi os.FileInfo) *sdkrpc.CommunicatorUploadArgs {
	a := &sdkrpc.CommunicatorUploadArgs{Path: path, ReaderStreamId: stream}
	if fi != nil {
		reflect.ValueOf(a).Elem().FieldByName("FileInfo").Set(reflect.ValueOf(sdkrpc.NewFileInfo(fi)))
	}
	return a
}

func rpcMessages() []rpcMsg {
	nilIface := new(any)
	specGob := gobOf(hcldec.ObjectSpec{"name": &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true}})
	specProto := protoSpec(hcldec.ObjectSpec{"name": &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true}})
	cfg := cty.ObjectVal(map[string]cty.Value{
		"communicator": cty.StringVal("none"),
		"count":        cty.NumberIntVal(3),
		"tags":         cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		"nested":       cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"x": cty.True})}),
		"unset":        cty.NullVal(cty.String),
	})
	execVal := cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("ami-123"), "size": cty.NumberIntVal(8)})
	execGob := gobOf(execVal)
	execMsgpack, err := ctymsgpack.Marshal(execVal, cty.DynamicPseudoType)
	if err != nil {
		fatalf("%v", err)
	}
	mod := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	modZone := time.Date(2023, 12, 31, 23, 59, 59, 0, time.FixedZone("CET", 3600))
	upTI := uploadArgs("/tmp/file.txt", 9, fakeFI{"file.txt", 1234, 0o644, mod})
	upZone := uploadArgs("/tmp/dir", 10, fakeFI{"dir", 4096, os.ModeDir | 0o755, modZone})
	upZero := uploadArgs("/tmp/zero", 11, fakeFI{"zero", 0, 0, time.Time{}})
	upNil := uploadArgs("/tmp/nofi", 12, nil)
	_ = fileInfoType

	req := func(name, sm string, seq uint64, body any) rpcMsg {
		return rpcMsg{name: name, serviceMethod: sm, seq: seq, body: body}
	}
	resp := func(name, sm string, seq uint64, body any) rpcMsg {
		return rpcMsg{name: name, serviceMethod: sm, seq: seq, response: true, body: body}
	}
	fail := func(name, sm string, seq uint64, errText string) rpcMsg {
		return rpcMsg{name: name, serviceMethod: sm, seq: seq, response: true, errText: errText}
	}
	return []rpcMsg{
		// Builder
		req("builder-configspec-req", "Builder.ConfigSpec", 0, nilIface),
		resp("builder-configspec-resp-gob", "Builder.ConfigSpec", 0, &sdkrpc.ConfigSpecResponse{ConfigSpec: specGob}),
		resp("builder-configspec-resp-proto", "Builder.ConfigSpec", 0, &sdkrpc.ConfigSpecResponse{ConfigSpec: specProto}),
		fail("builder-configspec-resp-error", "Builder.ConfigSpec", 0, "failed to encode HCL spec from protobuf: failed to convert hcldec.Spec to hclspec.Spec: unsupported hcldec.Spec type: \"*hcldec.BlockAttrsSpec\""),
		req("builder-prepare-req", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{Configs: []any{ctyJSON(cfg), buildVars()}}),
		req("builder-prepare-req-cty-only", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{Configs: []any{ctyJSON(cty.EmptyObjectVal)}}),
		req("builder-prepare-req-two-cty", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{Configs: []any{ctyJSON(cfg), ctyJSON(cty.ObjectVal(map[string]cty.Value{"n": cty.MustParseNumberVal("1e400")}))}}),
		req("builder-prepare-req-legacy-map", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{Configs: []any{map[string]any{"type": "tester", "count": 3, "ratio": 0.5, "list": []any{"a", 1}}, buildVars()}}),
		req("builder-prepare-req-empty", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{Configs: []any{}}),
		req("builder-prepare-req-nil", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareArgs{}),
		resp("builder-prepare-resp", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareResponse{GeneratedVars: []string{"SourceAMI", "Region"}}),
		resp("builder-prepare-resp-warnings-error", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareResponse{
			GeneratedVars: []string{}, Warnings: []string{"deprecated option", "héllo"}, Error: &sdkrpc.BasicError{Message: "1 error(s) occurred:\n\n* ssh_port must be positive"}}),
		resp("builder-prepare-resp-empty", "Builder.Prepare", 1, &sdkrpc.BuilderPrepareResponse{}),
		fail("builder-prepare-resp-decode-error", "Builder.Prepare", 1, "invalid character 'x' looking for beginning of value"),
		req("builder-run-req", "Builder.Run", 2, uint32(1)),
		resp("builder-run-resp", "Builder.Run", 2, uint32(4)),
		resp("builder-run-resp-no-artifact", "Builder.Run", 2, uint32(0)),
		fail("builder-run-resp-error", "Builder.Run", 2, "Build was halted."),
		req("builder-cancel-req", "Builder.Cancel", 3, nilIface),
		resp("builder-cancel-resp", "Builder.Cancel", 3, nilIface),
		// Provisioner
		req("provisioner-configspec-req", "Provisioner.ConfigSpec", 0, nilIface),
		req("provisioner-prepare-req", "Provisioner.Prepare", 1, &sdkrpc.ProvisionerPrepareArgs{Configs: []any{ctyJSON(cfg), buildVars()}}),
		resp("provisioner-prepare-resp", "Provisioner.Prepare", 1, nilIface),
		fail("provisioner-prepare-resp-error", "Provisioner.Prepare", 1, "inline and script are mutually exclusive"),
		req("provisioner-provision-req", "Provisioner.Provision", 2, &sdkrpc.ProvisionerProvisionArgs{
			GeneratedData: map[string]any{"ID": "i-0abc", "Host": "10.0.0.1", "Port": int64(22), "PackerRunUUID": "5f1c0d6e-0000-4000-8000-000000000000",
				"SSHPrivateKey": "", "ConnType": "ssh", "WinRMPassword": "", "PackerHTTPAddr": "ErrHTTPAddrNotImplemented"},
			StreamID: 5}),
		req("provisioner-provision-req-nil-data", "Provisioner.Provision", 2, &sdkrpc.ProvisionerProvisionArgs{StreamID: 5}),
		resp("provisioner-provision-resp", "Provisioner.Provision", 2, nilIface),
		fail("provisioner-provision-resp-error", "Provisioner.Provision", 2, "Script exited with non-zero exit status: 1. Allowed exit codes are: [0]"),
		// PostProcessor
		req("postprocessor-configure-req", "PostProcessor.Configure", 1, &sdkrpc.PostProcessorConfigureArgs{Configs: []any{ctyJSON(cfg), buildVars()}}),
		resp("postprocessor-configure-resp", "PostProcessor.Configure", 1, nilIface),
		req("postprocessor-postprocess-req", "PostProcessor.PostProcess", 2, uint32(7)),
		resp("postprocessor-postprocess-resp", "PostProcessor.PostProcess", 2, &sdkrpc.PostProcessorProcessResponse{Keep: true, StreamId: 8}),
		resp("postprocessor-postprocess-resp-err", "PostProcessor.PostProcess", 2, &sdkrpc.PostProcessorProcessResponse{Err: &sdkrpc.BasicError{Message: "upload failed"}, ForceOverride: true}),
		// Datasource
		req("datasource-configure-req", "Datasource.Configure", 1, &sdkrpc.DatasourceConfigureArgs{Configs: []any{ctyJSON(cfg)}}),
		resp("datasource-configure-resp", "Datasource.Configure", 1, &sdkrpc.DatasourceConfigureResponse{}),
		resp("datasource-configure-resp-error-body", "Datasource.Configure", 1, &sdkrpc.DatasourceConfigureResponse{Error: &sdkrpc.BasicError{Message: "bad config"}}),
		fail("datasource-configure-resp-error", "Datasource.Configure", 1, "bad config"),
		req("datasource-outputspec-req", "Datasource.OutputSpec", 2, nilIface),
		resp("datasource-outputspec-resp-gob", "Datasource.OutputSpec", 2, &sdkrpc.OutputSpecResponse{OutputSpec: specGob}),
		resp("datasource-outputspec-resp-proto", "Datasource.OutputSpec", 2, &sdkrpc.OutputSpecResponse{OutputSpec: specProto}),
		req("datasource-execute-req", "Datasource.Execute", 3, nilIface),
		resp("datasource-execute-resp-gob", "Datasource.Execute", 3, &sdkrpc.ExecuteResponse{Value: execGob}),
		resp("datasource-execute-resp-msgpack", "Datasource.Execute", 3, &sdkrpc.ExecuteResponse{Value: execMsgpack}),
		resp("datasource-execute-resp-error-body", "Datasource.Execute", 3, &sdkrpc.ExecuteResponse{Value: []byte{0xc0}, Error: &sdkrpc.BasicError{Message: "not found"}}),
		fail("datasource-execute-resp-error", "Datasource.Execute", 3, "not found"),
		// Hook
		req("hook-run-req", "Hook.Run", 4, &sdkrpc.HookRunArgs{Name: "packer_provision", Data: map[string]any{"ID": "i-1", "Port": int64(22)}, StreamId: 6}),
		req("hook-run-req-nil-data", "Hook.Run", 4, &sdkrpc.HookRunArgs{Name: "packer_communicator", StreamId: 6}),
		resp("hook-run-resp", "Hook.Run", 4, nilIface),
		// Ui (calls made by the plugin, served by the host)
		req("ui-say-req", "Ui.Say", 0, "==> tester: Running builder..."),
		req("ui-say-req-unicode", "Ui.Say", 1, "héllo 世界 🎉\n\ttabbed"),
		resp("ui-say-resp", "Ui.Say", 0, nilIface),
		req("ui-message-req", "Ui.Message", 2, "message"),
		req("ui-error-req", "Ui.Error", 3, "something went wrong"),
		req("ui-ask-req", "Ui.Ask", 4, "Continue? [y/N]"),
		resp("ui-ask-resp", "Ui.Ask", 4, "y"),
		req("ui-machine-req", "Ui.Machine", 5, &sdkrpc.UiMachineArgs{Category: "artifact", Args: []string{"0", "id", "ami-123"}}),
		req("ui-machine-req-no-args", "Ui.Machine", 5, &sdkrpc.UiMachineArgs{Category: "ui"}),
		req("ui-newtrackprogress-req", "Ui.NewTrackProgress", 6, &sdkrpc.TrackProgressParameters{Src: "image.iso", TotalSize: 1 << 33, CurrentSize: 1024}),
		resp("ui-newtrackprogress-resp", "Ui.NewTrackProgress", 6, "image.isoAbC123"),
		req("ui-progress-add-req", "Uiimage.isoAbC123.Add", 7, 32768),
		req("ui-progress-add-req-zero", "Uiimage.isoAbC123.Add", 8, 0),
		req("ui-progress-close-req", "Uiimage.isoAbC123.Close", 9, nil),
		resp("ui-progress-close-resp", "Uiimage.isoAbC123.Close", 9, nilIface),
		req("ui-say-req-large-seq", "Ui.Say", 70000, "late message"),
		// Artifact
		req("artifact-builderid-req", "Artifact.BuilderId", 0, nilIface),
		resp("artifact-builderid-resp", "Artifact.BuilderId", 0, "packer.tester"),
		resp("artifact-files-resp", "Artifact.Files", 1, []string{"/tmp/a.img", "/tmp/b.img"}),
		resp("artifact-files-resp-nil", "Artifact.Files", 1, []string(nil)),
		resp("artifact-id-resp", "Artifact.Id", 2, "eu-west-1:ami-123"),
		resp("artifact-string-resp", "Artifact.String", 3, "AMIs were created:\neu-west-1: ami-123\n"),
		req("artifact-state-req", "Artifact.State", 4, "atlas.artifact.metadata"),
		resp("artifact-state-resp", "Artifact.State", 4, map[string]any{"region": "eu-west-1", "count": int64(2)}),
		resp("artifact-state-resp-nil", "Artifact.State", 4, nilIface),
		resp("artifact-destroy-resp-ok", "Artifact.Destroy", 5, new(error)),
		resp("artifact-destroy-resp-err", "Artifact.Destroy", 5, func() *error { var e error = &sdkrpc.BasicError{Message: "cannot delete"}; return &e }()),
		// Communicator
		req("communicator-start-req", "Communicator.Start", 0, &sdkrpc.CommunicatorStartArgs{Command: "echo hello", StdoutStreamId: 11, StderrStreamId: 12, ResponseStreamId: 13}),
		req("communicator-start-req-stdin", "Communicator.Start", 0, &sdkrpc.CommunicatorStartArgs{Command: "cat", StdinStreamId: 10, StdoutStreamId: 11, ResponseStreamId: 12}),
		resp("communicator-start-resp", "Communicator.Start", 0, nilIface),
		fail("communicator-start-resp-error", "Communicator.Start", 0, "ssh: handshake failed"),
		req("communicator-upload-req", "Communicator.Upload", 1, upTI),
		req("communicator-upload-req-zone", "Communicator.Upload", 1, upZone),
		req("communicator-upload-req-zero-time", "Communicator.Upload", 1, upZero),
		req("communicator-upload-req-no-fileinfo", "Communicator.Upload", 1, upNil),
		req("communicator-uploaddir-req", "Communicator.UploadDir", 2, &sdkrpc.CommunicatorUploadDirArgs{Dst: "/opt", Src: "./files/", Exclude: []string{".git", "*.tmp"}}),
		resp("communicator-uploaddir-resp", "Communicator.UploadDir", 2, new(error)),
		req("communicator-downloaddir-req", "Communicator.DownloadDir", 3, &sdkrpc.CommunicatorDownloadDirArgs{Dst: "./out", Src: "/var/log"}),
		req("communicator-download-req", "Communicator.Download", 4, &sdkrpc.CommunicatorDownloadArgs{Path: "/etc/hostname", WriterStreamId: 14}),
		resp("communicator-download-resp", "Communicator.Download", 4, nilIface),
		// Build (Packer core's own service)
		req("build-name-req", "Build.Name", 0, nilIface),
		resp("build-name-resp", "Build.Name", 0, "tester.example"),
		req("build-setdebug-req", "Build.SetDebug", 1, true),
		req("build-setonerror-req", "Build.SetOnError", 2, "abort"),
		resp("build-prepare-resp", "Build.Prepare", 3, &sdkrpc.BuildPrepareResponse{Warnings: []string{"w"}}),
		resp("build-run-resp", "Build.Run", 4, []uint32{5, 6}),
	}
}

func rpcPayloads() []payload {
	var ps []payload
	for _, m := range rpcMessages() {
		b, bodyType := encodeRPC(m)
		dir := "request"
		if m.response {
			dir = "response"
		}
		ps = append(ps, payload{ID: "harness-rpc-" + m.name, Kind: "rpc", Mode: "none", Bytes: b,
			Context: map[string]any{"direction": dir, "serviceMethod": m.serviceMethod, "bodyType": bodyType}})
	}
	return ps
}
