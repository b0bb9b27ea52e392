// Package transcript holds the transcript record format (vectors/README.md) and
// Go's view of a recorded session: yamux frames demultiplexed per stream, the mux
// broker ids, and every net/rpc call decoded into the SDK's own types. Shared by
// cmd/host (sessions it drives) and cmd/reference (real Packer's sessions
// recorded by cmd/relay).
package transcript

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/rpc"
	"reflect"
	"sort"

	"github.com/packer-wire/conformance/canon"
	"github.com/ugorji/go/codec"
)

// Demultiplexing a recorded session: yamux frames (12-byte big-endian
// headers) per direction, the mux broker's 4-byte little-endian logical id at
// the start of every stream (echoed by the acceptor), then net/rpc messages
// written by ugorji's msgpack GoRpc codec: a header map followed by a body.

const (
	yamuxTypeData   = 0
	yamuxTypeWindow = 1
	yamuxTypePing   = 2
	yamuxTypeGoAway = 3
	yamuxFlagSYN    = 1
)

type chunk struct{ streamOff, dirOff, n int }

type streamSide struct {
	buf    []byte
	chunks []chunk
}

type yamuxStream struct {
	id        uint32
	opener    byte
	hasOpener bool
	side      [2]streamSide
	firstPos  int // dir offset of the first frame, for ordering
}

// Call is one net/rpc call found in a session.
type Call struct {
	Stream        uint32 // logical (mux broker) id
	YamuxStream   uint32
	Caller        string // "host" or "plugin"
	ServiceMethod string
	Seq           uint64
	Request       any // decoded into the SDK's concrete type
	Response      any
	HasResponse   bool
	Error         string
	order         [2]int // (global record index, dir offset) of the request's first byte
}

type StreamInfo struct {
	YamuxStream uint32 `json:"yamuxStream"`
	Stream      uint32 `json:"stream"`
	Opener      string `json:"opener"`
	Kind        string `json:"kind"` // rpc, raw, idle
	BytesOut    int    `json:"bytesFromOpener"`
	BytesIn     int    `json:"bytesFromAcceptor"`
}

type Session struct {
	Calls    []*Call
	Streams  []StreamInfo
	Problems []string
}

var rpcHeaderPrefix = append([]byte{0x82, 0xa0 | 13}, []byte("ServiceMethod")...)

func dirName(d byte) string {
	if d == HostToPlugin {
		return "host"
	}
	return "plugin"
}

