#!/usr/bin/env bash
# Builds real Packer binaries from the Go module proxy, and writes
# conformance/.work/bin/packer.json.
#
# `go install github.com/hashicorp/packer@VERSION` refuses Packer (its go.mod has
# replace directives), so: `go mod download -json` fetches the module source into
# Go's module cache, the module directory is copied to a writable place under
# conformance/.work/packer-src/VERSION, and built there as the main module.
# Only versions the proxy serves in full are usable: v1.12.0 (the first release
# with protobuf), v1.14.3, v1.15.0, v1.15.1, v1.16.0.
#
# A binary is rebuilt only when missing or when its inputs changed (the version,
# this script, the Go version); the stamp file beside it records them.
# No Packer source is committed: conformance/.work is ignored by git.
#
# Usage: bash conformance/scripts/build-packer.sh
# Env:   PACKER_VERSIONS="v1.12.0 v1.16.0"
set -euo pipefail

export GOTOOLCHAIN=local
export GOFLAGS="-mod=mod -buildvcs=false"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
conf="$(cd "$here/.." && pwd)"
work="$conf/.work"
bin="$work/bin/packer"
mkdir -p "$bin"

PACKER_VERSIONS="${PACKER_VERSIONS:-v1.12.0 v1.16.0}"
MODULE=github.com/hashicorp/packer

log() { printf '[build-packer] %s\n' "$*" >&2; }
# shellcheck source=json-array.sh
. "$(dirname "${BASH_SOURCE[0]}")/json-array.sh"

goversion="$(go env GOVERSION)"
script_sum="$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"
failures=()
entries=()
total_start=$SECONDS

for v in $PACKER_VERSIONS; do
  out="$bin/$v/packer"
  stamp="$bin/$v/stamp"
  want="$MODULE@$v go=$goversion script=$script_sum"
  if [ -x "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "packer $v: up to date ($out)"
  else
    start=$SECONDS
    log "packer $v: downloading the module ..."
    dir="$(go mod download -json "$MODULE@$v" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
      log "packer $v: the module proxy did not serve the module in full"
      failures+=("$v"); continue
    fi
    src="$work/packer-src/$v"
    rm -rf "$src"; mkdir -p "$src"
    cp -R "$dir/." "$src/"
    chmod -R u+w "$src"
    log "packer $v: building (this takes minutes on a loaded machine) ..."
    mkdir -p "$bin/$v"
    if ! (cd "$src" && go build -o "$out.tmp" .); then
      log "packer $v: build FAILED"
      rm -f "$out.tmp"; failures+=("$v"); continue
    fi
    mv "$out.tmp" "$out"
    printf '%s\n' "$want" > "$stamp"
    log "packer $v: built in $((SECONDS - start))s"
  fi
  reported="$("$out" version | head -n1)"
  entries+=("$(printf '{"version":"%s","path":"%s","reports":"%s","goVersion":"%s"}' "$v" "$out" "$reported" "$goversion")")
done

write_json_array "$work/bin/packer.json" "${entries[@]}"

log "wrote $work/bin/packer.json (${#entries[@]} binaries) in $((SECONDS - total_start))s"
if [ "${#failures[@]}" -gt 0 ]; then
  log "FAILED: ${failures[*]}"
  exit 1
fi
