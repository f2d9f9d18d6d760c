#!/usr/bin/env bash
# The site at the scale of a newsroom's whole archive: N generated articles (default 1,000,000), one
# every 5 minutes back from now (a million span 9.5 years), topics and authors skewed as an archive has
# them (`generate N FOLDER --until now --skew`: one topic in a third of the articles, a tail of
# thousands; hundreds of authors, a few very prolific). The Release site (published as in production)
# on 127.0.0.1; each figure on its own labelled line:
#   1. cold index: the site started on an empty data folder until it serves its first request, its
#      "Content ready" line, the progress lines it logs meanwhile; Hugo on the same files (hugo/ours)
#   2. database size: kumparan.db + WAL, bytes per article; the Markdown folder beside it
#   3. warm start: started again on the same data folder until the first served request; RSS then
#   4. random archive article pages, uncached (the site started with Kumparan__Cache__Enabled=false):
#      wrk -t2 -c32 over URLS (20,000) random article URLs taken from the monthly sitemaps
#   5. random unknown slugs (/kumparannews/tidak-ada-..., each different, 404): the same
#   6. list pages, uncached: home, channel pages 1 and 1,000 (404 below some 200,000 articles), the
#      biggest topic, the biggest author
#   7. search (never cached): a rare word, a word in every article, a four-word query
#   8. memory after load: LOAD_SECONDS of random archive URLs with the cache on (as in production)
#   9. an editor's save to visible: SAVES rename-over-saves of one archive article, each from the
#      write until its page shows the new headline
# and the machine's load average at the start and the end. A step that fails says why and the next
# one goes on where it can. A benchmark, not a test: CI never runs it.
#
#   tests/bench/archive.sh                  # N=1000000 PORT=5421 DURATION=30 LIST_SECONDS=10 LOAD_SECONDS=60 SAVES=20
#   N=10000 HUGO=0 tests/bench/archive.sh   # HUGO=0 skips Hugo; KEEP=1 keeps the temporary folder
#
# Bounded: each wrk run at most 60 s; the site START_LIMIT (3600) s to serve its first request, Hugo
# HUGO_LIMIT (3600) s; each save SAVE_LIMIT (30) s to show. MEM_LIMIT_MB (default three quarters of the
# machine's memory, 0 for none) caps the site's GC heap (DOTNET_GCHeapHardLimit) and Hugo's address
# space, so that a version that holds the whole archive in memory fails alone instead of the machine.
# Disk: about 16 KB per article in the temporary folder (Markdown, database), removed at the end.
#
# Needs: apt-get install -y wrk hugo
set -uo pipefail   # no -e: a failed step is reported and the next one runs
cd "$(dirname "$0")/../.."

N=${N:-1000000}
PORT=${PORT:-5421}
URLS=${URLS:-20000}
SAVES=${SAVES:-20}
HUGO=${HUGO:-1}
START_LIMIT=${START_LIMIT:-3600}
HUGO_LIMIT=${HUGO_LIMIT:-3600}
SAVE_LIMIT=${SAVE_LIMIT:-30}
MEM_LIMIT_MB=${MEM_LIMIT_MB:-$(awk '/MemTotal/ {printf "%d", $2 * 3 / 4 / 1024}' /proc/meminfo)}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# wrk durations in seconds ("30" or "30s"), at most 60.
seconds() { local s=${1%s}; [[ $s =~ ^[0-9]+$ ]] && [ "$s" -ge 1 ] || s=$2; [ "$s" -le 60 ] || s=60; echo "$s"; }
DURATION=$(seconds "${DURATION:-30}" 30)
LIST_SECONDS=$(seconds "${LIST_SECONDS:-10}" 10)
LOAD_SECONDS=$(seconds "${LOAD_SECONDS:-60}" 60)

for tool in wrk curl shuf; do
  command -v "$tool" >/dev/null || { echo "archive.sh needs $tool (apt-get install -y wrk hugo)" >&2; exit 2; }
