# Shared by the benchmark scripts (sourced, not run).

# CPU time (user + system) a process has used so far, in milliseconds.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

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
