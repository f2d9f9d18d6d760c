#!/usr/bin/env bash
# Lighthouse on an article whose lead image is a camera photo (4000×3000 JPEG, 3.75 MB; from
# `Kumparan.Benchmarks photos`), beside the repository's content/, on the Release site at 127.0.0.1.
# Lighthouse (LIGHTHOUSE_VERSION, default 12.8.2, the last for Node 20; 12.2.3 cannot read the traces
# of Chromium 156 and leaves the LCP element, layout shift and render-blocking audits in error) is
# installed from npm into LIGHTHOUSE_DIR (default /tmp/lighthouse, never the repository) when it is not
# there; Debian's Chromium at /usr/bin/chromium.
# Mobile, the default config: Moto G Power (412 px) emulation, simulated throttling. Two runs:
#   cold: a fresh data folder, the page asked for as soon as the site serves (its variants are made on
#         demand by the requests of the page, or by the background queue if it got there first);
#   warm: once the picture's `complete` marker is there and the site is idle (RUNS runs, default 1).
# Each run prints the four category scores, LCP, CLS, TBT, total byte weight, the lead image request
# (URL, bytes), the LCP element, every audit that is not passed (id, title, score, what it found) and
# any request to a host other than 127.0.0.1 (none expected: Chromium resolves no other host name).
# A benchmark, not a test: CI never runs it.
#
#   tests/bench/lighthouse.sh                 # PORT=5451 RUNS=1 COLD=1
#   COLD=0 RUNS=3 tests/bench/lighthouse.sh   # warm only, three runs; KEEP=1 keeps the reports
#
# Needs: apt-get install -y chromium nodejs npm
# Bounded: the site START_LIMIT (300) s to serve, the picture MAKE_LIMIT (300) s to be complete, each
# Lighthouse run 180 s.
set -uo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-5451}
RUNS=${RUNS:-1}
COLD=${COLD:-1}
START_LIMIT=${START_LIMIT:-300}
MAKE_LIMIT=${MAKE_LIMIT:-300}
LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-/tmp/lighthouse}
LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-12.8.2}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# No host but 127.0.0.1 resolves: nothing on the page (or in Chromium) reaches the internet.
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"

[ -x "$CHROME_PATH" ] || { echo "lighthouse.sh: no Chromium at $CHROME_PATH (apt-get install -y chromium)" >&2; exit 2; }
for tool in node npm curl sha256sum; do
  command -v "$tool" >/dev/null || { echo "lighthouse.sh needs $tool (apt-get install -y nodejs npm)" >&2; exit 2; }
done
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "something already answers on $BASE; stop it or set PORT" >&2
  exit 2
fi

LH="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"
if [ ! -x "$LH" ] || [ "$("$LH" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  echo "installing lighthouse@$LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR"
  npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --save-exact "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null 2>&1 \
    || { echo "npm install of lighthouse@$LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR failed" >&2; exit 1; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kumparan-lighthouse.XXXXXX")
