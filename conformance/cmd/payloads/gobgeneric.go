package main

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/packer-wire/conformance/internal/gobcases"
)

func gobGeneric() []payload {
	var ps []payload
	for _, c := range gobcases.Cases() {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		var types []any
		for i, v := range c.Values() {
			if err := enc.Encode(v); err != nil {
				fatalf("gob-generic %s value %d: %v", c.Name, i, err)
			}
			types = append(types, fmt.Sprintf("%T", v))
		}
		ps = append(ps, payload{
			ID: "harness-" + c.Name, Kind: "gob-generic", Mode: "none",
			Bytes: buf.Bytes(), Context: map[string]any{"case": c.Name, "goTypes": types},
		})
	}
	return ps
}
