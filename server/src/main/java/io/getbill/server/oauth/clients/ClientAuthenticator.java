package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.OAuthErrorCode;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.FormParameters;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Client authentication for the token, revocation and introspection endpoints (RFC 6749 §2.3.1): HTTP Basic with
 * form-urlencoded id and secret ({@code client_secret_basic}) or {@code client_id} and {@code client_secret} in the
 * body ({@code client_secret_post}) — exactly one of them per request.
 *
 * <p>The client record comes from {@link ClientRegistry} (cached for a few seconds, so a token request needs no
 * database query), failures are counted by {@link ClientAuthenticationThrottle}, and successful uses are noted for
 * {@code last_used_at} by {@link ClientUsageRecorder} without a database write.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 */
@Singleton
public class ClientAuthenticator {

    /** Request attribute: the client id the request presented, whether or not it authenticated. */
    private static final String PRESENTED_CLIENT_ID = "getbill.presented-client-id";

    private final ClientRegistry clients;
    private final ClientSecretHasher hasher;
    private final ClientAuthenticationThrottle throttle;
    private final ClientUsageRecorder usage;

    public ClientAuthenticator(ClientRegistry clients, ClientSecretHasher hasher, ClientAuthenticationThrottle throttle,
                               ClientUsageRecorder usage) {
        this.clients = clients;
        this.hasher = hasher;
        this.throttle = throttle;
        this.usage = usage;
    }

    /**
     * Authenticates the client of an OAuth endpoint request: throttle check of the source address, credentials
     * (one method only), throttle check of the client id, then the secret.
     *
     * @throws OAuthException {@code temporarily_unavailable} (429) when throttled, {@code invalid_request} for two
     *                        methods or repeated headers, {@code invalid_client} when authentication fails
     */
    public OAuthClient authenticate(HttpRequest<?> request, FormParameters form) {
        return authenticate(request, form, false);
    }

    /**
     * Like {@link #authenticate(HttpRequest, FormParameters)}; where {@code allowPublic}, a public client (registered
     * with {@code token_endpoint_auth_method: none}) is identified by {@code client_id} in the body alone (RFC 6749
     * §2.1, §3.2.1). {@link ClientAuthenticationStep} decides which endpoints allow it.
     */
    OAuthClient authenticate(HttpRequest<?> request, FormParameters form, boolean allowPublic) {
        String address = throttle.sourceAddress(request);
        throttle.checkAddress(address);
        Credentials credentials;
        try {
            credentials = credentials(request, form);
        } catch (OAuthException e) {
            if (e.error() == OAuthErrorCode.INVALID_CLIENT) {
                String presented = form.has("client_id") ? form.single("client_id") : null;
                if (presented != null) {
                    request.setAttribute(PRESENTED_CLIENT_ID, presented);
                }
                throttle.recordFailure(presented, address);
            }
            throw e;
        }
        request.setAttribute(PRESENTED_CLIENT_ID, credentials.clientId());
        throttle.checkClient(credentials.clientId());
        OAuthClient client;
        try {
            client = authenticate(credentials, allowPublic);
        } catch (OAuthException e) {
            throttle.recordFailure(credentials.clientId(), address);
            throw e;
        }
        usage.recordUse(client.clientId());
        return client;
    }

    /** The client id {@code request} presented (for the audit trail), if any. */
    public static Optional<String> presentedClientId(HttpRequest<?> request) {
        return request.getAttribute(PRESENTED_CLIENT_ID, String.class);
    }

    /** The credentials a request presents, before they are checked. */
    public record Credentials(String clientId, String secret, boolean basic) {
        @Override
        public String toString() {
            return "Credentials{clientId=" + clientId + ", basic=" + basic + ", secret=<redacted>}";
        }
    }

    /**
     * Extracts the presented credentials.
     *
     * @throws OAuthException {@code invalid_request} for two methods at once or a malformed Basic header,
     *                        {@code invalid_client} when the client does not authenticate at all
     */
    public Credentials credentials(HttpRequest<?> request, FormParameters form) {
        List<String> authorizations = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() > 1) {
            throw OAuthException.invalidRequest("Use exactly one Authorization header");
        }
        String bodyId = form.single("client_id");
        String bodySecret = form.single("client_secret");
        if (!authorizations.isEmpty()) {
            String header = authorizations.get(0).trim();
            if (!header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
                throw OAuthException.invalidClient("Unsupported client authentication scheme; use Basic or the request body", true);
            }
            if (bodySecret != null) {
                throw OAuthException.invalidRequest("Use one client authentication method: HTTP Basic or the request body, not both");
            }
            Credentials basic = decodeBasic(header.substring(6).trim());
            if (bodyId != null && !bodyId.equals(basic.clientId())) {
                throw OAuthException.invalidRequest("client_id in the body differs from the HTTP Basic client");
            }
            return basic;
        }
        if (bodyId == null) {
            throw OAuthException.invalidClient("Client authentication required", false);
        }
        // No secret: only a public client may authenticate so, which authenticate(Credentials, boolean) decides.
        return new Credentials(bodyId, bodySecret, false);
    }

    /**
     * Authenticates the presented credentials against the registered client.
     *
     * @throws OAuthException {@code invalid_client} for an unknown or disabled client or a wrong secret
     */
    public OAuthClient authenticate(Credentials credentials) {
        return authenticate(credentials, false);
    }

    /**
     * A confidential client must present its secret; a public client must present none (a secret sent for it is
     * refused rather than ignored, so a misconfigured app notices), and only where {@code allowPublic}.
     */
    private OAuthClient authenticate(Credentials credentials, boolean allowPublic) {
        OAuthClient client = clients.find(credentials.clientId()).orElse(null);
        boolean ok;
        if (client == null || !client.enabled()) {
            ok = false;
        } else if (client.isPublic()) {
            ok = allowPublic && credentials.secret() == null;
        } else {
            ok = credentials.secret() != null && secretMatches(client, credentials.secret());
        }
        if (!ok) {
            throw OAuthException.invalidClient("Client authentication failed", credentials.basic());
        }
        return client;
    }

    private boolean secretMatches(OAuthClient client, String secret) {
        if (client.secretHash() == null) {
            return false;
        }
        if (hasher.matches(secret, client.secretHash())) {
            return true;
        }
        return client.previousSecretHash() != null
                && client.previousSecretExpiresAt() != null
                && client.previousSecretExpiresAt().isAfter(Instant.now())
                && hasher.matches(secret, client.previousSecretHash());
    }

    private static Credentials decodeBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed HTTP Basic credentials", true);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthException.invalidClient("Malformed HTTP Basic credentials", true);
        }
        try {
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (secret.isEmpty()) {
                throw OAuthException.invalidClient("Client authentication failed", true);
            }
            return new Credentials(id, secret, true);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed HTTP Basic credentials", true);
        }
    }
}