site_pid=""
. tests/bench/release.sh   # build_release, stop_site
cleanup() {
  stop_site
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK (content/, data/, site.log, *.json reports)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "lighthouse benchmark: lighthouse $("$LH" --version), $("$CHROME_PATH" --version 2>/dev/null | grep -o 'Chromium [0-9.]*'), $(nproc) cores"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

build_release

# The repository's content, and the article with the camera photo (the newest one).
cp -r content "$WORK/content"
dotnet run -c Release --no-build --project tests/Kumparan.Benchmarks -- photos 1 "$WORK/photo" >/dev/null \
  || { echo "photos failed" >&2; exit 1; }
PHOTO=foto-lighthouse-kamera.jpg
mv "$WORK/photo/foto-0001.jpg" "$WORK/content/media/$PHOTO"
HASH=$(sha256sum "$WORK/content/media/$PHOTO" | cut -c1-16)
DATE=$(date -u -d "@$(( EPOCHSECONDS - 3600 + 7 * 3600 ))" +%Y-%m-%dT%H:%M:%S+07:00)   # an hour ago, in WIB
cat >"$WORK/content/articles/kumparannews/uji-lighthouse-foto-kamera.md" <<EOF
---
title: "Pasar Tradisional Ramai Pembeli Jelang Akhir Pekan, Harga Cabai Stabil"
id: UjiLighthouse1
channel: kumparannews
date: $DATE
author: Rizky Pratama
summary: Pedagang di pasar tradisional mencatat kenaikan jumlah pembeli menjelang akhir pekan, sementara harga cabai dan bawang relatif stabil.
topics:
  - Ekonomi
  - Harga Pangan
image: $PHOTO
image_alt: Lorong pasar tradisional pada pagi hari, cahaya matahari jatuh di atas lapak sayur dan buah.
image_caption: Suasana pasar tradisional pada pagi hari.
image_credit: kumparan/Fotografer
---

Pedagang di pasar tradisional mulai membuka lapak sejak subuh. Sayur, buah, dan bumbu dapur tertata rapi di atas meja kayu, sementara pembeli pertama datang sebelum matahari terbit.

"Kalau pagi begini yang datang kebanyakan pemilik warung makan," kata seorang pedagang sayur yang sudah berjualan selama dua puluh tahun di pasar itu.

## Harga relatif stabil

Harga cabai rawit dan bawang merah pekan ini relatif stabil dibandingkan pekan lalu. Pengelola pasar mencatat jumlah pengunjung naik menjelang akhir pekan, terutama pada Jumat dan Sabtu pagi.

Sejumlah pembeli mengaku lebih memilih berbelanja di pasar karena bisa menawar dan memilih sendiri barang yang akan dibeli.

Pemerintah daerah berencana memperbaiki atap dan saluran air pasar tahun depan, agar lorong tidak lagi tergenang ketika hujan deras.
EOF
URL="$BASE/kumparannews/uji-lighthouse-foto-kamera-UjiLighthouse1"
MARKER="$WORK/data/images/${HASH:0:2}/$HASH/complete"

# Prints one run's figures from its JSON report.
cat >"$WORK/report.js" <<'JS'
const fs = require('fs');
const [file, label, stem] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const a = r.audits;
const out = (s) => console.log(`${label}: ${s}`);
if (r.runtimeError) out(`runtime error: ${r.runtimeError.code} ${r.runtimeError.message}`);
for (const w of r.runWarnings || []) out(`warning: ${w}`);
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
out(`Lighthouse ${r.lighthouseVersion}, benchmarkIndex ${r.environment && r.environment.benchmarkIndex} (this machine's speed as Lighthouse measured it)`);
out(cats.map((c) => `${c} ${r.categories[c] && r.categories[c].score !== null ? Math.round(r.categories[c].score * 100) : '?'}`).join(', '));
const num = (id, unit, digits = 0) => a[id] && a[id].numericValue !== undefined ? `${a[id].numericValue.toFixed(digits)}${unit}` : '?';
out(`LCP ${num('largest-contentful-paint', ' ms')}, CLS ${num('cumulative-layout-shift', '', 3)}, TBT ${num('total-blocking-time', ' ms')}, FCP ${num('first-contentful-paint', ' ms')}, total byte weight ${num('total-byte-weight', ' bytes')}`);
const items = (a['network-requests'] && a['network-requests'].details && a['network-requests'].details.items) || [];
const images = items.filter((i) => i.url.includes(stem));
if (images.length === 0) out('lead image request: none found in network-requests');
for (const i of images) {
  out(`lead image request: ${i.url.replace(/^https?:\/\/[^/]+/, '')} ${i.statusCode} ${i.mimeType}, transfer ${i.transferSize} bytes (resource ${i.resourceSize}), priority ${i.priority}, ${Math.round(i.networkEndTime - i.networkRequestTime)} ms observed`);
}
const tasks = (a['long-tasks'] && a['long-tasks'].details && a['long-tasks'].details.items) || [];
if (tasks.length) out(`long tasks (main thread, under the 4× CPU slowdown): ${tasks.slice(0, 6).map((t) => `${Math.round(t.duration)} ms ${t.url.replace(/^https?:\/\/[^/]+/, '')}`).join(', ')}`);
const lcp = a['largest-contentful-paint-element'];
const lcpItems = lcp && lcp.details && lcp.details.items || [];
for (const table of lcpItems) {
  for (const row of table.items || []) {
    if (row.node) out(`LCP element: ${row.node.snippet}`);
    else if (row.phase) out(`LCP phase: ${row.phase} ${Math.round(row.timing)} ms`);
  }
}
const foreign = items.filter((i) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(i.url));
out(`requests to hosts other than 127.0.0.1: ${foreign.length}${foreign.length ? ': ' + foreign.map((i) => i.url).join(' ') : ''}`);
// Audits that count in a category and are not passed, then the unweighted ones that flag something.
const summary = (audit) => {
  const d = audit.details;
  if (!d || !Array.isArray(d.items) || d.items.length === 0) return '';
  if (d.items.every((i) => i.type === 'table')) return '';   // the LCP element: shown above
  if (audit.id === 'network-dependency-tree-insight') {
    const chain = d.items.find((i) => i.value && i.value.longestChain);
    return chain ? ` | longest chain ${Math.round(chain.value.longestChain.duration)} ms` : '';
  }
  return ' | ' + d.items.slice(0, 5).map((i) => {
    const why = i.subItems && i.subItems.items ? ` [${i.subItems.items.map((s) => s.reason || s.label || JSON.stringify(s)).join('; ')}]` : '';
    if (i.node) return `${i.node.selector || ''} ${i.node.snippet || ''}`.trim() + why;
    if (i.url) return `${i.url}${i.wastedBytes ? ` (${Math.round(i.wastedBytes)} bytes to save)` : ''}${i.wastedMs ? ` (${Math.round(i.wastedMs)} ms to save)` : ''}${i.duration ? ` ${Math.round(i.duration)} ms` : ''}${why}`;
    if (i.groupLabel) return `${i.groupLabel} ${Math.round(i.duration)} ms`;
    return JSON.stringify(i).slice(0, 200);
  }).join('; ');
};
for (const c of cats) {
  const cat = r.categories[c];
  if (!cat) continue;
  for (const ref of cat.auditRefs) {
    const audit = a[ref.id];
    if (!audit || audit.score === null || audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'manual') continue;
    const weighted = ref.weight > 0;
    if (weighted ? audit.score < 1 : audit.score < 0.9) {
      out(`${weighted ? 'not passed' : 'flagged (weight 0)'} [${c}] ${ref.id} "${audit.title}" score ${audit.score}${audit.displayValue ? ', ' + audit.displayValue : ''}${summary(audit)}`);
    }
  }
}
// Audits Lighthouse could not run (a Chromium newer than the Lighthouse version knows, for one).
for (const [id, audit] of Object.entries(a)) {
  if (audit.scoreDisplayMode === 'error') out(`audit error: ${id}: ${(audit.errorMessage || '').slice(0, 200)}`);
}
JS

# lighthouse_run LABEL: one Lighthouse run against the article; prints its figures.
lighthouse_run() {
  local label=$1 out="$WORK/$1.json"
  echo "$label: load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
  if ! timeout 180 "$LH" "$URL" --quiet --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out" --chrome-flags="$CHROME_FLAGS" >"$WORK/$label.log" 2>&1; then
    echo "$label: lighthouse failed (124: over 180 s): $(tail -n 3 "$WORK/$label.log" | tr '\n' ' ' | cut -c1-400)"
    return 1
  fi
  node "$WORK/report.js" "$out" "$label" "${PHOTO%.jpg}"
}

mkdir -p "$WORK/data"
started=$EPOCHSECONDS
(
  cd src/Kumparan.Web || exit 1   # the content root: wwwroot holds the stylesheet and scripts
  exec env ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$WORK/data" \
    dotnet "$DLL" --urls "$BASE" >"$WORK/site.log" 2>&1
) &
site_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$URL")" = 200 ]; do
  if ! kill -0 "$site_pid" 2>/dev/null || [ $(( EPOCHSECONDS - started )) -ge "$START_LIMIT" ]; then
    echo "the site did not serve $URL within START_LIMIT=$START_LIMIT s; the end of its log:" >&2
    tail -n 10 "$WORK/site.log" >&2
    exit 1
  fi
  sleep 0.05
