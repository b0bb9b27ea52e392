// Command corpus writes, for each bench case, a corpus of distinct payloads
// made by Go from the captured one: the payload is decoded with the real Go
// libraries (the codecs of conformance/gobench), varied (names and strings
// renamed, numbers changed, collection sizes varied, ObjectSpec attribute
// sets reshuffled), encoded again by Go and checked by decoding it back.
//
//	go run ./cmd/corpus -cases cases.json -out DIR [-n 1024]
//
// cases.json is the case list of conformance/gobench (a "count" per case
// overrides -n). For each case that can be varied it writes DIR/<name>.corpus
// (payloads, each preceded by its length as a big-endian uint32) and
// DIR/<name>.json ({"count", "bytes", and for cty msgpack/JSON values
// "types": the cty type JSON of each payload, whose object attributes are
// renamed too}). DIR/index.json says which cases have a corpus and why not.
package main

import (
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/packer-wire/conformance/gobench"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

type caseList struct {
	Cases []struct {
		gobench.Case
		Count int `json:"count"`
	} `json:"cases"`
}

type indexEntry struct {
	Name  string `json:"name"`
	Count int    `json:"count,omitempty"`
	Error string `json:"error,omitempty"`
}

type corpusMeta struct {
	Count int               `json:"count"`
	Bytes int               `json:"bytes"`
	Types []json.RawMessage `json:"types,omitempty"`
}

func main() {
	casesFile := flag.String("cases", "", "case list (conformance/gobench format)")
	out := flag.String("out", "", "output folder")
	n := flag.Int("n", 1024, "payloads per case")
	flag.Parse()
	if *casesFile == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: corpus -cases FILE -out DIR [-n N]")
		os.Exit(2)
	}
	raw, err := os.ReadFile(*casesFile)
	check(err)
	var list caseList
	check(json.Unmarshal(raw, &list))
	check(os.MkdirAll(*out, 0o755))
	var index []indexEntry
	for _, c := range list.Cases {
		count := c.Count
		if count <= 0 {
			count = *n
		}
		e := indexEntry{Name: c.Name}
		if err := writeCorpus(c.Case, count, *out); err != nil {
			e.Error = err.Error()
			fmt.Fprintf(os.Stderr, "corpus: %s: %v\n", c.Name, err)
		} else {
			e.Count = count
		}
		index = append(index, e)
	}
	b, _ := json.MarshalIndent(index, "", "  ")
	check(os.WriteFile(filepath.Join(*out, "index.json"), b, 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

// variant makes payload i of a case from the decoded (encode-side) value.
type variant func(i int) (payload []byte, typeJSON []byte, err error)

func writeCorpus(c gobench.Case, count int, dir string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	codec, err := gobench.CodecFor(c)
	if err != nil {
		return err
	}
	payload, err := c.ReadPayload()
	if err != nil {
		return err
	}
	decoded, err := codec.Decode(payload)
	if err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	model := decoded
	if codec.EncodeInput != nil {
		model = codec.EncodeInput(decoded)
	}
	v := func(i int) varier { return varier{n: uint64(i) + 1, salt: uint64(i)*2 + 1} }
	var mk variant
	switch c.Family {
	case "gob-spec", "gob-value", "proto-spec", "gob-generic":
		mk = func(i int) ([]byte, []byte, error) {
			var m any
			if c.Family == "gob-value" {
				m = v(i).ctyValue(model.(cty.Value))
			} else if c.Family == "gob-generic" {
				xs := model.([]any)
				ys := make([]any, len(xs))
				for j, x := range xs {
					ys[j] = v(i).value(reflect.ValueOf(x)).Interface()
				}
				m = ys
			} else {
				m = v(i).value(reflect.ValueOf(model)).Interface().(hcldec.ObjectSpec)
			}
			b, err := codec.Encode(m)
			if err != nil {
				return nil, nil, err
			}
			b = append([]byte(nil), b...)
			_, err = codec.Decode(b)
			return b, nil, err
		}
	case "msgpack-value", "json-value":
		ty, err := ctyjson.UnmarshalType(mustJSON(c.Context["type"]))
		if err != nil {
			return fmt.Errorf("context.type: %w", err)
		}
		mk = func(i int) ([]byte, []byte, error) {
			vt := v(i).ctyType(ty)
			tj, err := ctyjson.MarshalType(vt)
			if err != nil {
				return nil, nil, err
			}
			vc := c
			vc.Context = map[string]any{}
			for k, x := range c.Context {
				vc.Context[k] = x
			}
			vc.Context["type"] = json.RawMessage(tj)
			vcodec, err := gobench.CodecFor(vc)
			if err != nil {
				return nil, nil, err
			}
			b, err := vcodec.Encode(v(i).ctyValue(model.(cty.Value)))
			if err != nil {
				return nil, nil, err
			}
			b = append([]byte(nil), b...)
			_, err = vcodec.Decode(b)
			return b, tj, err
		}
	case "rpc":
		mk = func(i int) ([]byte, []byte, error) {
			vi := v(i)
			m := gobench.MapRpcBody(model, uint64(i)+1, func(x reflect.Value) reflect.Value { return vi.value(x) })
			b, err := codec.Encode(m)
			if err != nil {
				return nil, nil, err
			}
			b = append([]byte(nil), b...)
			_, err = codec.Decode(b)
			return b, nil, err
		}
	default:
		return fmt.Errorf("no variation for family %q", c.Family)
	}
	f, err := os.Create(filepath.Join(dir, c.Name+".corpus"))
	if err != nil {
		return err
	}
	defer f.Close()
	meta := corpusMeta{Count: count}
	seen := map[string]bool{}
	var hdr [4]byte
	for i := 0; i < count; i++ {
		b, tj, err := mk(i)
		if err != nil {
			return fmt.Errorf("variant %d: %w", i, err)
		}
		if seen[string(b)] {
			return fmt.Errorf("variant %d repeats an earlier payload", i)
		}
		seen[string(b)] = true
		binary.BigEndian.PutUint32(hdr[:], uint32(len(b)))
		if _, err := f.Write(hdr[:]); err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			return err
		}
		meta.Bytes += len(b)
		if tj != nil {
			meta.Types = append(meta.Types, tj)
		}
	}
	mb, _ := json.Marshal(meta)
	return os.WriteFile(filepath.Join(dir, c.Name+".json"), mb, 0o644)
}

func mustJSON(x any) []byte {
	b, _ := json.Marshal(x)
	return b
}
