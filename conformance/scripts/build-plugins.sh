#!/usr/bin/env bash
# Builds the plugin binaries the capture host talks to, and writes
# conformance/.work/bin/plugins.json.
#
# - The tester plugin (conformance/plugins/tester) is built once per SDK version
#   in TESTER_SDKS, the way Packer's protocol-selection tests do it
#   (packer_test/common/plugin.go, BuildCustomisation): copy the plugin to a
#   temporary directory, `go mod edit -require` the SDK version, `go mod tidy`,
#   build, remove the copy.
# - Each published-plugin wrapper (conformance/plugins/published/<name>, module
#   version pinned in its go.mod) is built with its own SDK version, and again
#   with every SDK version listed for it in PUBLISHED_SDK_SWAPS.
# - SDK >= v0.5.0 needs the go-cty fork that keeps gob support (the SDK's own
#   go.mod replace, which does not reach dependants). A build swapped to such an
#   SDK from a wrapper that has no go-cty replace (the plugins released against
#   SDK v0.2.x use upstream go-cty v1.8, which still has gob) gets
#   `replace github.com/zclconf/go-cty => github.com/nywilken/go-cty v1.13.3`
#   (CTY_FORK) added in its copy.
#
# - The one-component plugin (conformance/plugins/single, used by cmd/reference
#   to collide with Packer's internal post-processors) is built once per SDK
#   version in SINGLE_SDKS, the same way.
#
# Usage: bash conformance/scripts/build-plugins.sh
# Env:   TESTER_SDKS="v0.4.0 v0.5.4 v0.6.0 v0.6.4"
#        SINGLE_SDKS="v0.5.4 v0.6.4"
#        PUBLISHED="docker googlecompute qemu ansible vagrant virtualbox puppet"
#        PUBLISHED_SDK_SWAPS="googlecompute=v0.6.4 docker=v0.6.6 qemu=v0.6.4 ..."
set -euo pipefail

export GOTOOLCHAIN=local
export GOFLAGS="-mod=mod -buildvcs=false"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
conf="$(cd "$here/.." && pwd)"
bin="$conf/.work/bin"
mkdir -p "$bin"

TESTER_SDKS="${TESTER_SDKS:-v0.4.0 v0.5.4 v0.6.0 v0.6.4}"
SINGLE_SDKS="${SINGLE_SDKS:-v0.5.4 v0.6.4}"
PUBLISHED="${PUBLISHED:-docker googlecompute qemu ansible vagrant virtualbox puppet}"
PUBLISHED_SDK_SWAPS="${PUBLISHED_SDK_SWAPS:-googlecompute=v0.6.4 docker=v0.6.6 qemu=v0.6.4 ansible=v0.6.4 vagrant=v0.6.4 virtualbox=v0.6.4 puppet=v0.6.4}"
SDK_MODULE=github.com/hashicorp/packer-plugin-sdk
CTY_MODULE=github.com/zclconf/go-cty
CTY_FORK=github.com/nywilken/go-cty@v1.13.3
MAGIC=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2

goversion="$(go env GOVERSION)"
entries=()
failures=()
tmpdirs=()
cleanup() { for d in "${tmpdirs[@]:-}"; do if [ -n "$d" ]; then rm -rf "$d"; fi; done; }
trap cleanup EXIT

log() { printf '[build-plugins] %s\n' "$*" >&2; }
# shellcheck source=json-array.sh
. "$(dirname "${BASH_SOURCE[0]}")/json-array.sh"

json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }

# version_ge A B: semver A >= B (both with the leading "v")
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

# inputs_of NAME SRC_DIR SDK_VERSION: what a build depends on (its source files, the SDK
# version asked for, the go-cty fork, the Go version). A build whose binary exists and whose
# recorded inputs are equal is not rebuilt (FORCE_REBUILD=1 rebuilds everything).
inputs_of() {
  local name="$1" src="$2" sdk="$3"
  {
    printf 'name=%s sdk=%s cty=%s go=%s\n' "$name" "$sdk" "$CTY_FORK" "$goversion"
    (cd "$src" && find . -type f ! -name '*_test.go' | LC_ALL=C sort | xargs sha256sum)
  } | sha256sum | cut -d' ' -f1
}

