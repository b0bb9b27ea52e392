package transcript

import (
	"encoding/binary"
	"fmt"
)

// Directions of a record.
const (
	HostToPlugin byte = 0
	PluginToHost byte = 1
)

// Record is one Read or Write call seen on the host's side of the plugin socket.
type Record struct {
	Dir  byte
	Data []byte
}

// Encode writes records as `dir (1) | length (uint32 BE) | bytes`.
func Encode(records []Record) []byte {
	size := 0
	for _, r := range records {
		size += 5 + len(r.Data)
	}
	out := make([]byte, 0, size)
	var hdr [5]byte
	for _, r := range records {
		hdr[0] = r.Dir
		binary.BigEndian.PutUint32(hdr[1:], uint32(len(r.Data)))
		out = append(out, hdr[:]...)
		out = append(out, r.Data...)
	}
	return out
}

// Parse reads the record format back. A truncated last record (a writer killed
// mid-write) is an error naming its offset.
func Parse(b []byte) ([]Record, error) {
	var out []Record
	off := 0
	for off < len(b) {
		if off+5 > len(b) {
			return out, fmt.Errorf("transcript: truncated record header at %d", off)
		}
		if b[off] > 1 {
			return out, fmt.Errorf("transcript: bad direction byte %d at %d", b[off], off)
		}
		n := int(binary.BigEndian.Uint32(b[off+1 : off+5]))
		if off+5+n > len(b) {
			return out, fmt.Errorf("transcript: record at %d overruns the file", off)
		}
		out = append(out, Record{Dir: b[off], Data: b[off+5 : off+5+n]})
		off += 5 + n
	}
	return out, nil
}
