#!/usr/bin/env bash
# Two site processes on one PostgreSQL behind nginx, with a wrk reader mix through nginx the whole time.
# Prints, per phase, the readers' requests, 5xx, p50 and p99, and what the phase must show:
#   0. readers only, the nodes' first requests;
#   1. an editor saves 50 files: each visible on both nodes (p50/p95/max of save → visible on both);
#   2. the leader is killed (SIGKILL): the other node takes the folder over (a save made after the kill
#      appears; how long until it does), and no 5xx reaches the readers;
#   3. the killed node starts again: ready (GET /readyz answers 200) after how many ms;
#   4. PostgreSQL restarts (pg_ctl restart -m fast): both nodes keep serving, reconnect and publish the
#      save made while it was down.
# Then the per-node throughput of uncached article pages and search, PostgreSQL against SQLite on the
# same files (Kumparan__Cache__Enabled=false, wrk -t2 -c16, one node at a time), as a ratio.
#
# Usage: tests/cluster/two-nodes.sh   (env: ARTICLES=2000 generated articles, PHASE_SECONDS=20, THROUGHPUT_SECONDS=15)
# Needs: apt-get install -y postgresql wrk nginx-light curl. Runs PostgreSQL as the postgres user when root.
# Everything listens on 127.0.0.1 only; everything it started is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLES=${ARTICLES:-2000}
PHASE_SECONDS=${PHASE_SECONDS:-20}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-15}
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y wrk nginx-light curl python3" >&2; exit 1; }
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "needs PostgreSQL: apt-get install -y postgresql" >&2; exit 1; }

