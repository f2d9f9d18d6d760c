#!/usr/bin/env bash
# The seed's article page served by the site (Release, every production feature on: request
# logging, security headers, ETag, the rendered-response cache) against nginx (1 worker) serving the
# same bytes from a file, on 127.0.0.1. wrk runs A B A B (site, nginx) for ROUNDS rounds of 10 s,
# -t2 -c64, identity and "Accept-Encoding: gzip" (nginx: gzip_static on the same precompressed
# bytes). Prints req/s, p50/p99 and the ratio site/nginx per round, the median ratio, and the
# site's resident memory after the run. The site is warmed up first (WARMUP=10s of each mode).
#
#   tests/bench/load.sh                      # ROUNDS=3 SITE_PORT=5401 NGINX_PORT=5402
#   CONTENT=/tmp/kumparan-10k tests/bench/load.sh   # with a generated content folder (e.g. 10,000 articles)
#
# Needs: apt-get install -y wrk nginx-light
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
SITE_PORT=${SITE_PORT:-5401}
NGINX_PORT=${NGINX_PORT:-5402}
CONTENT=${CONTENT:-$PWD/content}
SEED=/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kumparan-load.XXXXXX")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

site_pid=""
nginx_started=""
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null
  [ -n "$nginx_started" ] && nginx -c "$WORK/nginx.conf" -p "$WORK" -s stop 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "$CONTENT" ] && [ "$CONTENT" != "$PWD/content" ] && [ -d "$PWD/content/articles/kumparannews" ]; then
  # A generated folder gets the seed article too, so that the same page is measured.
  mkdir -p "$CONTENT/articles/kumparannews"
  cp content/articles/kumparannews/pasukan-korut-*.md "$CONTENT/articles/kumparannews/"
fi

# As in production (README, "Running it in production"): Release, ReadyToRun (precompiled, less JIT at start-up).
dotnet publish src/Kumparan.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/site" -v q -nologo -clp:NoSummary >/dev/null
mkdir -p "$WORK/data" "$WORK/www"
(
  cd "$WORK/site"
  ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$CONTENT" Kumparan__DataPath="$WORK/data" \
    exec dotnet Kumparan.Web.dll --urls "http://127.0.0.1:$SITE_PORT" >"$WORK/site.log" 2>&1
) &
site_pid=$!
for _ in $(seq 1 3000); do curl -sf -o /dev/null "http://127.0.0.1:$SITE_PORT$SEED" && break; sleep 0.1; done

# The same bytes for nginx: identity, and the site's own gzip variant for gzip_static.
curl -sf "http://127.0.0.1:$SITE_PORT$SEED" -o "$WORK/www/article.html"
curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$SITE_PORT$SEED" -o "$WORK/www/article.html.gz"
curl -sf -H 'Accept-Encoding: br' "http://127.0.0.1:$SITE_PORT$SEED" -o "$WORK/article.html.br"
printf 'seed article page: %s bytes identity, %s gzip, %s brotli\n' \
  "$(stat -c %s "$WORK/www/article.html")" "$(stat -c %s "$WORK/www/article.html.gz")" "$(stat -c %s "$WORK/article.html.br")"

cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    gzip_static on;
    location / { try_files /article.html =404; }
  }
}
NGINX
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf" -p "$WORK"
nginx_started=1

# wrk: "Requests/sec" and the latency distribution (--latency prints 50% and 99%).
run() { # url header -> "rps p50 p99"
  local out
  if [ -n "$2" ]; then out=$(wrk -t2 -c64 -d"$DURATION" --latency -H "$2" "$1"); else out=$(wrk -t2 -c64 -d"$DURATION" --latency "$1"); fi
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}')"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Warm-up, not measured: the site's code is compiled while it runs (tiered JIT), so its first
# seconds are slower than its steady state; nginx has nothing to warm up.
wrk -t2 -c64 -d"${WARMUP:-10s}" "http://127.0.0.1:$SITE_PORT$SEED" >/dev/null
wrk -t2 -c64 -d"${WARMUP:-10s}" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$SITE_PORT$SEED" >/dev/null

for mode in identity gzip; do
  header=""
  [ "$mode" = gzip ] && header="Accept-Encoding: gzip"
  ratios=""
  echo "== $mode"
  for round in $(seq 1 "$ROUNDS"); do
    read -r s_rps s_p50 s_p99 <<<"$(run "http://127.0.0.1:$SITE_PORT$SEED" "$header")"
    read -r n_rps n_p50 n_p99 <<<"$(run "http://127.0.0.1:$NGINX_PORT/" "$header")"
    ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a/b}')
    ratios="$ratios $ratio"
    printf 'round %d: site %8.0f req/s (p50 %s, p99 %s) | nginx %8.0f req/s (p50 %s, p99 %s) | ratio %s\n' \
      "$round" "$s_rps" "$s_p50" "$s_p99" "$n_rps" "$n_p50" "$n_p99" "$ratio"
  done
  echo "median ratio site/nginx ($mode): $(echo $ratios | tr ' ' '\n' | median)"
done

echo "site resident memory after the run: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$site_pid/status")"
echo "machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
