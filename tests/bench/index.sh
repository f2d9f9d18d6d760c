#!/usr/bin/env bash
# Indexing 10,000 generated articles, side by side with Hugo building the same files:
#  - cold: the Release site started on an empty database until it serves its first request
#    ("Content ready" = migrate + parse + render + store + search index + snapshot load);
#  - warm: started again with nothing changed, until the first served request;
#  - Hugo (Debian package) building the same Markdown files with a minimal layout, into memory;
#  - resident memory of the site after indexing.
#
#   tests/bench/index.sh                 # N=10000 PORT=5411 ROUNDS=2
#
# Needs: apt-get install -y hugo
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-10000}
PORT=${PORT:-5411}
ROUNDS=${ROUNDS:-2}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kumparan-index.XXXXXX")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
site_pid=""
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# As in production (README, "Running it in production"): Release, ReadyToRun (precompiled, less JIT at start-up).
dotnet publish src/Kumparan.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/site" -v q -nologo -clp:NoSummary >/dev/null
dotnet "$WORK/site/Kumparan.Web.dll" generate "$N" "$WORK/content"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts the site on $1 (data folder), waits for the first served request; prints "wall_ms ready_ms rss_mb".
start_site() {
  local data=$1 started ended
  started=$(ms)
  (
    cd "$WORK/site"
    ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$data" \
      exec dotnet Kumparan.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/site.log" 2>&1
  ) &
  site_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.01; done
  ended=$(ms)
  # A first index goes on in the background while the site serves: wait for its end.
  until grep -q 'Content ready' "$WORK/site.log"; do sleep 0.05; done
  local ready rss
  ready=$(grep -o 'Content ready: .* in [0-9]* ms' "$WORK/site.log" | grep -o '[0-9]* ms$' | grep -o '[0-9]*')
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$site_pid/status")
  kill "$site_pid"; wait "$site_pid" 2>/dev/null || true
  site_pid=""
  echo "$((ended - started)) $ready $rss"
}

# Hugo: the same files, a minimal layout (one template per kind), rendered into memory.
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

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratios=""
for round in $(seq 1 "$ROUNDS"); do
  rm -rf "$WORK/data"
  read -r cold_wall cold_ready cold_rss <<<"$(start_site "$WORK/data")"
  read -r warm_wall warm_ready warm_rss <<<"$(start_site "$WORK/data")"
  started=$(ms)
  hugo --source "$WORK/hugo" --renderToMemory --quiet >/dev/null
  hugo_ms=$(( $(ms) - started ))
  ratio=$(awk -v h="$hugo_ms" -v o="$cold_ready" 'BEGIN {printf "%.2f", h/o}')
  ratios="$ratios $ratio"
  printf 'round %d: cold index %d ms (first request after %d ms, RSS %d MB) | warm start: first request after %d ms (ready %d ms, RSS %d MB) | hugo %d ms | hugo/ours %s\n' \
    "$round" "$cold_ready" "$cold_wall" "$cold_rss" "$warm_wall" "$warm_ready" "$warm_rss" "$hugo_ms" "$ratio"
done
echo "median hugo/ours (cold index): $(echo $ratios | tr ' ' '\n' | median)"
echo "machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
