// Package lineserve is the loop shared by the harness's long-lived helpers (cmd/roundtrip,
// cmd/hcldecode): one JSON request per line on stdin, one JSON answer per line on stdout, in
// request order, flushed when no further request is already waiting (a batch costs one write).
package lineserve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Serve answers every non-blank line of stdin with handle's value, written as JSON. When an
// answer cannot be written as JSON, onEncodeError gives the one to write instead (nil: the
// helper exits with status 1). It returns at the end of stdin; any read or write failure ends
// the process, naming the helper.
func Serve(name string, handle func(line []byte) any, onEncodeError func(answer any, err error) any) {
	debug.SetMaxStack(256 << 20)
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			answer := handle(line)
			if eerr := enc.Encode(answer); eerr != nil {
				if onEncodeError == nil {
					fmt.Fprintln(os.Stderr, name+":", eerr)
					os.Exit(1)
				}
				_ = enc.Encode(onEncodeError(answer, eerr))
			}
		}
		if in.Buffered() == 0 || err != nil {
			if ferr := out.Flush(); ferr != nil {
				os.Exit(1)
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, name+":", err)
			os.Exit(1)
		}
	}
}
