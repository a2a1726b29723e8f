#!/usr/bin/env bash
# Benchmark of the debt endpoints on a real MariaDB holding 1,000,000 debts in one company (see README.md).
# Not part of the test suite. Everything runs on this machine (loopback only) and stops by itself.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../common.sh"
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=${BENCH_WORK:-/tmp/getbill-bench}
COUNT=${BENCH_DEBTS:-1000000}
SMALL=${BENCH_SMALL_DEBTS:-10000}
DURATION=${BENCH_DURATION:-30s}
# The JIT settles late on this 2-core machine: compilations per 10 s fell from ~670 (20-40 s after start) to ~70 only
# after 40 s of load, and GET /debts/{id} measured after a 15 s warm-up ran 2,300-4,000 req/s against 5,000-8,300
# after 45-90 s (same build, same hour). A run measures the steady state, so the warm-up is long.
WARMUP=${BENCH_WARMUP:-60s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DB_PORT=${BENCH_DB_PORT:-3317}
APP_PORT=${BENCH_APP_PORT:-18080}
JDKS=${BENCH_JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
HEAP=${BENCH_HEAP:-1g}
SKIP_LOAD=${BENCH_SKIP_LOAD:-false}
ONLY=${BENCH_ONLY:-"get list list-10k post"}   # which runs, e.g. BENCH_ONLY=get
JAVA_OPTS=${JAVA_OPTS:-}                         # extra JVM options for the server (e.g. a JFR recording)

command -v wrk >/dev/null || apt-get install -y wrk
command -v mariadbd >/dev/null || apt-get install -y mariadb-server

DB_PID=""
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$DB_PID" ] && kill "$DB_PID" 2>/dev/null && wait "$DB_PID" 2>/dev/null || true
}
trap cleanup EXIT

echo "== building the server jar"
(cd "$ROOT" && mvn -o -B -q -pl server -am -DskipTests package)
JAR=$(ls "$ROOT"/server/target/getbill-server-*-all.jar | head -1)
CONNECTOR=$(find ~/.m2/repository/com/mysql/mysql-connector-j -name 'mysql-connector-j-*.jar' | sort | tail -1)

sql() { mariadb -h127.0.0.1 -P"$DB_PORT" -uroot "$@"; }

echo "== starting MariaDB ($(mariadbd --version | awk '{print $3}'))"
if [ "$SKIP_LOAD" != true ]; then
  rm -rf "$WORK"
  mkdir -p "$WORK"
  mariadb-install-db --user=root --datadir="$WORK/db" --auth-root-authentication-method=normal >/dev/null
fi
mariadbd --user=root --datadir="$WORK/db" --port="$DB_PORT" --socket="$WORK/db.sock" --bind-address=127.0.0.1 \
  --innodb-buffer-pool-size=2G --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=512M \
  --max-connections=300 --skip-log-bin >"$WORK/mariadb.log" 2>&1 &
DB_PID=$!
for _ in $(seq 1 100); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
sql -e "CREATE DATABASE IF NOT EXISTS getbill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
# The loader and the EXPLAIN use Connector/J (its rewriteBatchedStatements makes the load one multi-row INSERT per batch).
JDBC="jdbc:mysql://127.0.0.1:$DB_PORT/getbill?$(jdbc_connection_settings mysql)"
# The server's URL: the settings README.md recommends for production, with the driver BENCH_DRIVER names (mariadb,
# the default: MariaDB Connector/J; mysql: MySQL Connector/J).
DRIVER=${BENCH_DRIVER:-mariadb}
SERVER_SETTINGS=$(jdbc_recommended_settings "$DRIVER")
JDBC_SERVER="jdbc:$DRIVER://127.0.0.1:$DB_PORT/getbill?$(jdbc_connection_settings "$DRIVER")&$SERVER_SETTINGS"

SECRET_1M="bench-1m-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_10K="bench-10k-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
cat >"$WORK/bootstrap.yaml" <<YAML
companies:
  - name: Bench 1M
    email: bench-1m@bench.example
    clients:
      - client_id: bench-1m
        client_secret: "$SECRET_1M"
        grant_types: [client_credentials]
        scopes: [debts:read, debts:write]
        rate_limits: {reads_per_hour: 10000000, writes_per_hour: 10000000}
  - name: Bench 10k
    email: bench-10k@bench.example
    clients:
      - client_id: bench-10k
        client_secret: "$SECRET_10K"
        grant_types: [client_credentials]
        scopes: [debts:read, debts:write]
        rate_limits: {reads_per_hour: 10000000, writes_per_hour: 10000000}
YAML
# The master key seals the server's signing keys in the database: keep it with the data so that a rerun with
# BENCH_SKIP_LOAD=true can open them (a database loaded without a kept key gets fresh signing keys).
if [ ! -f "$WORK/master.key" ]; then
  head -c 32 /dev/urandom | base64 >"$WORK/master.key"
  sql getbill -e "DROP TABLE IF EXISTS no_such_table" && sql getbill -e "DELETE FROM signing_keys" 2>/dev/null || true
fi
MASTER_KEY=$(cat "$WORK/master.key")

start_server() {
  local jdk=$1
  # Each run starts a fresh rate-limit window: the clients' 10,000,000 requests an hour (the most a bootstrap file
  # allows) would otherwise run out when runs are repeated within the hour, and the runs would measure 429s.
  sql getbill -e "DELETE FROM rate_limit_counters" 2>/dev/null || true
  MICRONAUT_SERVER_PORT=$APP_PORT DATASOURCES_DEFAULT_URL="$JDBC_SERVER" DATASOURCES_DEFAULT_USERNAME=root \
    DATASOURCES_DEFAULT_PASSWORD= GETBILL_BOOTSTRAP_FILE="$WORK/bootstrap.yaml" GETBILL_DATA_DIR="$WORK/data" \
    GETBILL_MASTER_KEY="$MASTER_KEY" GETBILL_ISSUER="http://127.0.0.1:$APP_PORT" \
    "$jdk/bin/java" -Xms"$HEAP" -Xmx"$HEAP" $JAVA_OPTS -jar "$JAR" >"$WORK/server.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$APP_PORT/health" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server did not start; see $WORK/server.log" >&2
  exit 1
}
stop_server() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
token() {
  curl -sf -u "$1:$2" -d grant_type=client_credentials "http://127.0.0.1:$APP_PORT/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

FIRST_JDK=${JDKS%% *}
if [ "$SKIP_LOAD" != true ]; then
  echo "== migrating and provisioning (first start)"
  start_server "$FIRST_JDK"
  stop_server
  echo "== loading $COUNT debts into 'Bench 1M' and $SMALL into 'Bench 10k'"
  "$FIRST_JDK/bin/java" -cp "$CONNECTOR" "$HERE/BenchLoader.java" "$JDBC&rewriteBatchedStatements=true" "Bench 1M" "$COUNT" "$WORK/ids-1m.txt"
  "$FIRST_JDK/bin/java" -cp "$CONNECTOR" "$HERE/BenchLoader.java" "$JDBC&rewriteBatchedStatements=true" "Bench 10k" "$SMALL" "$WORK/ids-10k.txt"
fi

echo "== EXPLAIN of the list query (status + currency + created range, newest first, page 1 of 20) on 'Bench 1M'"
"$FIRST_JDK/bin/java" -cp "$CONNECTOR" "$HERE/BenchLoader.java" "$JDBC" "Bench 1M" explain

CREATED_TO=$(date -u -d '+1 day' +%Y-%m-%dT00:00:00Z)
CREATED_FROM=$(date -u -d '-30 days' +%Y-%m-%dT00:00:00Z)
export CREATED_FROM CREATED_TO
MATCHING=$(sql -N getbill -e "SELECT COUNT(*) FROM debts d JOIN companies c ON c.id = d.company_id WHERE c.name = 'Bench 1M'
  AND d.status = 'in_progress' AND d.currency = 'EUR' AND d.created_at >= '${CREATED_FROM%Z}' AND d.created_at < '${CREATED_TO%Z}'")
echo "   rows matching the list filters on 'Bench 1M': $MATCHING"

wanted() { case " $ONLY " in *" $1 "*) return 0;; *) return 1;; esac; }

# run NAME SCRIPT -> prints "NAME req/s p50 p99", and the server's and MariaDB's CPU per request during the measured
# part: this host's speed drifts by a third within an hour, and CPU per request moves much less than requests/s.
run() {
  local name=$1 script=$2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/$script" "http://127.0.0.1:$APP_PORT" >/dev/null
  local out app0 db0 app1 db1
  app0=$(cpu_ms "$APP_PID"); db0=$(cpu_ms "$DB_PID")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/$script" "http://127.0.0.1:$APP_PORT")
  app1=$(cpu_ms "$APP_PID"); db1=$(cpu_ms "$DB_PID")
  echo "$out" >>"$WORK/wrk-$JDK_NAME.log"
  local rps p50 p99 non2xx n
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  printf "  %-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s   CPU/request: server %s µs, MariaDB %s µs\n" \
    "$name" "$rps" "$p50" "$p99" "${non2xx:-0}" \
    "$(( (app1 - app0) * 1000 / n ))" "$(( (db1 - db0) * 1000 / n ))"
}

for JDK in $JDKS; do
  JDK_NAME=$("$JDK/bin/java" -version 2>&1 | head -1 | tr -d '"' | awk '{print $1"-"$3}')
  echo "== $JDK_NAME ($JDK), driver $DRIVER, $CONNECTIONS connections, $THREADS wrk threads, $DURATION per run after $WARMUP warm-up"
  start_server "$JDK"
  export TOKEN
  TOKEN=$(token bench-1m "$SECRET_1M")
  export IDS_FILE="$WORK/ids-1m.txt"
  wanted get && run "GET /debts/{id} (1M)" get-by-id.lua
  wanted list && run "GET /debts list (1M)" list.lua
  TOKEN=$(token bench-10k "$SECRET_10K")
  wanted list-10k && run "GET /debts list (10k)" list.lua
  TOKEN=$(token bench-1m "$SECRET_1M")
  export PHONE_BASE=$RANDOM
  wanted post && run "POST /debts (1M)" post.lua
  stop_server
done
echo "== raw wrk output in $WORK/wrk-*.log"