WORK=$(mktemp -d /tmp/kumparan-cluster.XXXXXX)
chmod 755 "$WORK"
pids=()
pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== PostgreSQL, the Release site, $ARTICLES generated articles"
PGPORT=$(free_port)
mkdir -p "$WORK/pg" && [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
pg "$PGBIN/initdb" -D "$WORK/pg" -U kumparan --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log"
pg_start() { pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" "$@" >/dev/null; }
pg_start start
psql -h 127.0.0.1 -p "$PGPORT" -U kumparan -d postgres -qc "CREATE DATABASE kumparan" -c "CREATE DATABASE throughput"
CS="Host=127.0.0.1;Port=$PGPORT;Username=kumparan;Database=kumparan"

# Published as the README's production section does (ReadyToRun: a restarted node compiles less before it serves).
dotnet publish src/Kumparan.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/site" \
  -v q -nologo -clp:NoSummary >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
DLL="$WORK/site/Kumparan.Web.dll"
cp -r content "$WORK/content"  # the shared volume every node mounts
(cd "$WORK/site" && dotnet "$DLL" generate "$ARTICLES" "$WORK/content" --until now >"$WORK/generate.log" 2>&1)

declare -A port pidof
start_node() { # name, then extra environment
  local name=$1; shift
  [ -n "${port[$name]:-}" ] || port[$name]=$(free_port)
  mkdir -p "$WORK/$name"
  (cd "$WORK/site" && exec env Kumparan__Database__Provider=postgres Kumparan__Database__ConnectionString="$CS" \
    Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$WORK/$name" ASPNETCORE_URLS="http://127.0.0.1:${port[$name]}" \
    Serilog__MinimumLevel__Override__Kumparan.Web.Hosting.RequestLog=Warning "$@" dotnet "$DLL" >>"$WORK/$name.log" 2>&1) &
  pidof[$name]=$!
  pids+=("$!")
}
wait_ready() { # name [started ms]; sets READY_MS: ms until /readyz answered 200
  local started=${2:-$(now_ms)}
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$1]}/readyz")" = 200 ]; do
    sleep 0.02
    [ $(( $(now_ms) - started )) -lt 120000 ] || { echo "$1 not ready after 120 s: $(curl -s "http://127.0.0.1:${port[$1]}/readyz")" >&2; tail -20 "$WORK/$1.log" >&2; exit 1; }
  done
  READY_MS=$(( $(now_ms) - started ))
}
role() { curl -s "http://127.0.0.1:${port[$1]}/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("role",""))' 2>/dev/null || echo down; }

start_node a; wait_ready a
# A large folder is served while it is indexed: the phases start once the first index is done.
until grep -q "Content ready" "$WORK/a.log"; do sleep 0.5; done
echo "node a ready after $READY_MS ms; $(grep -o 'Content ready.*' "$WORK/a.log" | head -1)"
start_node b; wait_ready b; echo "node b ready after $READY_MS ms"
echo "roles: a $(role a), b $(role b)"

NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream kumparan {
    server 127.0.0.1:${port[a]} max_fails=1 fail_timeout=3s;
    server 127.0.0.1:${port[b]} max_fails=1 fail_timeout=3s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://kumparan;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_connect_timeout 1s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf"

# The readers: the home page, channel pages, random article pages from the sitemaps, searches.
sitemap_paths() { curl -s "http://127.0.0.1:$NGINX_PORT$1" | grep -o '<loc>[^<]*' | sed 's/<loc>//; s#^https\?://[^/]*##' || true; }
for month in $(sitemap_paths /sitemap.xml | grep -v '^/sitemap-news' | head -3); do sitemap_paths "$month"; done \
  | grep '^/kumparan[a-z]*/.*-[A-Za-z0-9]*$' | shuf -n 400 >"$WORK/urls.txt" || true
[ -s "$WORK/urls.txt" ] || { echo "no article URLs found in the sitemaps" >&2; exit 1; }
{ echo /; for c in kumparannews kumparanbisnis kumparantech kumparanbola; do echo "/$c"; done
  for q in indonesia harga timnas banjir jakarta; do echo "/search?q=$q"; done; } >>"$WORK/urls.txt"
cat >"$WORK/mix.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
fivexx = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status) if status >= 500 then fivexx = fivexx + 1 end end
function done(summary, latency)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("fivexx") end
  io.write(string.format("RESULT requests=%d 5xx=%d p50=%.1fms p99=%.1fms errors=%d\n", summary.requests, total,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
readers_start() { URLS="$WORK/urls.txt" wrk -t2 -c16 -d"${PHASE_SECONDS}s" -s "$WORK/mix.lua" "http://127.0.0.1:$NGINX_PORT" >"$WORK/wrk-$1.txt" 2>&1 & wrk_pid=$!; }
readers_report() { wait "$wrk_pid" || true; echo "  readers through nginx: $(grep RESULT "$WORK/wrk-$1.txt" | sed 's/RESULT //')"; }

article() { printf -- '---\ntitle: %s\nchannel: kumparannews\ndate: 2026-12-01T10:00:00+07:00\nid: %s\n---\n\nParagraf pertama %s.\n' "$1" "$2" "$1"; }
visible_on() { # node url title
  curl -s "http://127.0.0.1:${port[$1]}$2" | grep -q "<h1[^>]*>$3</h1>"
}
wait_visible() { # url title nodes...; prints ms
  local url=$1 title=$2 started; shift 2; started=$(now_ms)
  for node in "$@"; do
    until visible_on "$node" "$url" "$title"; do
      sleep 0.01
      [ $(( $(now_ms) - started )) -lt 60000 ] || { echo "never visible on $node: $url" >&2; echo 999999; return; }
    done
  done
  echo $(( $(now_ms) - started ))
}
stats() { sort -n | python3 -c 'import sys; v=[int(x) for x in sys.stdin]; v.sort(); p=lambda q: v[min(len(v)-1, int(round(q*(len(v)-1))))]; print(f"p50 {p(.5)} ms, p95 {p(.95)} ms, max {v[-1]} ms over {len(v)} saves")'; }

echo "== 0. readers only (the nodes' first requests)"
readers_start warm
readers_report warm

echo "== 1. an editor saves 50 files"
readers_start saves
: >"$WORK/saves.txt"
for i in $(seq 1 50); do
  started=$(now_ms)
  article "Simpanan Editor Nomor $i" "Save$i" >"$WORK/content/articles/kumparannews/simpanan-$i.md"
  waited=$(wait_visible "/kumparannews/simpanan-$i-Save$i" "Simpanan Editor Nomor $i" a b)
  echo $(( $(now_ms) - started )) >>"$WORK/saves.txt"
  sleep 0.2
done
echo "  save → visible on both nodes: $(stats <"$WORK/saves.txt")"
readers_report saves

echo "== 2. the leader is killed (SIGKILL)"
if [ "$(role a)" = leader ]; then leader=a; other=b; else leader=b; other=a; fi
readers_start kill
sleep 2
kill -9 "${pidof[$leader]}"
killed=$(now_ms)
article "Disimpan Setelah Pemimpin Mati" "AfterKill" >"$WORK/content/articles/kumparannews/setelah-mati.md"
waited=$(wait_visible "/kumparannews/setelah-mati-AfterKill" "Disimpan Setelah Pemimpin Mati" "$other")
echo "  killed $leader; $other: role $(role "$other"); the save made after the kill visible after $(( $(now_ms) - killed )) ms"
grep -h "This node leads\|Took over" "$WORK/$other.log" | tail -2 | sed 's/^/  /'
readers_report kill

echo "== 3. the killed node starts again"
readers_start restart
sleep 1
restarted=$(now_ms)
start_node "$leader"
wait_ready "$leader" "$restarted"
echo "  $leader ready (GET /readyz 200) $READY_MS ms after its process started (role $(role "$leader"))"
readers_report restart

echo "== 4. PostgreSQL restarts"
readers_start database
sleep 2
pg_start restart -m fast &
restart_pid=$!
sleep 0.3
article "Disimpan Saat Basis Data Dimulai Ulang" "DuringRestart" >"$WORK/content/articles/kumparannews/saat-restart.md"
wait "$restart_pid"
restarted=$(now_ms)
waited=$(wait_visible "/kumparannews/saat-restart-DuringRestart" "Disimpan Saat Basis Data Dimulai Ulang" a b)
echo "  the save made during the restart visible on both nodes $(( $(now_ms) - restarted )) ms after PostgreSQL was back"
for node in a b; do kill -0 "${pidof[$node]}" 2>/dev/null && echo "  $node: running, role $(role "$node")" || echo "  $node: NOT RUNNING"; done
readers_report database
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"
for node in a b; do kill "${pidof[$node]}"; done; wait "${pidof[a]}" "${pidof[b]}" 2>/dev/null || true

echo "== per-node throughput, uncached: PostgreSQL against SQLite on the same files"
grep '^/kumparan[a-z]*/.*-[A-Za-z0-9]*$' "$WORK/urls.txt" >"$WORK/articles.txt"
for q in indonesia harga timnas banjir jakarta ekonomi pemerintah sepak bola warga; do echo "/search?q=$q"; done >"$WORK/searches.txt"
cat >"$WORK/plain.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function done(summary, latency)
  io.write(string.format("RESULT %.0f %.1f %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status))
end
LUA
measure() { URLS=$2 wrk -t2 -c16 -d"${THROUGHPUT_SECONDS}s" -s "$WORK/plain.lua" "http://127.0.0.1:${port[$1]}" | grep RESULT | cut -d' ' -f2-; }
CS="Host=127.0.0.1;Port=$PGPORT;Username=kumparan;Database=throughput"
port[pg]=$(free_port); port[sqlite]=$(free_port)
start_node pg Kumparan__Cache__Enabled=false; wait_ready pg
until grep -q "Content ready" "$WORK/pg.log"; do sleep 0.5; done
pg_articles=$(measure pg "$WORK/articles.txt"); pg_search=$(measure pg "$WORK/searches.txt")
kill "${pidof[pg]}"; wait "${pidof[pg]}" 2>/dev/null || true
start_node sqlite Kumparan__Cache__Enabled=false Kumparan__Database__Provider=sqlite; wait_ready sqlite
until grep -q "Content ready" "$WORK/sqlite.log"; do sleep 0.5; done
sq_articles=$(measure sqlite "$WORK/articles.txt"); sq_search=$(measure sqlite "$WORK/searches.txt")
kill "${pidof[sqlite]}"; wait "${pidof[sqlite]}" 2>/dev/null || true
python3 - "$pg_articles" "$sq_articles" "$pg_search" "$sq_search" <<'PY'
import sys
pa, sa, ps, ss = (s.split() for s in sys.argv[1:])
print(f"  article pages: PostgreSQL {pa[0]} req/s (p99 {pa[1]} ms), SQLite {sa[0]} req/s (p99 {sa[1]} ms): ratio {float(pa[0])/float(sa[0]):.2f}")
print(f"  search:        PostgreSQL {ps[0]} req/s (p99 {ps[1]} ms), SQLite {ss[0]} req/s (p99 {ss[1]} ms): ratio {float(ps[0])/float(ss[0]):.2f}")
PY
