#!/usr/bin/env bash
# Benchmark of the authorization server on a real MariaDB, all on this machine (see README.md):
#   1. client_credentials tokens/s for a client WITHOUT the refresh_token grant (no database write per token);
#   2. client_credentials tokens/s for a client WITH it (one refresh-token INSERT per token, durable commits);
#   3. GET /external-api/v1/company/profile requests/s with bearer-token validation;
#   4. with PREFILL=N, run 2 again after N refresh tokens were added to the table;
#   5. run 3 again beside a flood of forged bearer tokens (a different one per request, naming the real signing key),
#      printing the honest callers' figures and the flood's.
# RUNS chooses the runs: any of "tokens" (1 and 2), "resource" (3), "flood" (5); default "tokens resource flood".
# Each run: wrk, CONNECTIONS connections (default 32), WARMUP then DURATION seconds; p50/p99 from wrk's histogram.
#
# Needs: wrk and MariaDB's server binaries (Debian: apt-get install -y wrk mariadb-server; the service is not used,
# mariadbd is started by hand in a temporary directory), the server jar (mvn -pl server -am package).
# Environment: JAVA_HOME (JDK running the server), JAVA_OPTS, CONNECTIONS, WRK_THREADS, WARMUP, DURATION, PREFILL,
# RUNS, FLOOD_CONNECTIONS (connections sending forged tokens in run 5, default CONNECTIONS),
# DB_OPTS (extra mariadbd options, e.g. --innodb-log-file-size=1G),
# DRIVER (mariadb, the default: MariaDB Connector/J, jdbc:mariadb:; mysql: MySQL Connector/J, jdbc:mysql:),
# JDBC_PARAMS (appended to the JDBC URL; default: the settings README.md recommends for production with that driver —
# server-side prepared statements; for Connector/J also its statement and metadata caches and no redundant session
# round trips; JDBC_PARAMS= measures without them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/../target/getbill-server-1.0.0-all.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
connections="${CONNECTIONS:-32}"
threads="${WRK_THREADS:-1}"
warmup="${WARMUP:-15}"
duration="${DURATION:-30}"
prefill="${PREFILL:-0}"
runs=" ${RUNS:-tokens resource flood} "
flood_connections="${FLOOD_CONNECTIONS:-$connections}"
export BENCH_DIR="$here"
. "$here/common.sh"
driver="${DRIVER:-mariadb}"
connection_settings=$(jdbc_connection_settings "$driver")
jdbc_params="${JDBC_PARAMS-&$(jdbc_recommended_settings "$driver")}"

