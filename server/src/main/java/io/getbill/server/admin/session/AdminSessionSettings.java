package io.getbill.server.admin.session;

import io.getbill.server.oauth.signin.SessionTimeouts;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Admin session settings under {@code getbill.admin.session.*}; the timeouts also end a company user's session on
 * the authorization pages ({@link SessionTimeouts}).
 *
 * <ul>
 *   <li>{@code idle-timeout} (default 30m): a session without a request for this long ends — short, because an
 *       unattended admin browser is the most likely way a session is abused;</li>
 *   <li>{@code absolute-lifetime} (default 12h): a session ends this long after sign-in whatever happens, so a stolen
 *       cookie cannot be kept alive by a script;</li>
 *   <li>{@code secure-cookie} (default {@code true}): the cookie carries {@code Secure}, so a browser never sends it
 *       over plain HTTP. Browsers treat {@code http://localhost} as secure, so the default also works for local
 *       development; switch it off only for a plain-HTTP host that is not localhost (a test network).</li>
 * </ul>
 */
@ConfigurationProperties("getbill.admin.session")
public class AdminSessionSettings implements SessionTimeouts {

    private Duration idleTimeout = Duration.ofMinutes(30);
    private Duration absoluteLifetime = Duration.ofHours(12);
    private boolean secureCookie = true;

    @Override
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Duration getAbsoluteLifetime() {
        return absoluteLifetime;
    }

    public void setAbsoluteLifetime(Duration absoluteLifetime) {
        this.absoluteLifetime = absoluteLifetime;
    }

    public boolean isSecureCookie() {
        return secureCookie;
    }

    public void setSecureCookie(boolean secureCookie) {
        this.secureCookie = secureCookie;
    }
}
