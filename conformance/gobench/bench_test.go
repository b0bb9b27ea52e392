package gobench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

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

// job is one case ready to time: its payloads and, for encode, the models
// decoded from them beforehand (as the encoding side holds them).
type job struct {
	Case
	w      Workload
	models []any
	cursor int
}

// prepare loads a case's workload (and for encode decodes every payload); on
// failure it prints the skip marker and returns nil.
func prepare(c Case, op string) *job {
	j := &job{Case: c}
	fail := func(err error) *job {
		fmt.Printf("%s %s %s: %v\n", skipMarker, op, c.Name, err)
		return nil
	}
	var err error
	if j.w, err = c.LoadWorkload(); err != nil {
		return fail(err)
	}
	if op != "encode" {
		if _, err := j.w.Codecs[0].Decode(j.w.Payloads[0]); err != nil {
			return fail(fmt.Errorf("decode: %w", err))
		}
		return j
	}
	for i, p := range j.w.Payloads {
		v, err := j.w.Codecs[i].Decode(p)
		if err != nil {
			return fail(fmt.Errorf("decode payload %d: %w", i, err))
		}
		if in := j.w.Codecs[i].EncodeInput; in != nil {
			v = in(v)
		}
		j.models = append(j.models, v)
	}
	if _, err := j.w.Codecs[0].Encode(j.models[0]); err != nil {
		return fail(fmt.Errorf("encode: %w", err))
	}
	return j
}

// run does n operations, each on the next payload (or model) of the corpus.
func (j *job) run(op string, n int) error {
	count := len(j.w.Payloads)
	for k := 0; k < n; k++ {
		i := j.cursor
		if j.cursor++; j.cursor == count {
			j.cursor = 0
		}
		var err error
		if op == "encode" {
			_, err = j.w.Codecs[i].Encode(j.models[i])
		} else {
			_, err = j.w.Codecs[i].Decode(j.w.Payloads[i])
		}
		if err != nil {
			return fmt.Errorf("%s payload %d: %w", op, i, err)
		}
	}
	return nil
}

func (j *job) meanBytes() int64 {
	total := 0
	for _, p := range j.w.Payloads {
		total += len(p)
	}
	return int64(total / len(j.w.Payloads))
}

func benchmark(b *testing.B, op string) {
	for _, c := range loadOrSkip(b).Cases {
		j := prepare(c, op)
		if j == nil {
			continue
		}
		b.Run(c.Name, func(b *testing.B) {
			b.SetBytes(j.meanBytes())
			b.ReportAllocs()
			if err := j.run(op, b.N); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// BenchmarkDecode and BenchmarkEncode time each case over its corpus (every
// iteration the next payload) for `go test -bench`; npm run bench uses TestServe.
func BenchmarkDecode(b *testing.B) { benchmark(b, "decode") }
func BenchmarkEncode(b *testing.B) { benchmark(b, "encode") }

// ServeEnv, when set, makes TestServe answer the TypeScript bench's requests
// on stdin/stdout, so TypeScript and Go rounds alternate:
//
//	calibrate <case> <op> <ns>  -> ok <ops>          (warm up: ops done in ns)
//	round <case> <op> <ops>     -> ok <ns> <allocBytes> <allocs>
//	retain <case> <copies>      -> ok <bytes kept per decoded value>
//	drop <case>                 -> ok                 (frees the case's payloads and models)
//	quit
//
// Errors answer "err <message>".
const ServeEnv = "PACKER_WIRE_BENCH_SERVE"

func TestServe(t *testing.T) {
	if os.Getenv(ServeEnv) == "" {
		t.Skipf("%s is not set (npm run bench sets it)", ServeEnv)
	}
	list := loadOrSkip(t)
	byName := map[string]Case{}
	for _, c := range list.Cases {
		byName[c.Name] = c
	}
	jobs := map[string]*job{}
	get := func(name, op string) (*job, error) {
		if j, ok := jobs[name+" "+op]; ok {
			if j == nil {
				return nil, fmt.Errorf("case %s %s could not be prepared", name, op)
			}
			return j, nil
		}
		c, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("unknown case %q", name)
		}
		j := prepare(c, op)
		jobs[name+" "+op] = j
		if j == nil {
			return nil, fmt.Errorf("case %s %s could not be prepared", name, op)
		}
		return j, nil
	}
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 2 && f[0] == "drop" {
			delete(jobs, f[1]+" decode")
			delete(jobs, f[1]+" encode")
			runtime.GC()
			fmt.Fprintln(out, "ok")
			out.Flush()
			continue
		}
		reply, err := serveOne(f, get)
		if err != nil {
			reply = "err " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
		if reply == "" {
			return
		}
		fmt.Fprintln(out, reply)
		out.Flush()
	}
}

func serveOne(f []string, get func(name, op string) (*job, error)) (string, error) {
	if len(f) == 0 || f[0] == "quit" {
		return "", nil
	}
	arg := func(i int) (int64, error) {
		if len(f) <= i {
			return 0, fmt.Errorf("%s: missing argument %d", f[0], i)
		}
		return strconv.ParseInt(f[i], 10, 64)
	}
	switch f[0] {
	case "calibrate", "round":
		n, err := arg(3)
		if err != nil {
			return "", err
		}
		j, err := get(f[1], f[2])
		if err != nil {
			return "", err
		}
		if f[0] == "calibrate" {
			ops, t0 := 0, time.Now()
			for time.Since(t0) < time.Duration(n) {
				if err := j.run(f[2], 1); err != nil {
					return "", err
				}
				ops++
			}
			return fmt.Sprintf("ok %d", ops), nil
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t0 := time.Now()
		err = j.run(f[2], int(n))
		ns := time.Since(t0).Nanoseconds()
		runtime.ReadMemStats(&after)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("ok %d %d %d", ns, after.TotalAlloc-before.TotalAlloc, after.Mallocs-before.Mallocs), nil
	case "retain":
		copies, err := arg(2)
		if err != nil {
			return "", err
		}
		j, err := get(f[1], "decode")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("ok %.1f", retained(j, int(copies))), nil
	}
	return "", fmt.Errorf("unknown request %q", f[0])
}

// retained is the heap one decoded value keeps alive (after GC), from
// `copies` values of distinct payloads held at once.
func retained(j *job, copies int) float64 {
	if copies < 1 {
		copies = 1
	}
	keep := make([]any, copies)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range keep {
		p := i % len(j.w.Payloads)
		keep[i], _ = j.w.Codecs[p].Decode(j.w.Payloads[p])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	return (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(copies)
}

// ColdEnv names a case file (one Case as JSON) for TestCold: the time of the
// first decode of its payload in this fresh process, printed as
// "gobench-cold <ns>". (Run with GODEBUG=inittrace=1, the process also
// prints what its package inits cost.)
const ColdEnv = "PACKER_WIRE_BENCH_COLD"

func TestCold(t *testing.T) {
	p := os.Getenv(ColdEnv)
	if p == "" {
		t.Skipf("%s is not set (npm run bench sets it)", ColdEnv)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var c Case
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	payload, err := c.ReadPayload()
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	codec, err := CodecFor(c)
	if err == nil {
		_, err = codec.Decode(payload)
	}
	ns := time.Since(t0).Nanoseconds()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("gobench-cold %d\n", ns)
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
