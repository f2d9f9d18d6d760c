#!/usr/bin/env bash
# The variants of N camera photos (default 200): N photos of 4000×3000 (JPEG quality 92, 3.3-5.4 MB,
# every fourth one a portrait with EXIF orientation 6; `Kumparan.Benchmarks photos`) in content/media and
# N articles in kumparannews each showing one of them as its lead image. The Release site on 127.0.0.1
# is started on an empty data folder, once per value of WORKERS (Kumparan:Images:Workers); for each:
#   - time from the process start until all N pictures have their `complete` marker, as pictures/s and
#     variants/s (the variant files counted, against widths × formats + the link-preview crop per picture)
#   - the "Made the variants of … in … ms" times the site logs per picture (p50, max)
#   - peak resident memory of the site process (VmHWM, read from /proc every 0.5 s)
#   - whether the site keeps answering meanwhile: GET / every 200 ms from its first served request
#     until the last marker (count of 200s of all, p50 / p99 / max latency)
# then the bytes a reader downloads: originals against the 640 AVIF (a phone's) and the 1280 AVIF (a
# desktop's), as averages per picture (WebP and JPEG beside them), and the load average at start and end.
# A benchmark, not a test: CI never runs it.
#
#   tests/bench/images.sh                  # N=200 WORKERS="1 2" PORT=5441
#   N=10 WORKERS=1 tests/bench/images.sh   # a quick run; KEEP=1 keeps the temporary folder
#
# Bounded: the site START_LIMIT (300) s to serve its first request, each phase LIMIT (120 + 30 × N) s
# for all markers; a phase that hits its limit says so and the next one runs. Disk: about 4.5 MB per
# photo plus about 1 MB of variants per picture and phase, in a temporary folder removed at the end.
set -uo pipefail   # no -e: a failed phase is reported and the next one runs
cd "$(dirname "$0")/../.."

N=${N:-200}
WORKERS=${WORKERS:-1 2}
PORT=${PORT:-5441}
START_LIMIT=${START_LIMIT:-300}
LIMIT=${LIMIT:-$(( 120 + 30 * N ))}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "images.sh: N must be a whole number ≥ 1" >&2; exit 2; }
for w in $WORKERS; do
  [[ $w =~ ^[1-9][0-9]*$ ]] || { echo "images.sh: WORKERS must be whole numbers ≥ 1, e.g. \"1 2\"" >&2; exit 2; }
done
for tool in curl find awk; do
  command -v "$tool" >/dev/null || { echo "images.sh needs $tool" >&2; exit 2; }