done
if [ "$HUGO" != 0 ] && ! command -v hugo >/dev/null; then
  echo "archive.sh: hugo is not installed (apt-get install -y hugo), or set HUGO=0" >&2
  exit 2
fi
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "something already answers on $BASE; stop it or set PORT" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kumparan-archive.XXXXXX")
site_pid=""
child_pid=""
# Runs a command in the background and waits for it: a signal to this script then ends it at once,
# and cleanup stops the command.
run_child() {
  "$@" &
  child_pid=$!
  wait "$child_pid"
  local status=$?
  child_pid=""
  return "$status"
}
# stop_site: SIGTERM, up to 30 s, then SIGKILL (shared with the picture benchmarks).
. "$(dirname "$0")/release.sh"
cleanup() {
  [ -n "$child_pid" ] && kill "$child_pid" 2>/dev/null
  stop_site
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK (content/, data/, site logs, wrk outputs)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$site_pid/status" 2>/dev/null || echo "?"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$site_pid/status" 2>/dev/null || echo "?"; }

free_kb=$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')
if [ "$free_kb" -lt $(( N * 16 )) ]; then
  echo "archive.sh: $N articles need about $(( N * 16 / 1024 )) MB in $WORK, $(( free_kb / 1024 )) MB are free; set N or TMPDIR" >&2
  exit 2
fi

echo "archive benchmark: N=$N articles, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo) GB of memory, site memory limit ${MEM_LIMIT_MB} MB (0: none)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

# As in production (README, "Running it in production"): Release, ReadyToRun (precompiled, less JIT at start-up).
dotnet publish src/Kumparan.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/site" -v q -nologo -clp:NoSummary >/dev/null \
  || { echo "publish failed" >&2; exit 1; }

started=$(now_ms)
if ! run_child dotnet "$WORK/site/Kumparan.Web.dll" generate "$N" "$WORK/content" --until now --skew >"$WORK/generate.log" 2>&1; then
  echo "generate failed:" >&2
  cat "$WORK/generate.log" >&2
  exit 1
fi
echo "generate: $N articles in $(( $(now_ms) - started )) ms"
sed 's/^/  /' "$WORK/generate.log"
TOPIC=$(grep -o '(/topic/[a-z0-9-]*)' "$WORK/generate.log" | tr -d '()')
AUTHOR=$(grep -o '(/penulis/[a-z0-9-]*)' "$WORK/generate.log" | tr -d '()')

# Starts the site (extra environment as NAME=value arguments) and waits for its first served request,
# polling / every 10 ms; sets site_pid and site_ms (from the process start). Logs to $WORK/$1.log.
start_site() {
  local name=$1 started
  shift
  local limit=()
  [ "$MEM_LIMIT_MB" -gt 0 ] && limit=(DOTNET_GCHeapHardLimit="$(printf '0x%x' $(( MEM_LIMIT_MB * 1024 * 1024 )))")
  started=$(now_ms)
  (
    cd "$WORK/site" || exit 1
    exec env ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$WORK/data" \
      "${limit[@]}" "$@" dotnet Kumparan.Web.dll --urls "$BASE" >"$WORK/$name.log" 2>&1
  ) &
  site_pid=$!
  local deadline=$(( EPOCHSECONDS + START_LIMIT ))
  until curl -sf -o /dev/null --max-time 10 "$BASE/"; do
    if ! kill -0 "$site_pid" 2>/dev/null; then
      wait "$site_pid" 2>/dev/null
      echo "  the site ($name) exited with status $? before serving a request; the end of its log:"
      tail -n 5 "$WORK/$name.log" | sed 's/^/    /'
      site_pid=""
      return 1
    fi
    if [ "$EPOCHSECONDS" -ge "$deadline" ]; then
      echo "  the site ($name) served no request within START_LIMIT=$START_LIMIT s; the end of its log:"
      tail -n 5 "$WORK/$name.log" | sed 's/^/    /'
      stop_site
      return 1
    fi
    sleep 0.01
  done
  site_ms=$(( $(now_ms) - started ))
}

