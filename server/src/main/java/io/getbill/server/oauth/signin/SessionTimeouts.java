package io.getbill.server.oauth.signin;

import java.time.Duration;

/**
 * How long a signed-in browser session lasts: it ends after {@link #getIdleTimeout()} without a request and
 * {@link #getAbsoluteLifetime()} after sign-in whatever happens. The admin session's settings are the
 * implementation, so a company user's session on the authorization pages ends exactly as an admin session does.
 */
public interface SessionTimeouts {

    Duration getIdleTimeout();

    Duration getAbsoluteLifetime();
}