done
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "something already answers on $BASE; stop it or set PORT" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kumparan-images.XXXXXX")
site_pid=""
loop_pid=""
. tests/bench/release.sh   # build_release, stop_site
# The request loop ends after its request in flight (at most 10 s); it is killed only when it does not.
stop_loop() {
  [ -n "$loop_pid" ] || return 0
  touch "$WORK/stop-loop"
  for _ in $(seq 1 120); do kill -0 "$loop_pid" 2>/dev/null || break; sleep 0.1; done
  kill "$loop_pid" 2>/dev/null
  wait "$loop_pid" 2>/dev/null
  loop_pid=""
}
cleanup() {
  stop_loop
  stop_site
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK (content/, data-W/, site-W.log, requests-W.txt)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
kb_of() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$site_pid/status" 2>/dev/null; }

free_kb=$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')
need_kb=$(( N * (4600 + 1100 * $(echo "$WORKERS" | wc -w)) ))
if [ "$free_kb" -lt "$need_kb" ]; then
  echo "images.sh: $N photos need about $(( need_kb / 1024 )) MB in $WORK, $(( free_kb / 1024 )) MB are free; set N or TMPDIR" >&2
  exit 2
fi

echo "images benchmark: N=$N photos, WORKERS=\"$WORKERS\", $(nproc) cores"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

build_release

# The photos, then one article per photo, dated a minute apart back from an hour ago (all published).
mkdir -p "$WORK/content/articles/kumparannews"
if ! dotnet run -c Release --no-build --project tests/Kumparan.Benchmarks -- photos "$N" "$WORK/content/media" >"$WORK/photos.log" 2>&1; then
  echo "photos failed:" >&2
  cat "$WORK/photos.log" >&2
  exit 1
fi
sed 's/^/  /' "$WORK/photos.log"
now=$EPOCHSECONDS
for i in $(seq 1 "$N"); do
  n=$(printf '%04d' "$i")
  # +07:00 (WIB) without a time-zone database: the UTC clock moved 7 hours.
  date=$(date -u -d "@$(( now - 3600 - i * 60 + 7 * 3600 ))" +%Y-%m-%dT%H:%M:%S+07:00)
  cat >"$WORK/content/articles/kumparannews/foto-uji-$n.md" <<EOF
---
title: "Uji gambar nomor $n: suasana pagi di pasar tradisional"
channel: kumparannews
date: $date
image: foto-$n.jpg
image_alt: Foto uji nomor $n, cahaya pagi dan bayangan di atas tekstur bangunan pasar.
---

Pedagang di pasar tradisional mulai membuka lapak sejak subuh. Sayur, buah, dan bumbu dapur tertata rapi di atas meja kayu, sementara pembeli pertama datang sebelum matahari terbit.

"Kalau pagi begini yang datang kebanyakan pemilik warung makan," kata seorang pedagang sayur yang sudah berjualan selama dua puluh tahun di pasar itu.

Harga cabai rawit dan bawang merah pekan ini relatif stabil dibandingkan pekan lalu. Pengelola pasar mencatat jumlah pengunjung naik menjelang akhir pekan.

Pemerintah daerah berencana memperbaiki atap dan saluran air pasar tahun depan, agar lorong tidak lagi tergenang ketika hujan deras.
EOF
done
originals=$(find "$WORK/content/media" -name '*.jpg' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

# Kumparan:Images:Widths 320 480 640 960 1280 1920 (all below 3000 px, so every photo has six) in WebP and
# JPEG, AVIF up to Images:AvifMaxWidth (1280: five), and the link-preview crop.
per_picture=$(( 6 * 2 + 5 + 1 ))

# average FILE-NAME: the average size of that variant over the pictures of $1 (data folder), "count avg".
average() { find "$1/images" -name "$2" -printf '%s\n' | awk '{s += $1; n++} END {if (n) printf "%d %.0f", n, s / n; else print "0 0"}'; }
# percentiles over a file of numbers, one a line: "p50 p99 max".
percentiles() {
  sort -n "$1" | awk '{a[NR] = $1} END {
    if (NR == 0) { print "? ? ?"; exit }
    p50 = a[int((NR * 50 + 99) / 100)]; p99 = a[int((NR * 99 + 99) / 100)]
    printf "%s %s %s", p50, p99, a[NR] }'
}

phase() {
  local workers=$1 data="$WORK/data-$1" log="$WORK/site-$1.log" requests="$WORK/requests-$1.txt"
  local label="workers=$workers"
  rm -rf "$data"
  mkdir -p "$data"
  : >"$requests"
  local started first_ms="" done_ms="" complete=0 hwm=0 rss_max=0 kb
  started=$(now_ms)
  (
    cd src/Kumparan.Web || exit 1   # the content root: wwwroot holds the stylesheet and scripts
    exec env ASPNETCORE_ENVIRONMENT=Production Kumparan__ContentPath="$WORK/content" Kumparan__DataPath="$data" \
      Kumparan__Images__Workers="$workers" dotnet "$DLL" --urls "$BASE" >"$log" 2>&1
  ) &
  site_pid=$!

  local start_deadline=$(( EPOCHSECONDS + START_LIMIT ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/")" = 200 ]; do
    if ! kill -0 "$site_pid" 2>/dev/null; then
      wait "$site_pid" 2>/dev/null
      echo "$label: the site exited with status $? before serving a request; the end of its log:"
      tail -n 5 "$log" | sed 's/^/    /'
      site_pid=""
      return 1
    fi
    if [ "$EPOCHSECONDS" -ge "$start_deadline" ]; then
      echo "$label: the site served no request within START_LIMIT=$START_LIMIT s; the end of its log:"
      tail -n 5 "$log" | sed 's/^/    /'
      stop_site
      return 1
    fi
    sleep 0.05
  done
  first_ms=$(( $(now_ms) - started ))

  # GET / every 200 ms: "status seconds" a line.
  rm -f "$WORK/stop-loop"
  (
    until [ -e "$WORK/stop-loop" ]; do
      curl -s -o /dev/null --max-time 10 -w '%{http_code} %{time_total}\n' "$BASE/" >>"$requests"
      sleep 0.2
    done
  ) &
  loop_pid=$!

  local deadline=$(( EPOCHSECONDS + LIMIT )) reason=""
  while :; do
    kb=$(kb_of VmHWM); [ -n "$kb" ] && [ "$kb" -gt "$hwm" ] && hwm=$kb
    kb=$(kb_of VmRSS); [ -n "$kb" ] && [ "$kb" -gt "$rss_max" ] && rss_max=$kb
    complete=$(find "$data/images" -name complete 2>/dev/null | wc -l)
    if [ "$complete" -ge "$N" ]; then done_ms=$(( $(now_ms) - started )); break; fi
    if ! kill -0 "$site_pid" 2>/dev/null; then reason="the site exited"; break; fi
    if [ "$EPOCHSECONDS" -ge "$deadline" ]; then reason="LIMIT=$LIMIT s reached"; break; fi
    sleep 0.5
  done
  stop_loop
  kb=$(kb_of VmHWM); [ -n "$kb" ] && [ "$kb" -gt "$hwm" ] && hwm=$kb
  stop_site

  echo "$label: first request served after $first_ms ms (process start to the first 200 on /)"
  if [ -n "$done_ms" ]; then
    local files
    files=$(find "$data/images" -type f ! -name complete ! -name '*.tmp' | wc -l)
    echo "$label: all $N pictures complete after $done_ms ms: $(awk -v n="$N" -v ms="$done_ms" -v v="$per_picture" -v f="$files" \
      'BEGIN {printf "%.2f pictures/s, %.1f variants/s (%d files made, %d expected)", n * 1000 / ms, f * 1000 / ms, f, n * v}')"
  else
    echo "$label: NOT DONE: $complete of $N pictures complete when $reason"
  fi
  grep -o 'Made the variants of content/media/[^ ]* in [0-9]* ms' "$log" | awk '{print $(NF - 1)}' >"$WORK/made-$workers.txt"
  local made p50 p99 max
  made=$(wc -l <"$WORK/made-$workers.txt")
  read -r p50 p99 max <<<"$(percentiles "$WORK/made-$workers.txt")"
  echo "$label: per picture (the site's log, $made lines): p50 $p50 ms, max $max ms"
  local failed
  failed=$(grep -c 'could not be made' "$log")
  [ "$failed" -gt 0 ] && echo "$label: $failed lines say variants could not be made, e.g.: $(grep -m 1 'could not be made' "$log" | cut -c1-300)"
  echo "$label: peak resident memory of the site (VmHWM) $(( hwm / 1024 )) MB (largest VmRSS sampled $(( rss_max / 1024 )) MB)"
  local total ok
  total=$(wc -l <"$requests")
  ok=$(awk '$1 == "200"' "$requests" | wc -l)
  awk '{printf "%.1f\n", $2 * 1000}' "$requests" >"$WORK/latency-$workers.txt"
  read -r p50 p99 max <<<"$(percentiles "$WORK/latency-$workers.txt")"
  echo "$label: GET / every 200 ms while the variants were made: $ok of $total answered 200; p50 $p50 ms, p99 $p99 ms, max $max ms"

  # The variants are the same bytes whatever the number of workers: shown once.
  if [ -n "$done_ms" ] && [ -z "$bytes_shown" ]; then
    bytes_shown=1
    local count avg line="" key
    for key in 640.avif 1280.avif 640.webp 1280.webp 640.jpg 1280.jpg og.jpg; do
      read -r count avg <<<"$(average "$data" "$key")"
      line="$line${line:+, }$key $avg"
    done
    local all
    all=$(find "$data/images" -type f ! -name complete -printf '%s\n' | awk -v n="$N" '{s += $1} END {printf "%.0f", s / n}')
    local phone desktop
    phone=$(average "$data" 640.avif | cut -d" " -f2)
    desktop=$(average "$data" 1280.avif | cut -d" " -f2)
    echo "$label: bytes per picture on average: original $(( originals / N )) (all $N: $originals); phone (640 AVIF) $phone ($(awk -v o="$originals" -v n="$N" -v b="$phone" 'BEGIN {printf "%.1f%%", 100 * b * n / o}') of the original), desktop (1280 AVIF) $desktop ($(awk -v o="$originals" -v n="$N" -v b="$desktop" 'BEGIN {printf "%.1f%%", 100 * b * n / o}'))"
    echo "$label: bytes per picture on average, each variant: $line; all $per_picture variants together $all"
  fi
  return 0
}

bytes_shown=""
for w in $WORKERS; do
  phase "$w"
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
