#!/usr/bin/env bash
# Load and fault scenarios on 127.0.0.1 (SPEC section 11, issue 7). Bounded: about 7 minutes in all.
#
#   tests/bench/faults.sh                     # N=2000 generated articles, RATE=100 req/s, STEADY=60 s
#   N=1000 RATE=50 STEADY=30 tests/bench/faults.sh
#
# Scenarios, each reported as one line (requests, errors = 5xx or connection failures, lost articles
# = 404 for an article that exists, latency p50/p99/max, WAL size, server memory):
#   steady     fixed-rate load: 80% articles, 10% home, 5% search, 5% 404
#   burst      the same load while 5,000 files are added and 500 edited by rename-over-save
#              (+ save-to-visible for the last 50 edits)
#   locked     the same load while the sqlite3 CLI holds an exclusive transaction for 10 s,
#              with an edit saved during the lock (must show after it, by itself)
#   kill9      kill -9 in the middle of the first full index, restart, everything indexed
#   diskfull   the data folder on a tmpfs (database size + 24 MiB) filled up: the site serves the last good state,
#              and catches up by itself once space is freed (skipped when tmpfs cannot be mounted)
# Needs: sqlite3 (apt-get install -y sqlite3), curl.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-2000}
RATE=${RATE:-100}
STEADY=${STEADY:-60}
PORT=${PORT:-5397}
WORK=${FAULTS_DIR:-${TMPDIR:-/tmp}/kumparan-faults}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release src/Kumparan.Web -v q -nologo -clp:NoSummary >/dev/null
DLL="$PWD/src/Kumparan.Web/bin/Release/net10.0/Kumparan.Web.dll"
LOAD=(dotnet run --file tests/bench/load.cs -c Release --)
"${LOAD[@]}" help >/dev/null 2>&1 || true   # compile the client once

rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/extra"
cp -r content "$WORK/content"
dotnet "$DLL" generate "$N" "$WORK/generated" >/dev/null
cp -r "$WORK/generated/articles/." "$WORK/content/articles/"
dotnet "$DLL" generate 5000 "$WORK/extra-src" --first "$N" >/dev/null   # numbered after the first N: no duplicate ids
# The burst's 5,000 files get their own folder names so they do not collide with the first N.
for dir in "$WORK/extra-src/articles"/*; do mv "$dir" "$WORK/extra/$(basename "$dir")"; done

SERVER=""
start() {
  (
    cd src/Kumparan.Web
    ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$1" \
      Serilog__MinimumLevel__Default=Warning exec dotnet "$DLL" --urls "$BASE" >>"$WORK/server.log" 2>&1
  ) &
  SERVER=$!
}
ready() {
  local started=$(date +%s)
  until curl -fs -o /dev/null "$BASE/css/site.css"; do
    kill -0 "$SERVER" 2>/dev/null || { echo "the site stopped; see $WORK/server.log" >&2; exit 1; }
    [ $(( $(date +%s) - started )) -lt 600 ] || { echo "not ready after 10 minutes" >&2; exit 1; }
    sleep 0.5
  done
  echo $(( $(date +%s) - started ))
}
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; SERVER=""; }
trap 'stop; mountpoint -q "$WORK/tmpfs" 2>/dev/null && umount "$WORK/tmpfs" || true' EXIT

facts() { # WAL size and resident memory of the server
  local wal=0; [ -f "$1/kumparan.db-wal" ] && wal=$(stat -c %s "$1/kumparan.db-wal")
  local pid; pid=$(pgrep -P "$SERVER" -f Kumparan.Web.dll || echo "$SERVER")
  echo "wal_bytes=$wal rss_mb=$(( $(grep VmRSS /proc/"$pid"/status | awk '{print $2}') / 1024 ))"
}
paths() { sqlite3 "$1/kumparan.db" "SELECT '/' || channel || '/' || slug || '-' || id FROM articles WHERE draft = 0 AND published_at <= CAST(strftime('%s','now') AS INTEGER) AND (expires_at IS NULL OR expires_at > CAST(strftime('%s','now') AS INTEGER))" > "$WORK/paths.txt"; }
articles() { sqlite3 "$1/kumparan.db" "SELECT count(*) FROM articles"; }

echo "== Kumparan faults: $N articles + 5,000 added, $RATE req/s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
start "$WORK/data"; echo "first index of $(find "$WORK/content/articles" -name '*.md' | wc -l) files: ready after $(ready) s"
paths "$WORK/data"
"${LOAD[@]}" load "$BASE" 5 "$RATE" "$WORK/paths.txt" >/dev/null   # warm-up

echo "steady    $("${LOAD[@]}" load "$BASE" "$STEADY" "$RATE" "$WORK/paths.txt") $(facts "$WORK/data")"

(
  sleep 5
  for dir in "$WORK/extra"/*; do mkdir -p "$WORK/content/articles/$(basename "$dir")-baru"; mv "$dir"/*.md "$WORK/content/articles/$(basename "$dir")-baru/"; done
) &
MOVER=$!
"${LOAD[@]}" edits "$BASE" "$WORK/content" 500 50 >"$WORK/edits.txt" &
EDITOR=$!
BURST=$("${LOAD[@]}" load "$BASE" "$STEADY" "$RATE" "$WORK/paths.txt")
wait "$MOVER" "$EDITOR"
sleep 3
echo "burst     $BURST $(facts "$WORK/data") articles=$(articles "$WORK/data") $(cat "$WORK/edits.txt")"

(sqlite3 "$WORK/data/kumparan.db" "BEGIN EXCLUSIVE; INSERT INTO gone_articles (id, path, gone_at) VALUES ('kunci', '/x', 0); SELECT 'lock held';" ".shell sleep 10" "ROLLBACK;" >/dev/null) &
LOCK=$!
sleep 1
EDIT=$("${LOAD[@]}" edits "$BASE" "$WORK/content" 1 1)
LOCKED=$("${LOAD[@]}" load "$BASE" 20 "$RATE" "$WORK/paths.txt")
wait "$LOCK"
echo "locked    $LOCKED $(facts "$WORK/data") edit_during_lock: $EDIT"

stop
start "$WORK/data2"; sleep "${KILL_AFTER:-3}"
before=$( [ -f "$WORK/data2/kumparan.db" ] && articles "$WORK/data2" 2>/dev/null || echo 0)
kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
start "$WORK/data2"; took=$(ready)
KILLED=$("${LOAD[@]}" load "$BASE" 20 "$RATE" "$WORK/paths.txt")
echo "kill9     $KILLED $(facts "$WORK/data2") articles_at_kill=$before articles_after_restart=$(articles "$WORK/data2") (first copy: $(articles "$WORK/data")) restart_ready_s=$took"
stop

mkdir -p "$WORK/tmpfs"
if mount -t tmpfs -o size=$(( $(du -sm "$WORK/data" | cut -f1) + 24 ))m tmpfs "$WORK/tmpfs" 2>/dev/null; then
  sqlite3 "$WORK/data/kumparan.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$WORK/data/kumparan.db" "$WORK/tmpfs/"
  start "$WORK/tmpfs"; ready >/dev/null
  dd if=/dev/zero of="$WORK/tmpfs/filler" bs=1M 2>/dev/null || true   # the disk is now full
  "${LOAD[@]}" edits "$BASE" "$WORK/content" 300 0 >/dev/null          # 300 saves the store cannot take
  FULL=$("${LOAD[@]}" load "$BASE" 20 "$RATE" "$WORK/paths.txt")
  rm -f "$WORK/tmpfs/filler"                                             # space again
  RECOVERED=$("${LOAD[@]}" edits "$BASE" "$WORK/content" 1 1)
  echo "diskfull  $FULL $(facts "$WORK/tmpfs") after_space_freed: $RECOVERED server_alive=$(kill -0 "$SERVER" 2>/dev/null && echo yes || echo no)"
  stop; umount "$WORK/tmpfs"
else
  echo "diskfull  skipped: cannot mount a tmpfs here (needs root)"
fi
echo "server log: $(grep -c ' ERR\]' "$WORK/server.log" || true) error lines, $(grep -c 'FTL\]' "$WORK/server.log" || true) fatal (in $WORK/server.log)"
