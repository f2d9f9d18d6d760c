#!/usr/bin/env bash
# Page latency with N generated articles (default 10,000): home, channel, topic, author and search
# pages of the Release build on 127.0.0.1, rendered on every request (the rendered-response cache is
# off, so this measures the pages, not the cache). Baseline in the same run: a static file.
#
#   tests/bench/pages.sh                 # N=10000 REQUESTS=100 PORT=5391
#   N=2000 REQUESTS=50 tests/bench/pages.sh
#
# The first run generates the articles and indexes them into SQLite (minutes on a busy machine);
# later runs reuse both from $BENCH_DIR. The measured part is bounded to 30 seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-10000}
REQUESTS=${REQUESTS:-100}
PORT=${PORT:-5391}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/kumparan-bench-pages}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release src/Kumparan.Web -v q -nologo -clp:NoSummary >/dev/null
DLL="$PWD/src/Kumparan.Web/bin/Release/net10.0/Kumparan.Web.dll"

if [ ! -f "$WORK/generated-$N" ]; then
  rm -rf "$WORK"
  mkdir -p "$WORK/data"
  dotnet "$DLL" generate "$N" "$WORK/content"
  touch "$WORK/generated-$N"
fi

if curl -s -o /dev/null "$BASE/"; then
  echo "something already answers on $BASE; stop it or set PORT" >&2
  exit 1
fi

# The content root is the project folder: its wwwroot holds the static files, among them the baseline /css/site.css.
(
  cd src/Kumparan.Web
  ASPNETCORE_ENVIRONMENT=Production \
  Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$WORK/data" Kumparan__Cache__Enabled=false \
  Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$DLL" --urls "$BASE" >"$WORK/server.log" 2>&1
) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

started=$(date +%s)
until curl -fs -o /dev/null "$BASE/css/site.css"; do
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "the site did not start; see $WORK/server.log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -gt 900 ]; then
    echo "the site was not ready after 15 minutes" >&2
    exit 1
  fi
  sleep 1
done
echo "site ready after $(( $(date +%s) - started )) s with $N generated articles; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

deadline=$(( $(date +%s) + 30 ))
baseline=""

# measure LABEL PATH: REQUESTS requests on one keep-alive connection (after 5 to warm up); prints median and p90.
measure() {
  local label=$1 path=$2 args=() i left
  for ((i = 0; i < REQUESTS; i++)); do args+=(-o /dev/null "$BASE$path"); done
  curl -fs -o /dev/null "$BASE$path" -o /dev/null "$BASE$path" -o /dev/null "$BASE$path" -o /dev/null "$BASE$path" -o /dev/null "$BASE$path" \
    || { echo "$label: $path did not answer 200" >&2; exit 1; }
  left=$(( deadline - $(date +%s) ))
  if [ "$left" -le 0 ]; then
    printf '%-22s %-32s skipped: the 30 s budget is spent\n' "$label" "$path"
    return
  fi
  timeout "$left" curl -s --max-time 5 -w '%{time_total}\n' "${args[@]}" | sort -n | awk -v label="$label" -v path="$path" -v base="$baseline" '
    { t[NR] = $1 * 1000 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      p90 = t[int(NR * 0.9 + 0.5)]
      ratio = (base > 0) ? sprintf("%7.1fx", median / base) : "       -"
      printf "%-22s %-32s n=%-4d median %7.2f ms  p90 %7.2f ms  %s baseline\n", label, path, NR, median, p90, ratio
    }'
}

printf '%-22s %-32s %-6s %-17s %-16s %s\n' "page" "path" "" "" "" "ratio to"
baseline_line=$(measure "baseline (static css)" "/css/site.css")
echo "$baseline_line"
baseline=$(echo "$baseline_line" | awk '{ for (i = 1; i <= NF; i++) if ($i == "median") print $(i + 1) }')
measure "home" "/"
measure "channel" "/kumparannews"
measure "channel, page 25" "/kumparannews?page=25"
measure "topic" "/topic/ekonomi"
measure "author" "/penulis/putri-ayu"
# Match counts are those of the default 10,000 articles (seed 42); up to 2,000 matches all are ranked by bm25.
measure "search, 1.4k matches" "/search?q=kupang+intan"
measure "search, 3k matches" "/search?q=balikpapan"
measure "search, 7k matches" "/search?q=kendaraan+listrik"
measure "search, 8.8k matches" "/search?q=harga"