ready_line() { grep -o 'Content ready: .*' "$WORK/$1.log" | head -n 1; }

# wrk's "586.00us", "39.65ms", "1.20s" as milliseconds.
to_ms() {
  awk '{ unit = $1; sub(/^[0-9.]+/, "", unit); ms = $1 + 0
         if (unit == "us") ms /= 1000; else if (unit == "s") ms *= 1000; else if (unit == "m") ms *= 60000
         printf "%.2f ms", ms }'
}

# wrk LABEL ARGS...: one run (at most 60 s), its output kept in $WORK/wrk-N.txt; prints one line.
WRK_RUNS=0
run_wrk() {
  local label=$1 seconds=$2
  shift 2
  WRK_RUNS=$(( WRK_RUNS + 1 ))
  local out="$WORK/wrk-$WRK_RUNS.txt"
  run_child timeout $(( seconds + 30 )) wrk -d"${seconds}s" --latency --timeout 10s "$@" >"$out" 2>&1
  local rps p50 p99 total non2xx errors
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out" | to_ms)
  p99=$(awk '$1 == "99%" {print $2}' "$out" | to_ms)
  total=$(awk '/requests in/ {print $1}' "$out")
  non2xx=$(awk -F': ' '/Non-2xx or 3xx responses/ {print $2}' "$out")
  errors=$(awk -F'errors: ' '/Socket errors/ {print $2}' "$out")
  if [ -z "$rps" ]; then
    echo "$label: wrk gave no figures: $(tr '\n' ' ' <"$out" | cut -c1-300)"
    return 1
  fi
  echo "$label: ${rps} req/s, p50 ${p50:-?}, p99 ${p99:-?}; ${total:-0} requests, ${non2xx:-0} non-2xx/3xx${errors:+, socket errors: $errors}"
}

cat >"$WORK/archive.lua" <<'LUA'
-- "paths FILE": each request a random path of FILE (one a line); "unknown CHANNEL": each request a new
-- slug that no article has (/CHANNEL/tidak-ada-...).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local paths, count, mode, prefix, made = {}, 0, nil, nil, 0
function init(args)
  mode = args[1]
  math.randomseed(os.time() * 100 + tid)
  if mode == "paths" then
    for line in io.lines(args[2]) do
      count = count + 1
      paths[count] = line
    end
  else
    prefix = "/" .. args[2] .. "/tidak-ada-" .. tid .. "t"
  end
end

function request()
  if mode == "paths" then
    return wrk.format(nil, paths[math.random(count)])
  end
  made = made + 1
  return wrk.format(nil, prefix .. made .. "x" .. math.random(1, 999999999))
end
LUA

