# Sourced by the build scripts: write_json_array FILE ENTRY... writes the entries (each already
# one JSON value) as a JSON array, one entry per line, to FILE.
write_json_array() {
  local file="$1"
  shift
  {
    printf '[\n'
    local n=$#
    local i=0
    for e in "$@"; do
      i=$((i + 1))
      if [ "$i" -lt "$n" ]; then printf '  %s,\n' "$e"; else printf '  %s\n' "$e"; fi
    done
    printf ']\n'
  } > "$file"
}
