package main

import (
	"encoding/binary"
	"net"
	"sync"
)

const (
	dirHostToPlugin byte = 0
	dirPluginToHost byte = 1
)

// record is one Read or Write call seen by the recording connection.
type record struct {
	dir  byte
	data []byte
}

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
	c.records = append(c.records, record{dir: dir, data: cp})
	c.mu.Unlock()
}

func (c *recordingConn) snapshot() []record {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]record, len(c.records))
	copy(out, c.records)
	return out
}

// encodeTranscript writes records as `dir (1) | length (uint32 BE) | bytes`.
func encodeTranscript(records []record) []byte {
	size := 0
	for _, r := range records {
		size += 5 + len(r.data)
	}
	out := make([]byte, 0, size)
	var hdr [5]byte
	for _, r := range records {
		hdr[0] = r.dir
		binary.BigEndian.PutUint32(hdr[1:], uint32(len(r.data)))
		out = append(out, hdr[:]...)
		out = append(out, r.data...)
	}
	return out
}