# build_one NAME PLUGIN SRC_DIR PLUGIN_MODULE SDK_VERSION(or "")
#   PLUGIN_MODULE: module whose version is the plugin version ("" = use describe's version)
build_one() {
  local name="$1" plugin="$2" src="$3" pmod="$4" sdk="$5"
  local start=$SECONDS
  local inputs
  inputs="$(inputs_of "$name" "$src" "$sdk")"
  if [ "${FORCE_REBUILD:-}" != "1" ] && [ -x "$bin/$name/packer-plugin-$plugin" ] && [ -f "$bin/$name/entry.json" ] \
    && [ "$(cat "$bin/$name/inputs" 2>/dev/null)" = "$inputs" ]; then
    entries+=("$(cat "$bin/$name/entry.json")")
    log "$name: up to date"
    return 0
  fi
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/packer-wire-build.XXXXXX")"
  tmpdirs+=("$work")
  cp -R "$src/." "$work/"
  rm -f "$work"/*_test.go
  (
    cd "$work"
    if [ -n "$sdk" ]; then
      go mod edit -require="$SDK_MODULE@$sdk"
      if version_ge "$sdk" v0.5.0 && ! grep -Eq "^[[:space:]]*(replace[[:space:]]+)?$CTY_MODULE([[:space:]]+v[^[:space:]]+)?[[:space:]]+=>" go.mod; then
        go mod edit -replace="$CTY_MODULE=$CTY_FORK"
      fi
    fi
    go mod tidy >/dev/null 2>"$work/.tidy.log" || { cat "$work/.tidy.log" >&2; exit 1; }
    if [ -n "$sdk" ]; then
      got="$(go list -m -f '{{.Version}}' "$SDK_MODULE")"
      if [ "$got" != "$sdk" ]; then
        echo "requested SDK $sdk but the module graph selected $got" >&2
        exit 1
      fi
    fi
    mkdir -p "$bin/$name"
    go build -o "$bin/$name/packer-plugin-$plugin" .
  ) || { rm -rf "$work"; return 1; }

  local sdkv pver cty
  sdkv="$(cd "$work" && go list -m -f '{{.Version}}' "$SDK_MODULE")"
  cty="$(cd "$work" && go list -m -f '{{.Version}}{{with .Replace}} => {{.Path}} {{.Version}}{{end}}' "$CTY_MODULE")"
  if [ -n "$pmod" ]; then
    pver="$(cd "$work" && go list -m -f '{{.Version}}' "$pmod")"
  fi
  rm -rf "$work"

  local exe="$bin/$name/packer-plugin-$plugin"
  local describe
  describe="$(PACKER_PLUGIN_MAGIC_COOKIE=$MAGIC "$exe" describe)"
  printf '%s\n' "$describe" > "$bin/$name/describe.json"
  local v2=false
  if printf '%s' "$describe" | grep -q '"protocol_version":"v2"'; then v2=true; fi
  if [ -z "$pmod" ]; then
    pver="$(printf '%s' "$describe" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
  fi
  local entry
  entry="$(printf '{"name":"%s","plugin":"%s","pluginVersion":"%s","sdkVersion":"%s","goVersion":"%s","path":"%s","protocolV2":%s}' \
    "$(json_escape "$name")" "$(json_escape "$plugin")" "$(json_escape "$pver")" "$(json_escape "$sdkv")" \
    "$(json_escape "$goversion")" "$(json_escape "$exe")" "$v2")"
  entries+=("$entry")
  printf '%s\n' "$entry" > "$bin/$name/entry.json"
  printf '%s\n' "$inputs" > "$bin/$name/inputs"
  log "built $name (plugin $plugin $pver, SDK $sdkv, go-cty $cty, protocol v2: $v2) in $((SECONDS - start))s"
}

total_start=$SECONDS

for sdk in $TESTER_SDKS; do
  name="tester-sdk${sdk#v}"
  log "building $name ..."
  build_one "$name" tester "$conf/plugins/tester" "" "$sdk" || failures+=("$name")
done

for sdk in $SINGLE_SDKS; do
  name="single-sdk${sdk#v}"
  log "building $name ..."
  build_one "$name" single "$conf/plugins/single" "" "$sdk" || failures+=("$name")
done

for p in $PUBLISHED; do
  src="$conf/plugins/published/$p"
  pmod="github.com/hashicorp/packer-plugin-$p"
  native="$(cd "$src" && go list -m -f '{{.Version}}' "$SDK_MODULE")"
  name="$p-sdk${native#v}"
  log "building $name (published, its own SDK) ..."
  build_one "$name" "$p" "$src" "$pmod" "" || failures+=("$name")
  for swap in $PUBLISHED_SDK_SWAPS; do
    [ "${swap%%=*}" = "$p" ] || continue
    sdk="${swap#*=}"
    name="$p-sdk${sdk#v}"
    log "building $name (published, SDK swapped to $sdk) ..."
    build_one "$name" "$p" "$src" "$pmod" "$sdk" || failures+=("$name")
  done
done

write_json_array "$bin/plugins.json" "${entries[@]}"

log "wrote $bin/plugins.json (${#entries[@]} plugins) in $((SECONDS - total_start))s"
if [ "${#failures[@]}" -gt 0 ]; then
  log "FAILED: ${failures[*]}"
  exit 1
fi
