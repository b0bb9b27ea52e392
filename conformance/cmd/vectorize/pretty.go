package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// prettyJSON re-indents JSON text with 2 spaces, keeping key order, and
// writes arrays whose elements are all scalars on one line (keeps the
// manifest small: gobTypeIds, goTypes).
func prettyJSON(in []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	var v any
	var out bytes.Buffer
	if err := writeValue(dec, &out, 0); err != nil {
		return nil, err
	}
	if dec.More() || dec.Decode(&v) == nil {
		return nil, fmt.Errorf("trailing data")
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func scalarText(t json.Token) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func writeValue(dec *json.Decoder, out *bytes.Buffer, depth int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	ind := strings.Repeat("  ", depth+1)
	switch d := tok.(type) {
	case json.Delim:
		switch d {
		case '{':
			// Objects of scalars that fit on a line are written inline.
			var keys []string
			var vals []*bytes.Buffer
			inline := true
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, err := scalarText(kt)
				if err != nil {
					return err
				}
				var b bytes.Buffer
				if err := writeValue(dec, &b, depth+1); err != nil {
					return err
				}
				if c := b.Bytes(); len(c) > 0 && (c[0] == '{' || c[0] == '[') {
					inline = false
				}
				keys = append(keys, k)
				vals = append(vals, &b)
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
			width := 0
			for i := range keys {
				width += len(keys[i]) + vals[i].Len() + 4
			}
			if inline && width <= 160 {
				out.WriteByte('{')
				for i := range keys {
					if i > 0 {
						out.WriteString(", ")
					}
					out.WriteString(keys[i] + ": ")
					out.Write(vals[i].Bytes())
				}
				out.WriteByte('}')
				break
			}
			out.WriteByte('{')
			for i := range keys {
				if i > 0 {
					out.WriteByte(',')
				}
				out.WriteString("\n" + ind + keys[i] + ": ")
				out.Write(vals[i].Bytes())
			}
			if len(keys) > 0 {
				out.WriteString("\n" + strings.Repeat("  ", depth))
			}
			out.WriteByte('}')
		case '[':
			var elems []*bytes.Buffer
			allScalar := true
			for dec.More() {
				var b bytes.Buffer
				// peek: a nested value starts with a delimiter
				if err := writeValue(dec, &b, depth+1); err != nil {
					return err
				}
				if c := b.Bytes(); len(c) > 0 && (c[0] == '{' || c[0] == '[') {
					allScalar = false
				}
				elems = append(elems, &b)
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
			out.WriteByte('[')
			for i, e := range elems {
				if allScalar {
					if i > 0 {
						out.WriteString(", ")
					}
				} else {
					if i > 0 {
						out.WriteByte(',')
					}
					out.WriteString("\n" + ind)
				}
				out.Write(e.Bytes())
			}
			if !allScalar && len(elems) > 0 {
				out.WriteString("\n" + strings.Repeat("  ", depth))
			}
			out.WriteByte(']')
		}
	default:
		s, err := scalarText(tok)
		if err != nil {
			return err
		}
		out.WriteString(s)
	}
	return nil
}
