package io.getbill.server.infrastructure.errors;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that means "the database cannot be reached right now" rather than a fault of the request or
 * of this server: no pooled connection within the bounded wait, a refused or lost connection, a statement that got
 * no answer within the socket timeout, a server shutting down, or a Galera node that is not part of the primary
 * component. Such a failure is answered {@code 503 Service Unavailable} with {@code Retry-After}; the request may be
 * retried once the database is back (a write either committed before the failure, or did not happen: its
 * transaction was not acknowledged).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4">RFC 9110 §15.6.4</a>
 */
public final class DatabaseUnavailable {

    /** Seconds a client is told to wait before retrying. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            // Micronaut could not obtain or set up a connection (e.g. the pool handed out one the database had
            // just closed: Hikari's "Connection is closed", without SQLState).
            if (t instanceof ConnectionException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        int code = sql.getErrorCode();
        // SQLState class 08: connection exception. 1047: WSREP (Galera) not ready / not in the primary component;
        // 1053: server shutdown in progress; 1927: connection killed; 2002/2003/2006/2013: cannot connect / gone away.
        return (state != null && state.startsWith("08"))
                || code == 1047 || code == 1053 || code == 1927
                || code == 2002 || code == 2003 || code == 2006 || code == 2013;
    }
}
