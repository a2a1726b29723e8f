package io.getbill.client.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.retry.RetryAfter;
import io.getbill.client.retry.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends token requests to the token endpoint and reads the answers (RFC 6749 §5.1 and §5.2).
 *
 * <p>A client-credentials request may be sent again after a connection failure or a 503: issuing a second
 * access token has no side effect. A refresh request is sent exactly once, whatever happens: the server
 * rotates refresh tokens and revokes the whole family when a used one comes back, so after a lost
 * response the only safe move is a new client-credentials grant ({@link TokenManager} does that). An
 * authorization-code exchange is sent exactly once too: a code is single-use, and presenting it again after a
 * lost response revokes every token issued from it (RFC 6749 §4.1.2).
 *
 * <p>The token response is read here rather than through the generated {@code TokenApi}: the generated
 * {@code TokenResponse.toString()} prints both tokens, and the generated call offers no single-send control.
 * Stateless apart from its configuration; thread-safe.
 */
final class TokenEndpointClient {
    private static final System.Logger LOG = System.getLogger("io.getbill.client.token");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final HttpClient http;
    private final URI endpoint;
    private final ClientCredentials credentials;
    private final String scope;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final String userAgent;

    TokenEndpointClient(HttpClient http, URI endpoint, ClientCredentials credentials, String scope, Duration timeout,
                        RetryPolicy retryPolicy, Clock clock, String userAgent) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.scope = scope;
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    /** A client-credentials grant for the configured scopes; resent on connection failure or 503 as the policy allows. */
    IssuedTokens clientCredentials() throws TokenRequestException, IOException, InterruptedException {
        TokenRequest request = TokenRequest.clientCredentials(scope);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retryPolicy.maxAttempts();
            Instant sentAt = clock.instant();
            HttpResponse<byte[]> response;
            try {
                response = send(request);
            } catch (IOException e) {
                if (last) {
                    throw e;
                }
                Duration wait = retryPolicy.backoff(attempt);
                LOG.log(System.Logger.Level.DEBUG, "Token request failed ({0}); sending it again in {1} ms",
                        e.getClass().getSimpleName(), wait.toMillis());
                Thread.sleep(wait.toMillis());
                continue;
            }
            if (response.statusCode() == 503 && !last) {
                Duration wait = RetryAfter.from(response.headers(), clock).orElse(retryPolicy.backoff(attempt));
                if (wait.compareTo(retryPolicy.maxRetryAfter()) <= 0) {
                    LOG.log(System.Logger.Level.DEBUG, "Token endpoint answered 503; sending again in {0} ms", wait.toMillis());
                    Thread.sleep(wait.toMillis());
                    continue;
                }
            }
            return read(response, sentAt);
        }
    }

    /** A refresh-token grant, sent once; any failure is thrown and the refresh token must be dropped. */
    IssuedTokens refresh(String refreshToken) throws TokenRequestException, IOException, InterruptedException {
        Instant sentAt = clock.instant();
        return read(send(TokenRequest.refresh(refreshToken)), sentAt, refreshToken);
    }

    /**
     * An authorization-code grant (RFC 6749 §4.1.3, RFC 7636 §4.5), sent once; the code, redirect URI and verifier
     * are those of one authorization request.
     */
    IssuedTokens authorizationCode(String code, String redirectUri, String codeVerifier)
            throws TokenRequestException, IOException, InterruptedException {
        Instant sentAt = clock.instant();
        return read(send(TokenRequest.authorizationCode(code, redirectUri, codeVerifier)), sentAt, code, codeVerifier);
    }

    private HttpResponse<byte[]> send(TokenRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(request.formBody(credentials), StandardCharsets.UTF_8));
        request.authorizationHeader(credentials).ifPresent(value -> builder.header("Authorization", value));
        LOG.log(System.Logger.Level.DEBUG, "Requesting an access token (grant_type={0}, client_id={1})",
                request.grantType(), credentials.clientId());
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private IssuedTokens read(HttpResponse<byte[]> response, Instant sentAt, String... presented)
            throws TokenRequestException {
        String body = redact(new String(response.body(), StandardCharsets.UTF_8), presented);
        JsonNode json = readJson(response.body());
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        int status = response.statusCode();
        if (status != 200) {
            String error = json != null && json.path("error").isTextual() ? json.get("error").asText() : null;
            String description = json != null && json.path("error_description").isTextual()
                    ? redact(json.get("error_description").asText(), presented) : null;
            throw new TokenRequestException(status, error, description, requestId,
                    RetryAfter.from(response.headers(), clock).orElse(null), response.headers(), body);
        }
        if (json == null || !json.path("access_token").isTextual() || json.get("access_token").asText().isEmpty()) {
            throw unreadable(status, "The token response has no access_token", requestId, response);
        }
        if (!json.path("token_type").isTextual() || !json.get("token_type").asText().equalsIgnoreCase("Bearer")) {
            throw unreadable(status, "The token response's token_type is not Bearer", requestId, response);
        }
        Duration lifetime = json.path("expires_in").canConvertToLong() && json.get("expires_in").asLong() > 0
                ? Duration.ofSeconds(json.get("expires_in").asLong()) : DEFAULT_LIFETIME;
        String grantedScope = json.path("scope").isTextual() ? json.get("scope").asText() : scope;
        String refreshToken = json.path("refresh_token").isTextual() && !json.get("refresh_token").asText().isEmpty()
                ? json.get("refresh_token").asText() : null;
        IssuedTokens tokens = new IssuedTokens(json.get("access_token").asText(), refreshToken, grantedScope,
                sentAt, sentAt.plus(lifetime));
        LOG.log(System.Logger.Level.DEBUG, "Access token issued: scope \"{0}\", expires in {1} s, refresh token {2}",
                grantedScope, lifetime.toSeconds(), refreshToken == null ? "none" : "issued");
        return tokens;
    }

    private static TokenRequestException unreadable(int status, String why, String requestId, HttpResponse<byte[]> response) {
        // The body of a 200 may hold a token: it is not kept.
        return new TokenRequestException(status, null, why, requestId, null, response.headers(), null);
    }

    /** The text without the client secret or any of the presented grant secrets (refresh token, code, verifier). */
    private String redact(String text, String... presented) {
        String result = text;
        String secret = credentials.clientSecret();
        if (secret != null) {
            result = result.replace(secret, "<redacted>").replace(TokenRequest.formEncode(secret), "<redacted>");
        }
        for (String value : presented) {
            if (value != null && !value.isEmpty()) {
                result = result.replace(value, "<redacted>");
            }
        }
        return result;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    ClientCredentials credentials() {
        return credentials;
    }
}
