#!/usr/bin/env bash
# Measures server start to first token on the embedded default (H2 in a fresh data directory, demo client):
# prints Micronaut's "Startup completed in" figure, the wall time from process start to the first 200 from /token, and
# the CPU time the server used until then (a figure other processes on the machine do not distort).
# By default it runs README.md's command (the jar with the start-up archive the build writes next to it, named by
# target/getbill-server.jvm.args);
# JAVA_OPTS replaces the JVM options (JAVA_OPTS= measures the plain jar without the archive).
# Usage: server/bench/startup.sh [runs]   (JAVA_HOME selects the JDK; the jar must be built: mvn -pl server -am package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
jar="${JAR:-$here/../target/getbill-server-1.0.0-all.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
port="${PORT:-$(free_port)}"
runs="${1:-3}"
java_opts="${JAVA_OPTS-@$here/../target/getbill-server.jvm.args}"
# classes loaded so far (jcmd is in every JDK; "?" when it cannot attach)
jcount() { "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$1" VM.classloader_stats 2>/dev/null | awk '/^Total = / {print $4; f=1} END {if (!f) print "?"}'; }
pid=""
data=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$data" ] && rm -rf "$data"' EXIT
for run in $(seq 1 "$runs"); do
  for mode in fresh restart; do
    if [ "$mode" = fresh ]; then data="$(mktemp -d)"; fi
    log="$(mktemp)"
    start=$(date +%s%N)
    MICRONAUT_SERVER_PORT=$port GETBILL_DATA_DIR="$data" "$java" $java_opts -jar "$jar" >"$log" 2>&1 &
    pid=$!
    first=""
    cpu=""
    for _ in $(seq 1 600); do
      if [ "$mode" = fresh ]; then
        id=$(sed -n 's/^  client_id: *//p' "$log"); secret=$(sed -n 's/^  client_secret: *//p' "$log")
        [ -n "$id" ] && echo "$id $secret" >"$data/bench-credentials"
      fi
      if [ -f "$data/bench-credentials" ]; then
        read -r id secret <"$data/bench-credentials"
        code=$(curl -s -o /dev/null -w '%{http_code}' -u "$id:$secret" -d grant_type=client_credentials \
          "http://127.0.0.1:$port/token" || true)
        if [ "$code" = 200 ]; then
          first=$(( ($(date +%s%N) - start) / 1000000 ))
          # CPU (user + system) the server used until then: independent of what else the machine runs
          cpu=$(cpu_ms "$pid")
          split=$(jvm_cpu_split_ms "$pid")
          break
        fi
      fi
      sleep 0.02
    done
    startup=$(sed -n 's/.*Startup completed in \([0-9]*\)ms.*/\1/p' "$log")
    echo "run $run $mode: Startup completed in ${startup:-?} ms; first token after ${first:-?} ms (process start to 200); CPU used until then ${cpu:-?} ms (${split:-?}); classes loaded $(jcount "$pid"); load $(cut -d' ' -f1 /proc/loadavg)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    pid=""
    rm -f "$log"
    if [ "$mode" = restart ]; then rm -rf "$data"; data=""; fi
  done
done
