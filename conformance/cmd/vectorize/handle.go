package main

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/hcl/v2/hcldec"
	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
	"github.com/packer-wire/conformance/canon"
	"github.com/packer-wire/conformance/internal/gobcases"
	"github.com/packer-wire/conformance/internal/goview"
	"github.com/packer-wire/conformance/internal/transcript"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// handle decodes one capture. skip is non-empty for captures that only
// record that Go refused to produce the payload.
func handle(c capture, data []byte) (res result, skip string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Go panicked while decoding: %v", r)
		}
	}()
	switch c.Kind {
	case "configspec", "outputspec":
		call := "ConfigSpec"
		if c.Kind == "outputspec" {
			call = "OutputSpec"
		}
		if v := str(c.Context, "call"); v != "" {
			call = v
		}
		switch c.Mode {
		case "gob":
			if c.Error != "" {
				return res, "error: " + c.Error, nil
			}
			return gobSpec(c, data, call)
		case "protobuf":
			if c.Error != "" {
				if spec, ok := c.Context["spec"]; ok {
					return protoReject(c, spec, call)
				}
				return res, "protobuf spec refused by the plugin and no context.spec: " + c.Error, nil
			}
			return protoAccept(c, data, call)
		}
		return res, "", fmt.Errorf("unknown mode %q", c.Mode)
	case "execute":
		if c.Error != "" {
			return res, "error: " + c.Error, nil
		}
		switch c.Mode {
		case "gob":
			return gobValue(c, data)
		case "protobuf":
			return msgpackValue(c, data, cty.DynamicPseudoType)
		}
		return res, "", fmt.Errorf("unknown mode %q", c.Mode)
	case "gob-value":
		if c.Error != "" {
			return res, "error: " + c.Error, nil
		}
		return gobValue(c, data)
	case "gob-generic":
		return gobGeneric(c, data)
	case "msgpack-value", "json-value":
		if c.Error != "" {
			return res, "error: " + c.Error, nil
		}
		tyNode, ok := c.Context["type"]
		if !ok {
			return res, "", fmt.Errorf("no context.type")
		}
		tb, err := canon.Marshal(tyNode)
		if err != nil {
			return res, "", err
		}
		ty, err := ctyjson.UnmarshalType(tb)
		if err != nil {
			return res, "", fmt.Errorf("context.type: %v", err)
		}
		if c.Kind == "json-value" {
			return jsonValue(c, data, ty)
		}
		return msgpackValue(c, data, ty)
	case "rpc":
		return rpcMessage(c, data)
	case "proto-accept":
		return protoAccept(c, data, "ConfigSpec")
	case "proto-reject":
		spec, ok := c.Context["spec"]
		if !ok {
			return res, "", fmt.Errorf("proto-reject without context.spec")
		}
		if c.Error == "" {
			return res, "", fmt.Errorf("proto-reject without error")
		}
		return protoReject(c, spec, "ConfigSpec")
	case "transcript":
		return transcriptVector(c, data)
	}
	return res, "", fmt.Errorf("unknown capture kind %q", c.Kind)
}

func baseContext(c capture, drop ...string) map[string]any {
	ctx := map[string]any{}
	for k, v := range c.Context {
		ctx[k] = v
	}
	for _, d := range drop {
		delete(ctx, d)
	}
	return ctx
}

func typeIds(data []byte) ([]int, error) {
	ids, err := canon.GobTypeIds(data)
	if err != nil {
		return nil, fmt.Errorf("walking gob framing: %v", err)
	}
	return ids, nil
}

func gobSpec(c capture, data []byte, call string) (result, string, error) {
	spec, err := goview.GobSpec(data, false)
	if err != nil {
		return result{}, "", err
	}
	n, err := canon.Spec(spec)
	if err != nil {
		return result{}, "", err
	}
	ids, err := typeIds(data)
	if err != nil {
		return result{}, "", err
	}
	ctx := baseContext(c)
	ctx["component"] = c.Component
	ctx["call"] = call
	ctx["gobTypeIds"] = ids
	return result{family: "gob-spec", ext: ".bin", data: data, expect: n, context: ctx, mapOrder: !goview.Deterministic(reflect.ValueOf(spec))}, "", nil
}

