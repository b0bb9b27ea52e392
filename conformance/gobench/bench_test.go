package gobench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Lines starting with this marker tell the TypeScript bench why a case has no Go number.
const skipMarker = "gobench-skip"

func loadOrSkip(tb testing.TB) CaseList {
	list, ok, err := LoadCases()
	if !ok {
		tb.Skipf("%s is not set (npm run bench sets it)", CasesEnv)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

type prepared struct {
	Case
	codec   Codec
	payload []byte
	value   any    // decoded once (for encode: as the encoding side holds it)
	encoded []byte // one encode of value (encode only)
}

// prepare decodes a case once (and for encode, encodes it once); on failure it prints the skip marker and returns false.
func prepare(c Case, op string) (prepared, bool) {
	p := prepared{Case: c}
	fail := func(err error) (prepared, bool) {
		fmt.Printf("%s %s %s: %v\n", skipMarker, op, c.Name, err)
		return p, false
	}
	var err error
	if p.codec, err = CodecFor(c); err != nil {
		return fail(err)
	}
	if p.payload, err = c.ReadPayload(); err != nil {
		return fail(err)
	}
	if p.value, err = p.codec.Decode(p.payload); err != nil {
		return fail(fmt.Errorf("decode: %w", err))
	}
	if op == "encode" {
		if p.codec.EncodeInput != nil {
			p.value = p.codec.EncodeInput(p.value)
		}
		if p.encoded, err = p.codec.Encode(p.value); err != nil {
			return fail(fmt.Errorf("encode: %w", err))
		}
		p.encoded = append([]byte(nil), p.encoded...)
	}
	return p, true
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range loadOrSkip(b).Cases {
		p, ok := prepare(c, "decode")
		if !ok {
			continue
		}
		b.Run(c.Name, func(b *testing.B) {
			b.SetBytes(int64(len(p.payload)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := p.codec.Decode(p.payload); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, c := range loadOrSkip(b).Cases {
		p, ok := prepare(c, "encode")
		if !ok {
			continue
		}
		b.Run(c.Name, func(b *testing.B) {
			b.SetBytes(int64(len(p.encoded)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := p.codec.Encode(p.value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// retainCopies is how many decoded values are kept alive to measure retained heap.
const retainCopies = 32

// RetainedResult is one line of retained.json.
type RetainedResult struct {
	Name          string  `json:"name"`
	Bytes         int     `json:"bytes"`
	RetainedPerOp float64 `json:"retainedPerOp"`
}

// TestRetained measures the heap a decoded value keeps alive (after GC), per
// decode, for the cases marked retain, and writes retained.json.
func TestRetained(t *testing.T) {
	list := loadOrSkip(t)
	var out []RetainedResult
	for _, c := range list.Cases {
		if !c.Retain {
			continue
		}
		p, ok := prepare(c, "retain")
		if !ok {
			continue
		}
		keep := make([]any, retainCopies)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range keep {
			keep[i], _ = p.codec.Decode(p.payload)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(keep)
		out = append(out, RetainedResult{
			Name:          c.Name,
			Bytes:         len(p.payload),
			RetainedPerOp: (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / retainCopies,
		})
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	if err := os.WriteFile(filepath.Join(list.OutDir, "retained.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteDescriptor writes the SDK's compiled hcl_spec.proto descriptor as a
// serialized FileDescriptorSet, so the JS protobuf peers are built from
// exactly the schema Go uses.
func TestWriteDescriptor(t *testing.T) {
	list := loadOrSkip(t)
	set := &descriptorpb.FileDescriptorSet{
		File: []*descriptorpb.FileDescriptorProto{protodesc.ToFileDescriptorProto(sdkrpc.File_hcl_spec_proto)},
	}
	b, err := proto.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(list.OutDir, "hcl_spec.descriptor.bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