func Decode(records []Record) *Session {
	out := &Session{}
	// Per direction: concatenated bytes and where each record starts.
	var dirBuf [2][]byte
	var recStart [2][]int
	var recIndex [2][]int
	for i, r := range records {
		recStart[r.Dir] = append(recStart[r.Dir], len(dirBuf[r.Dir]))
		recIndex[r.Dir] = append(recIndex[r.Dir], i)
		dirBuf[r.Dir] = append(dirBuf[r.Dir], r.Data...)
	}
	recordAt := func(dir byte, off int) int {
		j := sort.Search(len(recStart[dir]), func(k int) bool { return recStart[dir][k] > off }) - 1
		if j < 0 {
			return 0
		}
		return recIndex[dir][j]
	}

	streams := map[uint32]*yamuxStream{}
	var ids []uint32
	for dir := byte(0); dir < 2; dir++ {
		buf := dirBuf[dir]
		off := 0
		for off+12 <= len(buf) {
			h := buf[off : off+12]
			if h[0] != 0 {
				out.Problems = append(out.Problems, fmt.Sprintf("%s->: yamux version %d at offset %d", dirName(dir), h[0], off))
				break
			}
			typ := h[1]
			flags := binary.BigEndian.Uint16(h[2:4])
			sid := binary.BigEndian.Uint32(h[4:8])
			length := int(binary.BigEndian.Uint32(h[8:12]))
			hdrOff := off
			off += 12
			if sid != 0 {
				st := streams[sid]
				if st == nil {
					st = &yamuxStream{id: sid, firstPos: recordAt(dir, hdrOff)}
					streams[sid] = st
					ids = append(ids, sid)
				}
				if flags&yamuxFlagSYN != 0 && !st.hasOpener {
					st.opener, st.hasOpener = dir, true
				}
				if typ == yamuxTypeData && length > 0 {
					n := length
					if off+n > len(buf) {
						n = len(buf) - off
						out.Problems = append(out.Problems, fmt.Sprintf("%s->: stream %d: data frame truncated (%d of %d bytes)", dirName(dir), sid, n, length))
					}
					s := &st.side[dir]
					s.chunks = append(s.chunks, chunk{streamOff: len(s.buf), dirOff: off, n: n})
					s.buf = append(s.buf, buf[off:off+n]...)
				}
			}
			if typ == yamuxTypeData {
				off += length
			}
		}
	}

	sort.Slice(ids, func(i, j int) bool { return streams[ids[i]].firstPos < streams[ids[j]].firstPos })
	for _, sid := range ids {
		st := streams[sid]
		if !st.hasOpener {
			// a stream whose SYN we did not see: odd ids are opened by the client (host)
			if sid%2 == 1 {
				st.opener = HostToPlugin
			} else {
				st.opener = PluginToHost
			}
		}
		opener, acceptor := st.opener, 1-st.opener
		o, a := &st.side[opener], &st.side[acceptor]
		info := StreamInfo{YamuxStream: sid, Opener: dirName(opener), BytesOut: len(o.buf), BytesIn: len(a.buf)}
		if len(o.buf) < 4 {
			info.Kind = "idle"
			out.Streams = append(out.Streams, info)
			continue
		}
		logical := binary.LittleEndian.Uint32(o.buf[:4])
		info.Stream = logical
		if len(a.buf) >= 4 && binary.LittleEndian.Uint32(a.buf[:4]) != logical {
			out.Problems = append(out.Problems, fmt.Sprintf("stream %d: ack %d does not echo id %d", sid, binary.LittleEndian.Uint32(a.buf[:4]), logical))
		}
		body := o.buf[4:]
		switch {
		case len(body) == 0:
			info.Kind = "idle"
		case bytes.HasPrefix(body, rpcHeaderPrefix):
			info.Kind = "rpc"
			posOf := func(s *streamSide, dir byte, streamOff int) [2]int {
				for _, c := range s.chunks {
					if streamOff >= c.streamOff && streamOff < c.streamOff+c.n {
						d := c.dirOff + (streamOff - c.streamOff)
						return [2]int{recordAt(dir, d), d}
					}
				}
				return [2]int{len(records), 0}
			}
			calls, probs := decodeRPCStream(o.buf[4:], a.buf[min(4, len(a.buf)):], func(reqOff int) [2]int {
				return posOf(o, opener, reqOff+4)
			})
			for _, c := range calls {
				c.Stream, c.YamuxStream, c.Caller = logical, sid, dirName(opener)
			}
			out.Calls = append(out.Calls, calls...)
			for _, p := range probs {
				out.Problems = append(out.Problems, fmt.Sprintf("stream %d (logical %d): %s", sid, logical, p))
			}
		default:
			info.Kind = "raw"
		}
		out.Streams = append(out.Streams, info)
	}
	sort.SliceStable(out.Calls, func(i, j int) bool {
		a, b := out.Calls[i].order, out.Calls[j].order
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	return out
}

var anyType = reflect.TypeOf((*any)(nil)).Elem()

func msgpackHandle() *codec.MsgpackHandle {
	return &codec.MsgpackHandle{WriteExt: true}
}

// decodeRPCStream decodes the requests (client -> server) and responses
// (server -> client) of one rpc stream.
func decodeRPCStream(reqBuf, respBuf []byte, posOf func(int) [2]int) ([]*Call, []string) {
	var calls []*Call
	var problems []string
	bySeq := map[uint64]*Call{}

	dec := codec.NewDecoderBytes(reqBuf, msgpackHandle())
	for dec.NumBytesRead() < len(reqBuf) {
		start := dec.NumBytesRead()
		var hdr rpc.Request
		if err := dec.Decode(&hdr); err != nil {
			problems = append(problems, fmt.Sprintf("request header at %d: %v", start, err))
			break
		}
		c := &Call{ServiceMethod: hdr.ServiceMethod, Seq: hdr.Seq, order: posOf(start)}
		argT := anyType
		if m, ok := canon.LookupRpcMethod(hdr.ServiceMethod); ok {
			argT = canon.DecodeType(m.Args)
		} else {
			problems = append(problems, fmt.Sprintf("unknown method %q", hdr.ServiceMethod))
		}
		body := reflect.New(argT)
		if err := dec.Decode(body.Interface()); err != nil {
			problems = append(problems, fmt.Sprintf("request body of %s at %d: %v", hdr.ServiceMethod, start, err))
			calls = append(calls, c)
			break
		}
		c.Request = body.Elem().Interface()
		calls = append(calls, c)
		bySeq[hdr.Seq] = c
	}

	dec = codec.NewDecoderBytes(respBuf, msgpackHandle())
	for dec.NumBytesRead() < len(respBuf) {
		start := dec.NumBytesRead()
		var hdr rpc.Response
		if err := dec.Decode(&hdr); err != nil {
			problems = append(problems, fmt.Sprintf("response header at %d: %v", start, err))
			break
		}
		c := bySeq[hdr.Seq]
		if c == nil {
			problems = append(problems, fmt.Sprintf("response seq %d (%s) has no request", hdr.Seq, hdr.ServiceMethod))
			c = &Call{ServiceMethod: hdr.ServiceMethod, Seq: hdr.Seq, order: [2]int{1 << 30, 0}}
			calls = append(calls, c)
		}
		replyT := anyType
		if m, ok := canon.LookupRpcMethod(hdr.ServiceMethod); ok && hdr.Error == "" {
			replyT = canon.DecodeType(m.Reply)
		}
		body := reflect.New(replyT)
		if err := dec.Decode(body.Interface()); err != nil {
			problems = append(problems, fmt.Sprintf("response body of %s at %d: %v", hdr.ServiceMethod, start, err))
			break
		}
		c.Response = body.Elem().Interface()
		c.HasResponse = true
		c.Error = hdr.Error
	}
	return calls, problems
}

// CanonicalCalls renders the calls as the transcript expect's call list.
func CanonicalCalls(calls []*Call) ([]any, error) {
	out := make([]any, 0, len(calls))
	for _, c := range calls {
		req, err := canon.RpcBody(c.Request)
		if err != nil {
			return nil, fmt.Errorf("%s request: %w", c.ServiceMethod, err)
		}
		var resp any
		if c.HasResponse {
			if resp, err = canon.RpcBody(c.Response); err != nil {
				return nil, fmt.Errorf("%s response: %w", c.ServiceMethod, err)
			}
		}
		out = append(out, map[string]any{
			"stream":        int(c.Stream),
			"yamuxStream":   int(c.YamuxStream),
			"caller":        c.Caller,
			"serviceMethod": c.ServiceMethod,
			"seq":           int(c.Seq),
			"request":       req,
			"response":      resp,
			"hasResponse":   c.HasResponse,
			"error":         c.Error,
		})
	}
	return out, nil
}