func protoAccept(c capture, data []byte, call string) (result, string, error) {
	spec, err := goview.ProtoSpec(data)
	if err != nil {
		return result{}, "", err
	}
	n, err := canon.Spec(spec)
	if err != nil {
		return result{}, "", err
	}
	ctx := baseContext(c)
	ctx["kind"] = "accept"
	if c.Component != "" {
		ctx["component"] = c.Component
	}
	ctx["call"] = call
	// an ObjectSpec with two or more attributes is a protobuf map with as many entries
	return result{family: "proto-spec", ext: ".bin", data: data, expect: n, context: ctx, mapOrder: !goview.Deterministic(reflect.ValueOf(spec))}, "", nil
}

// protoReject: the vector file is the canonical spec Go was given. The spec
// is rebuilt from its canonical JSON and ToProto is run again here to check
// that Go still refuses it with exactly the recorded text.
func protoReject(c capture, spec canon.Node, call string) (result, string, error) {
	b, err := canon.Marshal(spec)
	if err != nil {
		return result{}, "", err
	}
	rebuilt, err := canon.SpecFromCanonical(spec)
	if err != nil {
		return result{}, "", fmt.Errorf("rebuilding spec from canonical JSON: %v", err)
	}
	if obj, ok := rebuilt.(hcldec.ObjectSpec); ok {
		_, perr := sdkrpc.ToProto(obj)
		if perr == nil {
			return result{}, "", fmt.Errorf("ToProto accepted the rebuilt spec")
		}
		if perr.Error() != c.Error {
			return result{}, "", fmt.Errorf("ToProto error changed:\n recorded %q\n now      %q", c.Error, perr.Error())
		}
	}
	ctx := baseContext(c, "spec", "error")
	ctx["kind"] = "reject"
	if c.Component != "" {
		ctx["component"] = c.Component
	}
	ctx["call"] = call
	return result{family: "proto-spec", ext: ".json", data: b,
		expect: map[string]any{"error": c.Error}, context: ctx}, "", nil
}

func gobValue(c capture, data []byte) (result, string, error) {
	v, err := goview.GobValue(data, false)
	if errors.Is(err, goview.ErrGoPanics) {
		// Packer itself cannot read this value: go-cty's GobDecode panics
		// (sets of numbers: gobDecodeFixNumberPtr sorts set elements that
		// still hold big.Float values). No Go view exists, so no vector.
		return result{}, err.Error(), nil
	}
	if err != nil {
		return result{}, "", err
	}
	n, err := canon.CtyValue(v, true)
	if err != nil {
		return result{}, "", err
	}
	ids, err := typeIds(data)
	if err != nil {
		return result{}, "", err
	}
	ctx := baseContext(c)
	ctx["gobTypeIds"] = ids
	if c.Component != "" {
		ctx["component"] = c.Component
	}
	return result{family: "gob-value", ext: ".bin", data: data, expect: n, context: ctx, mapOrder: !goview.Deterministic(reflect.ValueOf(v))}, "", nil
}

func msgpackValue(c capture, data []byte, ty cty.Type) (result, string, error) {
	return ctyValueVector(c, data, ty, "msgpack-value", goview.MsgpackValue)
}

func jsonValue(c capture, data []byte, ty cty.Type) (result, string, error) {
	return ctyValueVector(c, data, ty, "json-value", goview.JSONValue)
}

