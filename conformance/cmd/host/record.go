package main

import (
	"net"
	"sync"

	"github.com/packer-wire/conformance/internal/transcript"
)

const (
	dirHostToPlugin = transcript.HostToPlugin
	dirPluginToHost = transcript.PluginToHost
)

// record is one Read or Write call seen by the recording connection.
type record = transcript.Record

// Go's view of a recorded session (internal/transcript, shared with cmd/reference).
type sessionDecode = transcript.Session

func decodeSession(records []record) *sessionDecode { return transcript.Decode(records) }

func canonicalCalls(calls []*transcript.Call) ([]any, error) { return transcript.CanonicalCalls(calls) }

func encodeTranscript(records []record) []byte { return transcript.Encode(records) }

// recordingConn wraps the host's side of the plugin socket and records every
// Read and Write, in the order the calls completed.
type recordingConn struct {
	net.Conn
	mu      sync.Mutex
	records []record
}

func newRecordingConn(c net.Conn) *recordingConn { return &recordingConn{Conn: c} }

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.add(dirPluginToHost, p[:n])
	}
	return n, err
}

func (c *recordingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if n > 0 {
		c.add(dirHostToPlugin, p[:n])
	}
	return n, err
}

func (c *recordingConn) add(dir byte, p []byte) {
	cp := make([]byte, len(p))
	copy(cp, p)
	c.mu.Lock()
	c.records = append(c.records, record{Dir: dir, Data: cp})
	c.mu.Unlock()
}

func (c *recordingConn) snapshot() []record {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]record, len(c.records))
	copy(out, c.records)
	return out
}
