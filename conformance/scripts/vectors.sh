#!/usr/bin/env bash
# The whole golden-vector regeneration (`npm run vectors`):
#   1. go mod download (harness module)
#   2. build the harness programs (cmd/payloads, cmd/vectorize)
#   3. build the plugin binaries and run the capture host, when the host
#      helper's pieces exist (scripts/build-plugins.sh, cmd/host)
#   4. cmd/payloads: crafted captures (3 fresh processes for byteExact)
#   5. cmd/vectorize: decode every capture with Go, write vectors/ + manifest
#
# Env: SKIP_HOST=1   skip step 3 (captures already in .work/captures from an
#                    earlier host run are still vectorized)
#      HOST_ARGS=... extra arguments for cmd/host
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

log "step 4/5: crafted payloads (cmd/payloads)"
# Remove only our own stale captures; the host's live next to them.
rm -f "$captures/index-payloads.jsonl"
find "$captures/bin" -maxdepth 1 -name 'harness-*' -delete
"$work/bin/payloads" -out "$captures"

log "step 5/5: vectorize"
"$work/bin/vectorize" -captures "$captures" -out "$root/vectors"

log "done: $(ls "$root/vectors" | tr '\n' ' ')"
