#!/usr/bin/env bash
# The whole golden-vector regeneration (`npm run vectors`):
#   1. go mod download (harness module)
#   2. build the harness programs (cmd/payloads, cmd/vectorize)
#   3. build the plugin binaries and run the capture host, when the host
#      helper's pieces exist (scripts/build-plugins.sh, cmd/host)
#   3b. build real Packer (scripts/build-packer.sh, cached) and record its
#      sessions through the relay (cmd/reference -> index-packer.jsonl)
#   4. cmd/payloads: crafted captures (3 fresh processes for byteExact)
#   5. cmd/vectorize: decode every capture with Go, write vectors/ + manifest
#
# Env: SKIP_HOST=1   skip step 3 (captures already in .work/captures from an
#                    earlier host run are still vectorized)
#      SKIP_PACKER=1 skip step 3b (an earlier index-packer.jsonl is still vectorized)
#      HOST_ARGS=... extra arguments for cmd/host (e.g. -repeats 20)
#      PAYLOAD_ARGS=... extra arguments for cmd/payloads (e.g. -repeats 20)
# Go's build and module caches are reused between runs.
set -euo pipefail

export GOTOOLCHAIN=local
export GOFLAGS="-mod=mod -buildvcs=false"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
conf="$(cd "$here/.." && pwd)"
root="$(cd "$conf/.." && pwd)"
work="$conf/.work"
captures="$work/captures"
t0=$SECONDS

log() { printf '[vectors %4ds] %s\n' "$((SECONDS - t0))" "$*"; }

cd "$conf"
log "go $(go env GOVERSION), module cache $(go env GOMODCACHE), build cache $(go env GOCACHE)"

log "step 1/5: go mod download"
go mod download

log "step 2/5: building cmd/payloads and cmd/vectorize"
mkdir -p "$work/bin" "$captures/bin"
go build -o "$work/bin/payloads" ./cmd/payloads
go build -o "$work/bin/vectorize" ./cmd/vectorize

if [ "${SKIP_HOST:-}" = "1" ]; then
  log "step 3/5: SKIPPED (SKIP_HOST=1)"
elif [ ! -f "$here/build-plugins.sh" ] || [ ! -d "$conf/cmd/host" ] || ! ls "$conf"/cmd/host/*.go >/dev/null 2>&1; then
  log "step 3/5: SKIPPED: scripts/build-plugins.sh and/or cmd/host are not there yet (plugin captures come from them)"
else
  log "step 3/5: building plugins (scripts/build-plugins.sh)"
  bash "$here/build-plugins.sh"
  log "step 3/5: running the capture host (cmd/host)"
  go build -o "$work/bin/host" ./cmd/host
  # shellcheck disable=SC2086
  "$work/bin/host" ${HOST_ARGS:-}
fi
if [ -f "$captures/index-host.jsonl" ]; then
  log "host captures: $(wc -l < "$captures/index-host.jsonl") in index-host.jsonl"
else
  log "host captures: none (no index-host.jsonl)"
fi

if [ "${SKIP_PACKER:-}" = "1" ]; then
  log "step 3b/5: SKIPPED (SKIP_PACKER=1)"
else
  log "step 3b/5: real Packer (scripts/build-packer.sh) and its recorded sessions (cmd/reference)"
  bash "$here/build-packer.sh"
  [ -f "$work/bin/plugins.json" ] || bash "$here/build-plugins.sh"
  go build -o "$work/bin/relay" ./cmd/relay
  go build -o "$work/bin/reference" ./cmd/reference
  "$work/bin/reference" -captures "$captures"
fi
if [ -f "$captures/index-packer.jsonl" ]; then
  log "real Packer captures: $(wc -l < "$captures/index-packer.jsonl") in index-packer.jsonl"
fi

log "step 4/5: crafted payloads (cmd/payloads)"
# Remove only our own stale captures; the host's live next to them.
rm -f "$captures/index-payloads.jsonl"
find "$captures/bin" -maxdepth 1 -name 'harness-*' -delete
"$work/bin/payloads" -out "$captures" ${PAYLOAD_ARGS:-}

log "step 5/5: vectorize"
"$work/bin/vectorize" -captures "$captures" -out "$root/vectors"

log "done: $(ls "$root/vectors" | tr '\n' ' ')"
