#!/usr/bin/env bash
# The start-up floor of the server's stack (see pom.xml): builds this project, writes a class-data-sharing archive
# (or, with ARCHIVE=aot on JDK 25, an AOT cache) with one training run, then measures process start to the first 200
# of GET /companies/count — a fresh start (empty H2 directory: Flyway creates the schema) and a restart, N times.
# The same measurement as ../startup.sh makes for the server, so the two can be compared line by line.
# Usage: server/bench/startup-floor/run.sh [runs]   (JAVA_HOME selects the JDK; ARCHIVE=cds|aot|none, default cds;
# JAVA_OPTS adds JVM options to the measured starts, e.g. JAVA_OPTS=-XX:TieredStopAtLevel=1)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../common.sh
. "$here/../common.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
runs="${1:-3}"
archive_kind="${ARCHIVE:-cds}"
port="$(free_port)"
jar="$here/target/startup-floor-1.jar"
pid=""
data="$(mktemp -d)"
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT

(cd "$here" && mvn -q -B package -DskipTests >"$data/build.log" 2>&1) || { cat "$data/build.log" >&2; exit 1; }

# start the jar with the given JVM options; sets pid, returns when GET /companies/count answers 200 (or after 30 s)
start_and_wait() {
  local log=$1; shift
  start=$(date +%s%N)
  FLOOR_DATA_DIR="$data/db" MICRONAUT_SERVER_PORT=$port "$java" "$@" -jar "$jar" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/companies/count" || true)" = 200 ] && return 0
    sleep 0.02
  done
  echo "no answer after 30 s; see $log" >&2
  return 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

case "$archive_kind" in
  cds) opts=(-XX:SharedArchiveFile="$here/target/floor.jsa"); train=(-XX:ArchiveClassesAtExit="$here/target/floor.jsa") ;;
  aot) opts=(-XX:AOTCache="$here/target/floor.aot"); train=(-XX:AOTCacheOutput="$here/target/floor.aot") ;;
  none) opts=(); train=() ;;
  *) echo "ARCHIVE must be cds, aot or none" >&2; exit 2 ;;
esac
if [ ${#train[@]} -gt 0 ]; then
  rm -rf "$data/db"
  start_and_wait "$here/target/training-run.log" "${train[@]}"
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/companies/count"; done
  stop
fi

for run in $(seq 1 "$runs"); do
  for mode in fresh restart; do
    [ "$mode" = fresh ] && rm -rf "$data/db"
    # shellcheck disable=SC2086
    start_and_wait "$data/run.log" "${opts[@]}" ${JAVA_OPTS:-}
    first=$(( ($(date +%s%N) - start) / 1000000 ))
    cpu=$(cpu_ms "$pid")
    split=$(jvm_cpu_split_ms "$pid")
    startup=$(sed -n 's/.*Startup completed in \([0-9]*\)ms.*/\1/p' "$data/run.log")
    echo "run $run $mode ($archive_kind): Startup completed in ${startup:-?} ms; first 200 after $first ms; CPU until then $cpu ms ($split); load $(cut -d' ' -f1 /proc/loadavg)"
    stop
  done
done