# 1. Cold index, then Hugo on the same files.
cold_ready_ms=""
if start_site cold; then
  echo "1. cold index: first request served after $site_ms ms (process start to the first 200 on /; the index goes on meanwhile)"
  # The site serves while it indexes: the cold index ends with its "Content ready" line.
  deadline=$(( EPOCHSECONDS + START_LIMIT ))
  served=0
  while [ -z "$(ready_line cold)" ] && [ "$EPOCHSECONDS" -lt "$deadline" ] && kill -0 "$site_pid" 2>/dev/null; do
    curl -sf -o /dev/null --max-time 10 "$BASE/" && served=$((served + 1))
    sleep 1
  done
  echo "1. cold index: home page answered $served times while indexing (once a second)"
  line=$(ready_line cold)
  echo "1. cold index: ${line:-no \"Content ready\" line logged}"
  cold_ready_ms=$(echo "$line" | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')
  progress=$(grep -E 'Indexing|progress' "$WORK/cold.log" | head -n 100)
  if [ -n "$progress" ]; then
    echo "1. cold index: progress lines logged:"
    echo "$progress" | sed 's/^/     /'
  else
    echo "1. cold index: progress lines logged: none"
  fi
  echo "1. cold index: resident memory after indexing $(rss_mb) MB (peak $(hwm_mb) MB)"
  stop_site
else
  echo "1. cold index: failed (above)"
fi

if [ "$HUGO" = 0 ]; then
  echo "1. hugo: skipped (HUGO=0)"
else
  # Hugo: the same files, a minimal layout (one template per kind), rendered into memory (as index.sh).
  mkdir -p "$WORK/hugo/layouts/_default" "$WORK/hugo/content"
  ln -s "$WORK/content/articles" "$WORK/hugo/content/articles"
  cat >"$WORK/hugo/hugo.toml" <<'TOML'
baseURL = "http://127.0.0.1/"
title = "kumparan"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
TOML
  echo '<!DOCTYPE html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}' >"$WORK/hugo/layouts/_default/single.html"
  echo '<!DOCTYPE html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$WORK/hugo/layouts/_default/list.html"
  cp "$WORK/hugo/layouts/_default/list.html" "$WORK/hugo/layouts/index.html"
  started=$(now_ms)
  # timeout outermost: stopping it stops its process group, Hugo with it.
  (
    [ "$MEM_LIMIT_MB" -gt 0 ] && ulimit -v $(( MEM_LIMIT_MB * 1024 ))
    measured=()
    [ -x /usr/bin/time ] && measured=(/usr/bin/time -f '%M' -o "$WORK/hugo.rss")   # peak memory, where GNU time is installed
    exec timeout "$HUGO_LIMIT" "${measured[@]}" hugo --source "$WORK/hugo" --renderToMemory --quiet
  ) >"$WORK/hugo.log" 2>&1 &
  child_pid=$!
  wait "$child_pid"
  status=$?
  child_pid=""
  hugo_ms=$(( $(now_ms) - started ))
  hugo_rss=$(tail -n 1 "$WORK/hugo.rss" 2>/dev/null | awk '/^[0-9]+$/ {printf "%.0f MB", $1 / 1024}')
  if [ "$status" = 0 ]; then
    if [ -n "$cold_ready_ms" ] && [ "$cold_ready_ms" -gt 0 ]; then
      ratio=$(awk -v h="$hugo_ms" -v o="$cold_ready_ms" 'BEGIN {printf "%.2f", h / o}')
    else
      ratio="? (no cold index time)"
    fi
    echo "1. hugo: $hugo_ms ms (peak memory ${hugo_rss:-?}); hugo/ours (cold index, Content ready): $ratio"
  else
    echo "1. hugo: failed after $hugo_ms ms with status $status (124: HUGO_LIMIT=$HUGO_LIMIT s reached; peak memory ${hugo_rss:-?}): $(grep -v '^Command' "$WORK/hugo.log" | tail -n 2 | tr '\n' ' ' | cut -c1-300)"
  fi
fi

# 2. Database size (the site stopped), the Markdown beside it.
if [ -f "$WORK/data/kumparan.db" ]; then
  db=$(stat -c %s "$WORK/data/kumparan.db")
  wal=$(stat -c %s "$WORK/data/kumparan.db-wal" 2>/dev/null || echo 0)
  markdown=$(du -sb "$WORK/content/articles" | cut -f1)
  markdown_disk=$(( $(du -sk "$WORK/content/articles" | cut -f1) * 1024 ))
  echo "2. database: kumparan.db $db bytes + WAL $wal bytes = $(( db + wal )) bytes, $(( (db + wal) / N )) bytes per article"
  echo "2. markdown: $markdown bytes in $N files, $(( markdown / N )) bytes per article ($markdown_disk bytes on disk); database/markdown $(awk -v d=$(( db + wal )) -v m="$markdown" 'BEGIN {printf "%.2f", d / m}')"
else
  echo "2. database: no $WORK/data/kumparan.db"
fi

# 3.-7. On the same data folder, with the rendered-response cache off: what rendering costs.
urls_ready=""
# A warm start serves at once and reconciles content/ in the background: the figures after it are
# taken once that is done ("Content ready"), as a site that has been up for a minute would give them.
wait_ready() {
  local deadline=$(( EPOCHSECONDS + START_LIMIT ))
  while [ -z "$(ready_line "$1")" ] && [ "$EPOCHSECONDS" -lt "$deadline" ] && kill -0 "$site_pid" 2>/dev/null; do sleep 0.5; done
}
if start_site uncached Kumparan__Cache__Enabled=false; then
  echo "3. warm start: first request served after $site_ms ms (process start to the first 200 on /), resident memory $(rss_mb) MB right after"
  wait_ready uncached
  line=$(ready_line uncached)
  echo "3. warm start: ${line:-no \"Content ready\" line logged}"

  # Article URLs from the monthly sitemaps, in random order, until 2 x URLS or 120 s.
  started=$(now_ms)
  curl -sf --max-time 60 "$BASE/sitemap.xml" -o "$WORK/sitemap.xml"
  grep -o '<loc>[^<]*sitemap-articles-[^<]*</loc>' "$WORK/sitemap.xml" 2>/dev/null | sed 's/<[^>]*>//g; s#^[a-z]*://[^/]*##' | shuf >"$WORK/children.txt"
  children=$(wc -l <"$WORK/children.txt")
  fetched=0
  : >"$WORK/all-urls.txt"
  while read -r child; do
    curl -sf --max-time 60 "$BASE$child" | grep -o '<loc>[^<]*</loc>' | sed 's/<[^>]*>//g; s#^[a-z]*://[^/]*##' >>"$WORK/all-urls.txt"
    fetched=$(( fetched + 1 ))
    [ "$(wc -l <"$WORK/all-urls.txt")" -ge $(( URLS * 2 )) ] && break
    [ $(( $(now_ms) - started )) -ge 120000 ] && break
  done <"$WORK/children.txt"
  shuf -n "$URLS" "$WORK/all-urls.txt" >"$WORK/urls.txt"
  count=$(wc -l <"$WORK/urls.txt")
  echo "4. article URLs: $(wc -l <"$WORK/all-urls.txt") from $fetched of $children monthly sitemaps in $(( $(now_ms) - started )) ms (cache off); $count random ones used"
  first=$(head -n 1 "$WORK/urls.txt")
  if [ "$count" -gt 0 ] && curl -sf -o /dev/null --max-time 30 "$BASE$first"; then
    urls_ready=1
    run_wrk "4. random archive article pages (cache off, wrk -t2 -c32, ${DURATION} s)" "$DURATION" -t2 -c32 -s "$WORK/archive.lua" "$BASE" -- paths "$WORK/urls.txt"
  else
    echo "4. random archive article pages: skipped: no article URL from the sitemaps answers 200 (first: '${first}')"
  fi

  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE/kumparannews/tidak-ada-coba1x1")
  echo "5. unknown slug: a first request answers $code (404 expected)"
  run_wrk "5. random unknown slugs (cache off, wrk -t2 -c32, ${DURATION} s)" "$DURATION" -t2 -c32 -s "$WORK/archive.lua" "$BASE" -- unknown kumparannews

  # measure STEP LABEL PATH: the first request (timed by curl), then wrk -t1 -c1 for LIST_SECONDS.
  measure() {
    local step=$1 label=$2 path=$3 first
    first=$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{size_download} %{time_total}' "$BASE$path" |
      awk '{printf "%s, %d bytes, first request %.1f ms", $1, $2, $3 * 1000}')
    run_wrk "$step. $label $path ($first; cache off, wrk -t1 -c1, ${LIST_SECONDS} s)" "$LIST_SECONDS" -t1 -c1 "$BASE$path"
  }
  measure 6 "home" "/"
  measure 6 "channel, page 1" "/kumparannews"
  measure 6 "channel, page 1,000" "/kumparannews?page=1000"
  if [ -n "$TOPIC" ]; then measure 6 "biggest topic" "$TOPIC"; else echo "6. biggest topic: not named by generate"; fi
  if [ -n "$AUTHOR" ]; then measure 6 "biggest author" "$AUTHOR"; else echo "6. biggest author: not named by generate"; fi

  # Rare: the last region of generate --skew's topics (a few in ten thousand articles); every article
  # has "kumparan" in its dateline; four words, each common.
  measure 7 "search, rare word" "/search?q=${SEARCH_RARE:-wakatobi}"
  measure 7 "search, word in every article" "/search?q=${SEARCH_COMMON:-kumparan}"
  measure 7 "search, four words" "/search?q=${SEARCH_WORDS:-harga+bahan+pokok+jakarta}"
  stop_site
