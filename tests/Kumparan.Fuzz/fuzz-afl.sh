#!/usr/bin/env bash
# Coverage-guided fuzzing of the article loader with AFL++ (Debian package afl++) and SharpFuzz.
# Usage: tests/Kumparan.Fuzz/fuzz-afl.sh [seconds=600] [work-folder=/tmp/kumparan-fuzz]
# Needs: apt-get install -y afl++; dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
set -euo pipefail
seconds=${1:-600}
work=${2:-/tmp/kumparan-fuzz}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
dotnet publish "$here/Kumparan.Fuzz.csproj" -c Release -o "$work/bin" --nologo -v quiet
# Instrument the loader and the parsers it drives, so AFL sees their branches.
for assembly in Kumparan.Content.dll Markdig.dll YamlDotNet.dll; do
  "${SHARPFUZZ:-$HOME/.dotnet/tools/sharpfuzz}" "$work/bin/$assembly"
done
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1
afl-fuzz -V "$seconds" -i "$here/corpus" -o "$work/findings" -t 10000 -m none -- dotnet "$work/bin/Kumparan.Fuzz.dll" afl > "$work/afl.log" 2>&1 || true
stats="$work/findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|stability)' "$stats"
crashes=$(find "$work/findings/default/crashes" -name 'id:*' | wc -l)
hangs=$(find "$work/findings/default/hangs" -name 'id:*' | wc -l)
echo "crashes: $crashes, hangs: $hangs (inputs in $work/findings/default/)"
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]