[ -f "$jar" ] || { echo "missing $jar: run mvn -pl server -am package first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || { echo "mariadbd is missing (apt-get install -y mariadb-server)" >&2; exit 1; }

work="$(mktemp -d /tmp/getbill-bench.XXXXXX)"
db_port="$(free_port)"
port="$(free_port)"
db_pid=""
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$db_pid" ] && kill "$db_pid" 2>/dev/null && wait "$db_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== MariaDB (durable: innodb_flush_log_at_trx_commit=1) on port $db_port"
mariadb-install-db --user=root --datadir="$work/db" --auth-root-authentication-method=normal >"$work/db-install.log" 2>&1
/usr/sbin/mariadbd --no-defaults --user=root --datadir="$work/db" --port="$db_port" --socket="$work/db.sock" \
  --bind-address=127.0.0.1 --innodb-buffer-pool-size=1G ${DB_OPTS:-} --innodb-flush-log-at-trx-commit=1 --max-connections=300 \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >"$work/db.log" 2>&1 &
db_pid=$!
sql() { mariadb --protocol=tcp -h127.0.0.1 -P"$db_port" -uroot "$@"; }
for _ in $(seq 1 100); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
sql -e 'CREATE DATABASE getbill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'

secret_cc="bench-cc-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
secret_rt="bench-rt-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
cat >"$work/bootstrap.yaml" <<YAML
companies:
  - name: Bench Company
    email: bench@bench.example
    credits: 1000
    clients:
      - client_id: bench-cc
        client_secret: "$secret_cc"
        grant_types: [client_credentials]
        scopes: [company:read, debts:read]
        # The resource run sends far more than the default 1,000 reads an hour: without this it measures 429s.
        rate_limits: {reads_per_hour: 10000000, writes_per_hour: 10000000}
      - client_id: bench-refresh
        client_secret: "$secret_rt"
        grant_types: [client_credentials, refresh_token]
        scopes: [company:read, debts:read]
YAML

echo "== Server: $("$java" -version 2>&1 | head -1) ${JAVA_OPTS:-} driver $driver ${jdbc_params}"
DATASOURCES_DEFAULT_URL="jdbc:$driver://127.0.0.1:$db_port/getbill?${connection_settings}${jdbc_params}" \
DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
GETBILL_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" GETBILL_BOOTSTRAP_FILE="$work/bootstrap.yaml" \
GETBILL_DATA_DIR="$work/data" MICRONAUT_SERVER_PORT="$port" \
  "$java" ${JAVA_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" = 200 ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
grep -o 'Startup completed in [0-9]*ms' "$work/server.log" || true
base="http://127.0.0.1:$port"

bench() { # name script auth path
  local name="$1" script="$2" auth="$3" path="$4" line s0 d0 requests
  BENCH_AUTH="$auth" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/$script" "$base$path" >/dev/null
  s0=$(cpu_ms "$server_pid"); d0=$(cpu_ms "$db_pid")
  line=$(BENCH_AUTH="$auth" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/$script" "$base$path" | grep '^RESULT')
  requests=$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
  # CPU per request of the server and of MariaDB: what other processes on the machine do not distort
  printf '%-62s %s server_cpu_us=%d db_cpu_us=%d load=%s\n' "$name" "${line#RESULT }" \
    $(( ($(cpu_ms "$server_pid") - s0) * 1000 / (requests > 0 ? requests : 1) )) \
    $(( ($(cpu_ms "$db_pid") - d0) * 1000 / (requests > 0 ? requests : 1) )) "$(cut -d' ' -f1 /proc/loadavg)"
}
basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }

# Honest callers (resource.lua, $connections connections) beside a flood of forged tokens (forged.lua,
# $flood_connections connections): both warm up together, then both run for the measured duration; one line each.
flood() { # name auth path
  local name="$1" auth="$2" path="$3" kid line flood_line flood_pid s0 requests
  kid=$(curl -s "$base/.well-known/jwks.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["keys"][0]["kid"])')
  BENCH_KID="$kid" wrk -t1 -c"$flood_connections" -d"${warmup}s" -s "$here/forged.lua" "$base$path" >/dev/null &
  flood_pid=$!
  BENCH_AUTH="$auth" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/resource.lua" "$base$path" >/dev/null
  wait "$flood_pid"
  s0=$(cpu_ms "$server_pid")
  BENCH_KID="$kid" wrk -t1 -c"$flood_connections" -d"${duration}s" --latency -s "$here/forged.lua" "$base$path" \
    | grep '^RESULT' >"$work/flood.result" &
  flood_pid=$!
  line=$(BENCH_AUTH="$auth" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/resource.lua" "$base$path" | grep '^RESULT')
  wait "$flood_pid"
  flood_line=$(cat "$work/flood.result")
  requests=$(( $(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p') + $(echo "$flood_line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p') ))
  printf '%-62s %s load=%s\n' "$name" "${line#RESULT }" "$(cut -d' ' -f1 /proc/loadavg)"
  # every forged token must be refused: its non2xx equals its requests
  printf '%-62s %s server_cpu_us_per_request=%d\n' "  beside it: forged tokens, one per request (401 each)" "${flood_line#RESULT }" \
    $(( ($(cpu_ms "$server_pid") - s0) * 1000 / (requests > 0 ? requests : 1) ))
}

echo "== wrk: $connections connections, $threads thread(s), ${warmup}s warm-up + ${duration}s measured per run"
if [[ "$runs" == *" tokens "* ]]; then
  bench "client_credentials, client without refresh_token (tokens/s)" token.lua "$(basic bench-cc "$secret_cc")" /token
  bench "client_credentials + refresh token persisted (tokens/s)" token.lua "$(basic bench-refresh "$secret_rt")" /token
  echo "   refresh_tokens rows: $(sql -N -e 'SELECT COUNT(*) FROM getbill.refresh_tokens')"
fi
token=$(curl -s -u "bench-cc:$secret_cc" -d grant_type=client_credentials "$base/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
if [[ "$runs" == *" resource "* ]]; then
  bench "GET /external-api/v1/company/profile, bearer validated (req/s)" resource.lua "Bearer $token" /external-api/v1/company/profile
fi
if [[ "$runs" == *" flood "* ]]; then
  flood "GET /company/profile beside forged-token flood (req/s)" "Bearer $token" /external-api/v1/company/profile
fi

if [ "$prefill" -gt 0 ]; then
  echo "== Adding $prefill refresh tokens to the table"
  sql getbill -e "INSERT INTO refresh_tokens (token_hash, family_id, client_id, company_id, scope, issued_at, expires_at, used, revoked)
    SELECT SHA2(CONCAT('prefill-', seq), 256), CONCAT('pf', seq), 'bench-refresh', 'prefill', 'company:read',
           UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 30 DAY, FALSE, FALSE FROM seq_1_to_${prefill}"
  echo "   refresh_tokens rows: $(sql -N -e 'SELECT COUNT(*) FROM getbill.refresh_tokens')"
  bench "client_credentials + refresh token, table >= $prefill rows" token.lua "$(basic bench-refresh "$secret_rt")" /token
fi
echo "== Audit lines written: $(grep -c 'event=token_issued' "$work/server.log" || true); errors in server log: $(grep -c ' ERROR ' "$work/server.log" || true)"
