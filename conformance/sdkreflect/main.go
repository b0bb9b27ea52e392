// Command sdkreflect prints, as JSON, every net/rpc method the packer-plugin-sdk
// it is built against serves, with the Go types of its argument and reply,
// read by reflection with net/rpc's own rules for which methods it registers.
// It is built once per SDK version (conformance/runner/crosslang-rpcmethods.test.ts
// swaps the SDK the way conformance/scripts/build-plugins.sh does) so that the
// TypeScript method table (codecs/rpc/messages.ts) can be compared with each.
//
//	{"sdk": "v0.6.4", "methods": {"Builder.Prepare": {"args": T, "reply": T}, ...}}
//	T = {"name": "<%T spelling>", "kind": "<reflect kind>", "elem": T, "key": T,
//	     "fields": [["Name", T], ...]}   (exported struct fields only)
//
// Args is the method's argument type with one pointer removed; Reply is the
// reply pointer's target. "Ui*" stands for the "Ui"+id progress trackers.
package main

import (
	"encoding/json"
	"go/token"
	"os"
	"reflect"
	"runtime/debug"

	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
)

type typeDesc struct {
	Name   string    `json:"name"`
	Kind   string    `json:"kind"`
	Key    *typeDesc `json:"key,omitempty"`
	Elem   *typeDesc `json:"elem,omitempty"`
	Fields []any     `json:"fields,omitempty"`
}

type method struct {
	Args  *typeDesc `json:"args"`
	Reply *typeDesc `json:"reply"`
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

func describe(t reflect.Type, depth int) *typeDesc {
	d := &typeDesc{Name: t.String(), Kind: t.Kind().String()}
	if depth > 8 {
		return d
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		d.Elem = describe(t.Elem(), depth+1)
	case reflect.Map:
		d.Key = describe(t.Key(), depth+1)
		d.Elem = describe(t.Elem(), depth+1)
	case reflect.Struct:
		if t.PkgPath() == "time" {
			return d
		}
		d.Fields = []any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.IsExported() {
				d.Fields = append(d.Fields, []any{f.Name, describe(f.Type, depth+1)})
			}
		}
	}
	return d
}

func exportedOrBuiltin(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return token.IsExported(t.Name()) || t.PkgPath() == ""
}

func main() {
	services := map[string]reflect.Type{
		"Artifact":      reflect.TypeOf(&sdkrpc.ArtifactServer{}),
		"Build":         reflect.TypeOf(&sdkrpc.BuildServer{}),
		"Builder":       reflect.TypeOf(&sdkrpc.BuilderServer{}),
		"Communicator":  reflect.TypeOf(&sdkrpc.CommunicatorServer{}),
		"Hook":          reflect.TypeOf(&sdkrpc.HookServer{}),
		"PostProcessor": reflect.TypeOf(&sdkrpc.PostProcessorServer{}),
		"Provisioner":   reflect.TypeOf(&sdkrpc.ProvisionerServer{}),
		"Datasource":    reflect.TypeOf(&sdkrpc.DatasourceServer{}),
		"Ui":            reflect.TypeOf(&sdkrpc.UiServer{}),
		"Ui*":           reflect.TypeOf(&sdkrpc.ProgressTrackingServer{}),
	}
	methods := map[string]method{}
	for svc, typ := range services {
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			mt := m.Type
			// net/rpc's suitableMethods: (receiver, args, *reply) error, exported or builtin types.
			if !m.IsExported() || mt.NumIn() != 3 || mt.NumOut() != 1 || mt.Out(0) != errorType {
				continue
			}
			args, reply := mt.In(1), mt.In(2)
			if !exportedOrBuiltin(args) || reply.Kind() != reflect.Pointer || !exportedOrBuiltin(reply) {
				continue
			}
			if args.Kind() == reflect.Pointer {
				args = args.Elem()
			}
			methods[svc+"."+m.Name] = method{Args: describe(args, 0), Reply: describe(reply.Elem(), 0)}
		}
	}
	sdk := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/hashicorp/packer-plugin-sdk" {
				sdk = d.Version
			}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(map[string]any{"sdk": sdk, "methods": methods}); err != nil {
		os.Exit(1)
	}
}
