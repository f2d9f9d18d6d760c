#!/usr/bin/env bash
# Save-to-visible latency: starts the site on 127.0.0.1 over a scratch copy of content/, then
# EDITORS editors each save their own article EDITS_EACH times (200 saves by default); each save
# is timed from the write until the page on the running site shows the new headline.
# Prints p50 / p95 / max in milliseconds. Bounded: stops with an error after LIMIT seconds.
#   tests/bench/save-to-visible.sh            (uses the Release build of src/Kumparan.Web, building it if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."

EDITORS=${EDITORS:-4}
EDITS_EACH=${EDITS_EACH:-50}
LIMIT=${LIMIT:-30}
PORT=${PORT:-$(( 20000 + RANDOM % 30000 ))}
BASE="http://127.0.0.1:$PORT"

work=$(mktemp -d)
site_pid=""
cleanup() {
  if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dll=src/Kumparan.Web/bin/Release/net10.0/Kumparan.Web.dll
if [ ! -f "$dll" ] || [ -n "$(find src -name '*.cs' -newer "$dll" -print -quit)" ]; then
  dotnet build -c Release src/Kumparan.Web -v q -nologo >/dev/null
fi

cp -r content "$work/content"
mkdir -p "$work/data" "$work/content/articles/kumparannews"
article() { # file title id
  printf -- '---\ntitle: %s\nchannel: kumparannews\ndate: 2025-03-01T10:00:00+07:00\nid: %s\n---\n\nParagraf uji latensi.\n' "$2" "$3" > "$1"
}
for e in $(seq 1 "$EDITORS"); do
  article "$work/content/articles/kumparannews/latensi-$e.md" "Uji latensi $e awal" "Latensi$e"
done

Kumparan__ContentPath="$work/content" Kumparan__DataPath="$work/data" Serilog__MinimumLevel__Default=Warning \
  dotnet "$dll" --urls "$BASE" --contentRoot "$PWD/src/Kumparan.Web" > "$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 1 200); do
  curl -fs -o /dev/null "$BASE/kumparannews/latensi-1-Latensi1" && break
  sleep 0.1
done
curl -fs -o /dev/null "$BASE/kumparannews/latensi-1-Latensi1" || { echo "site did not start" >&2; cat "$work/site.log" >&2; exit 1; }

deadline=$(( $(date +%s) + LIMIT ))
editor() { # number
  local e=$1 url="$BASE/kumparannews/latensi-$1-Latensi$1" file="$work/content/articles/kumparannews/latensi-$1.md"
  for n in $(seq 1 "$EDITS_EACH"); do
    local title="Uji latensi $e simpanan $n"
    local start; start=$(date +%s%N)
    article "$file.tmp" "$title" "Latensi$e" && mv "$file.tmp" "$file"
    until curl -fs "$url" | grep -q "<h1>$title</h1>"; do
      if [ "$(date +%s)" -ge "$deadline" ]; then echo "editor $e: save $n not visible before the ${LIMIT} s limit" >&2; return 0; fi
      sleep 0.01
    done
    echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$work/latency-$e"
  done
}
pids=()
for e in $(seq 1 "$EDITORS"); do editor "$e" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; done

sort -n "$work"/latency-* > "$work/all" 2>/dev/null || true
count=$(wc -l < "$work/all")
[ "$count" -gt 0 ] || { echo "no save became visible" >&2; exit 1; }
pick() { sed -n "$(( ($1 * count + 99) / 100 ))p" "$work/all"; }
echo "save-to-visible over $count saves ($EDITORS editors x $EDITS_EACH, rename-over-save; load average $(cut -d' ' -f1 /proc/loadavg)): p50 $(pick 50) ms, p95 $(pick 95) ms, max $(tail -1 "$work/all") ms"
# Fewer saves than asked means the limit was hit: the figures cover only what finished.
[ "$count" -eq $(( EDITORS * EDITS_EACH )) ]
