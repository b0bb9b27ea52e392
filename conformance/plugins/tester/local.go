package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
)

// The tester's "local" mode (TESTER_WORKDIR set in its environment): the
// builder's communicator runs commands with sh and moves files on this machine,
// inside TESTER_WORKDIR. Every remote path is taken relative to that
// directory ("/tmp/x" is TESTER_WORKDIR/tmp/x); a path that leaves it is
// refused. Without TESTER_WORKDIR the builder keeps its fake communicator, so
// the recorded sessions do not change.
const workdirEnv = "TESTER_WORKDIR"

func localWorkdir() string { return os.Getenv(workdirEnv) }

// Its commands are not tied to the builder's Run context nor to Packer's process group (a remote
// command over SSH is not either): a cancelled provisioner tells its command to stop
// (waitOrCancel), so the calls around a cancel come in one order.
type localCommunicator struct {
	root string
}

func (c *localCommunicator) path(p string) (string, error) {
	clean := filepath.Clean("/" + p)
	full := filepath.Join(c.root, clean)
	if full != c.root && !strings.HasPrefix(full, c.root+string(filepath.Separator)) {
		return "", fmt.Errorf("tester: path %q leaves the work directory", p)
	}
	return full, nil
}

func (c *localCommunicator) Start(ctx context.Context, rc *packersdk.RemoteCmd) error {
	cmd := exec.Command("/bin/sh", "-c", rc.Command)
	cmd.Dir = c.root
	// In a process group of its own, as a command on a remote machine: a Ctrl-C at the terminal
	// (SIGINT to Packer's group, plugins included) does not reach it. It dies with the builder
	// (as a remote command with its SSH connection).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Stdin = rc.Stdin
	cmd.Stdout = rc.Stdout
	cmd.Stderr = rc.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		status := 0
		if err := cmd.Wait(); err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) && ee.ExitCode() >= 0 {
				status = ee.ExitCode()
			} else {
				status = packersdk.CmdDisconnect
			}
		}
		rc.SetExited(status)
	}()
	return nil
}

func (c *localCommunicator) Upload(dst string, r io.Reader, fi *os.FileInfo) error {
	full, err := c.path(dst)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.Create(full)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, r)
	return err
}

func (c *localCommunicator) UploadDir(dst string, src string, exclude []string) error {
	return errors.New("tester: UploadDir is not supported in local mode")
}

func (c *localCommunicator) Download(path string, w io.Writer) error {
	full, err := c.path(path)
	if err != nil {
		return err
	}
	f, err := os.Open(full)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func (c *localCommunicator) DownloadDir(src string, dst string, exclude []string) error {
	return errors.New("tester: DownloadDir is not supported in local mode")
}

// zeroReader gives n zero bytes (TESTER_UPLOAD_BYTES: a large upload that
// never sits in this process's memory).
type zeroReader struct{ left int64 }

func (z *zeroReader) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > z.left {
		n = z.left
	}
	for i := range p[:n] {
		p[i] = 0
	}
	z.left -= n
	return int(n), nil
}
