# Shared by the benchmark scripts (sourced, not run).

# A TCP port free on the loopback interface now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# CPU time (user + system) a process has used so far, in milliseconds.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# The CPU time of a JVM so far, split by thread: the main thread (start-up's critical path), the JIT compiler
# threads, and the rest (GC, Netty, H2, ...); prints e.g. "main 1510, JIT 1550, other 220" (ms). A thread that ends
# while it is read is skipped.
jvm_cpu_split_ms() {
  local hz t
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" \
      "$(awk -v hz="$hz" '{print int(($14 + $15) * 1000 / hz)}' "$t/stat" 2>/dev/null)"
  done | awk -F'\t' '{k = "other"; if ($1 == "java") k = "main"; else if ($1 ~ /Compiler/) k = "jit"; s[k] += $2}
    END {printf "main %d, JIT %d, other %d", s["main"], s["jit"], s["other"]}'
}

# The JDBC URL settings every benchmark connection carries, per driver (mariadb | mysql): UTC sessions, as the test
# suite runs; Connector/J also without TLS on loopback.
jdbc_connection_settings() {
  case "$1" in
    mariadb) echo "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true" ;;
    mysql) echo "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&useSSL=false&allowPublicKeyRetrieval=true" ;;
    *) echo "the JDBC driver must be mariadb or mysql, not '$1'" >&2; return 1 ;;
  esac
}

# The settings README.md recommends for a production URL, per driver: server-side prepared statements (MariaDB's
# driver caches them by default); for Connector/J also its statement and metadata caches and no redundant session
# round trips (without them every query is re-parsed on the client and GET /debts/{id} halves).
jdbc_recommended_settings() {
  case "$1" in
    mariadb) echo "useServerPrepStmts=true&useLocalSessionState=true" ;;
    mysql) echo "cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048&useServerPrepStmts=true&cacheResultSetMetadata=true&useLocalSessionState=true&elideSetAutoCommits=true&maintainTimeStats=false" ;;
    *) echo "the JDBC driver must be mariadb or mysql, not '$1'" >&2; return 1 ;;
  esac
}
