package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
)

// Provisioner drives the host's communicator: Start (stdin, stdout, stderr
// and the gob CommandFinished response stream), Upload (with a FileInfo),
// Download, UploadDir and DownloadDir.
type Provisioner struct {
	config preparedConfig
}

func (p *Provisioner) ConfigSpec() hcldec.ObjectSpec { return provisionerSpec() }

func (p *Provisioner) Prepare(raws ...interface{}) error {
	p.config = readConfigs(raws)
	if s, ok := p.config.stringAttr("command"); ok && s == "" {
		return errors.New("tester: command must not be empty")
	}
	return nil
}

func (p *Provisioner) Provision(ctx context.Context, ui packersdk.Ui, comm packersdk.Communicator, generatedData map[string]interface{}) error {
	ui.Say("tester: provisioning with " + describeGo(generatedData))
	command, _ := p.config.stringAttr("command")

	var stdout, stderr bytes.Buffer
	cmd := &packersdk.RemoteCmd{
		Command: command,
		Stdin:   strings.NewReader("stdin data\n"),
		Stdout:  &stdout,
		Stderr:  &stderr,
	}
	if err := comm.Start(ctx, cmd); err != nil {
		return fmt.Errorf("tester: start failed: %s", err)
	}
	status, err := waitOrCancel(ctx, comm, cmd)
	if err != nil {
		return err
	}
	ui.Say(fmt.Sprintf("tester: command exited %d; stdout %q; stderr %q", status, stdout.String(), stderr.String()))

	if localWorkdir() != "" && status != 0 {
		return fmt.Errorf("tester: command %q exited %d", command, status)
	}
	if n, _ := strconv.ParseInt(os.Getenv("TESTER_UPLOAD_BYTES"), 10, 64); n > 0 {
		if err := comm.Upload("/tmp/tester/big.bin", &zeroReader{left: n}, nil); err != nil {
			return fmt.Errorf("tester: big upload failed: %s", err)
		}
		ui.Say(fmt.Sprintf("tester: uploaded %d bytes", n))
	}
	var fi os.FileInfo = testerFileInfo{}
	if err := comm.Upload("/tmp/tester/upload.txt", strings.NewReader("uploaded contents"), &fi); err != nil {
		ui.Error("tester: upload failed: " + err.Error())
	}
	if err := comm.Upload("/tmp/tester/upload-nofi.txt", strings.NewReader(""), nil); err != nil {
		ui.Error("tester: upload without file info failed: " + err.Error())
	}
	var downloaded bytes.Buffer
	if err := comm.Download("/tmp/tester/download.txt", &downloaded); err != nil {
		ui.Error("tester: download failed: " + err.Error())
	}
	ui.Say(fmt.Sprintf("tester: downloaded %q", downloaded.String()))
	if err := comm.UploadDir("/tmp/tester/dst", "/tmp/tester/src", []string{"*.tmp", ".git"}); err != nil {
		ui.Error("tester: upload dir failed: " + err.Error())
	}
	if err := comm.DownloadDir("/tmp/tester/remote", "/tmp/tester/local", nil); err != nil {
		ui.Error("tester: download dir failed: " + err.Error())
	}
	return nil
}

// testerFileInfo is a fixed os.FileInfo, so the Upload arguments are stable.
type testerFileInfo struct{}

func (testerFileInfo) Name() string       { return "upload.txt" }
func (testerFileInfo) Size() int64        { return 17 }
func (testerFileInfo) Mode() os.FileMode  { return 0o640 }
func (testerFileInfo) ModTime() time.Time { return time.Date(2024, 7, 24, 21, 1, 2, 0, time.UTC) }
func (testerFileInfo) IsDir() bool        { return false }
func (testerFileInfo) Sys() interface{}   { return nil }

// cancelMarker is the file a cancelled provisioner uploads in local mode: the command is told to
// stop by it (a command that waits for a cancel polls for it).
const cancelMarker = "/cancelled"

// waitOrCancel waits for the command, or for the provision to be cancelled. In local mode a
// cancelled provision uploads cancelMarker and waits for the command to end, so every call of a
// cancel comes in one order (Cancel, Upload, CommandFinished); otherwise it returns at once.
func waitOrCancel(ctx context.Context, comm packersdk.Communicator, cmd *packersdk.RemoteCmd) (int, error) {
	done := make(chan int, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case status := <-done:
		return status, nil
	case <-ctx.Done():
		if localWorkdir() != "" {
			if err := comm.Upload(cancelMarker, strings.NewReader("cancelled\n"), nil); err != nil {
				return 0, fmt.Errorf("tester: provision cancelled; the marker upload failed: %s", err)
			}
			status := <-done
			return status, fmt.Errorf("tester: provision cancelled (the command exited %d)", status)
		}
		return 0, errors.New("tester: provision cancelled")
	}
}