done
echo "site serving the article after $(( EPOCHSECONDS - started )) s; its lead image: $PHOTO, 4000×3000, $(stat -c %s "$WORK/content/media/$PHOTO") bytes"

if [ "$COLD" != 0 ]; then
  if [ -e "$MARKER" ]; then
    echo "cold: the picture's variants were all made before Lighthouse started (the background queue was first)"
  else
    echo "cold: the picture's variants not yet all made when Lighthouse starts"
  fi
  lighthouse_run cold
fi

deadline=$(( EPOCHSECONDS + MAKE_LIMIT ))
until [ -e "$MARKER" ]; do
  if [ "$EPOCHSECONDS" -ge "$deadline" ] || ! kill -0 "$site_pid" 2>/dev/null; then
    echo "the picture's variants were not all made within MAKE_LIMIT=$MAKE_LIMIT s; the end of the site's log:" >&2
    tail -n 10 "$WORK/site.log" >&2
    exit 1
  fi
  sleep 0.2
done
grep -o "Made the variants of content/media/$PHOTO in [0-9]* ms" "$WORK/site.log" | head -n 1

# Idle: the site used under 5% of a core in each of two seconds (the other pictures' variants made).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$site_pid/stat" 2>/dev/null; }
hz=$(getconf CLK_TCK)
quiet=0
deadline=$(( EPOCHSECONDS + MAKE_LIMIT ))
while [ "$quiet" -lt 2 ] && [ "$EPOCHSECONDS" -lt "$deadline" ]; do
  before=$(cpu_ticks); sleep 1; after=$(cpu_ticks)
  if [ $(( (after - before) * 100 )) -lt $(( hz * 5 )) ]; then quiet=$(( quiet + 1 )); else quiet=0; fi
done
[ "$quiet" -ge 2 ] || echo "warm: the site was not idle within MAKE_LIMIT=$MAKE_LIMIT s; measuring anyway"

for run in $(seq 1 "$RUNS"); do
  lighthouse_run "warm-$run"
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