else
  echo "3. warm start: failed (above); steps 4-7 skipped"
fi

# 8.-9. As in production: the cache on.
if start_site cached; then
  echo "8. warm start with the cache on: first request served after $site_ms ms, resident memory $(rss_mb) MB right after"
  wait_ready cached
  line=$(ready_line cached)
  echo "8. warm start with the cache on: ${line:-no \"Content ready\" line logged}"
  if [ -n "$urls_ready" ]; then
    run_wrk "8. random archive article pages (cache on, wrk -t2 -c32, ${LOAD_SECONDS} s)" "$LOAD_SECONDS" -t2 -c32 -s "$WORK/archive.lua" "$BASE" -- paths "$WORK/urls.txt"
    echo "8. memory after load: resident $(rss_mb) MB (peak $(hwm_mb) MB)"
  else
    echo "8. memory after load: skipped: no article URLs (step 4)"
  fi

  # 9. Rename-over-save of one archive article (as save-to-visible.sh): the write until the page shows the new <h1>.
  path=$(head -n 1 "$WORK/urls.txt" 2>/dev/null)
  channel=${path#/}
  channel=${channel%%/*}
  slug_id=${path##*/}
  file="$WORK/content/articles/$channel/${slug_id%-*}.md"
  if [ -z "$path" ] || [ ! -f "$file" ]; then
    echo "9. save to visible: skipped: no article file for '$path'"
  else
    : >"$WORK/saves.txt"
    missed=0
    for n in $(seq 1 "$SAVES"); do
      title="Uji simpan arsip nomor $n"
      start=$(now_ms)
      sed "1,10 s/^title: .*/title: \"$title\"/" "$file" >"$file.tmp" && mv "$file.tmp" "$file"
      deadline=$(( EPOCHSECONDS + SAVE_LIMIT ))
      until page=$(curl -s --max-time 10 "$BASE$path") && [[ $page == *"<h1>$title</h1>"* ]]; do
        if [ "$EPOCHSECONDS" -ge "$deadline" ]; then missed=$(( missed + 1 )); start=""; break; fi
        sleep 0.01
      done
      [ -n "$start" ] && echo $(( $(now_ms) - start )) >>"$WORK/saves.txt"
    done
    sort -n "$WORK/saves.txt" -o "$WORK/saves.txt"
    count=$(wc -l <"$WORK/saves.txt")
    if [ "$count" -gt 0 ]; then
      pick() { sed -n "$(( ($1 * count + 99) / 100 ))p" "$WORK/saves.txt"; }
      echo "9. save to visible ($count of $SAVES saves of $path, rename-over-save, cache on): p50 $(pick 50) ms, p95 $(pick 95) ms, max $(tail -n 1 "$WORK/saves.txt") ms$([ "$missed" -gt 0 ] && echo "; $missed not visible within $SAVE_LIMIT s")"
    else
      echo "9. save to visible: none of $SAVES saves of $path showed within $SAVE_LIMIT s"
    fi
  fi
  stop_site
else
  echo "8. memory after load: failed (above); step 9 skipped"
fi

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
