package io.getbill.server.oauth.authorization;

import io.getbill.server.oauth.signin.UserSessions;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the authorization pages leave behind once it can serve nothing: expired pending requests, codes whose
 * access tokens have expired too, ended user sessions. Plain conditional DELETEs, so several instances running it at
 * once only repeat each other's work.
 */
@Singleton
public class AuthorizationCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCleanup.class);

    private final PendingAuthorizations pending;
    private final AuthorizationCodes codes;
    private final UserSessions sessions;

    public AuthorizationCleanup(PendingAuthorizations pending, AuthorizationCodes codes, UserSessions sessions) {
        this.pending = pending;
        this.codes = codes;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "${getbill.admin.session.cleanup-interval:15m}", initialDelay = "5m")
    void scheduled() {
        try {
            int requests = pending.deleteExpired();
            int removedCodes = codes.deleteExpired();
            int ended = sessions.deleteEnded();
            if (requests + removedCodes + ended > 0) {
                LOG.info("Removed {} expired authorization requests, {} old codes, {} ended user sessions",
                        requests, removedCodes, ended);
            }
        } catch (RuntimeException e) {
            LOG.warn("Clean-up of authorization requests, codes and user sessions failed: {}", e.toString());
        }
    }
}