// ctyValueVector is a msgpack-value or json-value vector: go-cty decodes data with the type
// that was passed to Marshal, and the context records that type.
func ctyValueVector(c capture, data []byte, ty cty.Type, family string, decode func([]byte, cty.Type) (cty.Value, error)) (result, string, error) {
	v, err := decode(data, ty)
	if err != nil {
		return result{}, "", err
	}
	n, err := canon.CtyValue(v, false)
	if err != nil {
		return result{}, "", err
	}
	tn, err := canon.CtyType(ty)
	if err != nil {
		return result{}, "", err
	}
	ctx := baseContext(c)
	ctx["type"] = tn
	if c.Component != "" {
		ctx["component"] = c.Component
	}
	return result{family: family, ext: ".bin", data: data, expect: n, context: ctx}, "", nil
}

// gobGeneric decodes each value into the Go type cmd/payloads encoded,
// builds the canonical form from the decoded Go value (reflect, gob's
// omission rules) and checks it against an independent walk of the wire.
func gobGeneric(c capture, data []byte) (result, string, error) {
	name := str(c.Context, "case")
	gc, ok := gobcases.Find(name)
	if !ok {
		return result{}, "", fmt.Errorf("unknown gob-generic case %q", name)
	}
	originals := gc.Values()
	var types []reflect.Type
	var goTypes []any
	for _, orig := range originals {
		types = append(types, reflect.TypeOf(orig))
		goTypes = append(goTypes, fmt.Sprintf("%T", orig))
	}
	st, decoded, nodes, err := goview.GobGeneric(data, types)
	if err != nil {
		return result{}, "", err
	}
	values := make([]any, len(nodes))
	copy(values, nodes)
	ctx := baseContext(c, "case")
	ctx["goTypes"] = goTypes
	ctx["gobTypeIds"] = nonNil(st.TypeIds)
	mapOrder := false
	for _, d := range decoded {
		mapOrder = mapOrder || !goview.Deterministic(d)
	}
	return result{family: "gob-generic", ext: ".bin", data: data, expect: map[string]any{"values": values}, context: ctx, mapOrder: mapOrder}, "", nil
}

func nonNil(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// rpcMessage decodes header then body with the SDK's codec configuration,
// the body into the Go type the SDK's server (request) or client side
// (response) uses, from canon.RpcMethods.
func rpcMessage(c capture, data []byte) (result, string, error) {
	m, err := goview.Rpc(data, str(c.Context, "direction"), str(c.Context, "serviceMethod"))
	if err != nil {
		return result{}, "", err
	}
	n, err := goview.RpcCanonical(m)
	if err != nil {
		return result{}, "", err
	}
	ctx := baseContext(c)
	mapOrder := !goview.Deterministic(m.Body) || !goview.Deterministic(reflect.ValueOf(m.Request)) || !goview.Deterministic(reflect.ValueOf(m.Response))
	return result{family: "rpc", ext: ".bin", data: data, expect: n, context: ctx, mapOrder: mapOrder}, "", nil
}

// transcript: the file is the recorded session as is; the expect is Go's view
// of it, decoded here from the bytes (internal/transcript, the demultiplexer
// cmd/host and cmd/reference share), whatever the producer put in
// context.calls.
func transcriptVector(c capture, data []byte) (result, string, error) {
	records, err := transcript.Parse(data)
	if err != nil {
		return result{}, "", err
	}
	d := transcript.Decode(records)
	calls, err := transcript.CanonicalCalls(d.Calls)
	if err != nil {
		return result{}, "", fmt.Errorf("canonical calls: %w", err)
	}
	ctx := baseContext(c, "calls")
	if c.Component != "" {
		ctx["component"] = c.Component
	}
	// a recorder that did not list the streams and problems (cmd/reference) gets Go's
	if _, ok := ctx["streams"]; !ok {
		streams := d.Streams
		if streams == nil {
			streams = []transcript.StreamInfo{}
		}
		ctx["streams"] = streams
	}
	if _, ok := ctx["problems"]; !ok {
		problems := d.Problems
		if problems == nil {
			problems = []string{}
		}
		ctx["problems"] = problems
	}
	if _, ok := ctx["protocol"]; !ok {
		ctx["protocol"] = c.Mode
	}
	return result{family: "transcript", ext: ".bin", data: data, expect: map[string]any{"calls": calls}, context: ctx}, "", nil
}
