# Sourced by the benchmarks that run the Release site: the build of the site and the photo generator
# (images.sh, lighthouse.sh), and stopping the site they started ($site_pid; archive.sh too).
# Expects $WORK and the repository as cwd.

# Builds the site and the photo generator (Kumparan.Benchmarks photos) in Release; sets DLL.
build_release() {
  local project
  for project in src/Kumparan.Web tests/Kumparan.Benchmarks; do
    dotnet build -c Release "$project" -v q -nologo -clp:NoSummary >"$WORK/build.log" 2>&1 \
      || { echo "build of $project failed:" >&2; tail -n 20 "$WORK/build.log" >&2; exit 1; }
  done
  DLL="$PWD/src/Kumparan.Web/bin/Release/net10.0/Kumparan.Web.dll"
}

# SIGTERM, up to 30 s to stop, then SIGKILL (said so).
stop_site() {
  [ -n "$site_pid" ] || return 0
  kill "$site_pid" 2>/dev/null
  for _ in $(seq 1 300); do kill -0 "$site_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -9 "$site_pid" 2>/dev/null; then echo "  the site did not stop within 30 s of SIGTERM: killed"; fi
  wait "$site_pid" 2>/dev/null
  site_pid=""
}
