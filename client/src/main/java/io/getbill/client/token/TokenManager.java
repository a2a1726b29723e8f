package io.getbill.client.token;

import io.getbill.client.errors.ReauthorizationRequiredException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.retry.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Holds the client's access token and renews it: fetched on first use, renewed shortly before it expires
 * (with the refresh token when one was issued, else with a new client-credentials grant), and renewed once
 * more when a resource refuses it as {@code invalid_token}.
 *
 * <p><b>Refresh tokens are presented once.</b> GetBill rotates refresh tokens and revokes the whole family
 * when a used one comes back (RFC 9700 §4.14.2). So the manager forgets a refresh token the moment it sends
 * it; if the refresh fails for any reason — an error, a timeout, a lost response — it asks for a new token
 * with the client-credentials grant instead of sending the refresh again. A token response without a new
 * refresh token means the next renewal is a client-credentials grant as well.
 *
 * <p><b>Acting for a user.</b> A manager built with {@link Builder#userTokens(IssuedTokens)} or
 * {@link Builder#redeemAuthorizationCode(String, String, String)} holds tokens a user granted through the
 * authorization code flow (RFC 6749 §4.1). It renews them only with their refresh token — presented once, as
 * above — and never falls back to client credentials: a public client has no such grant, and a confidential
 * client's own token would act for its company, not for the user. When the refresh fails, or there is none,
 * {@link #accessToken()} throws {@link ReauthorizationRequiredException}: the user must authorize again.
 *
 * <p><b>Thread safety.</b> All methods may be called from any number of threads. A renewal is single-flight:
 * every thread that needs a token while one is being fetched waits for that one request and shares its
 * result, success or failure — a hundred threads starting at once cause one token request. The fast path
 * (a fresh token in memory) takes no lock.
 *
 * <p>No token or secret appears in {@link #toString()}, in log records or in exception messages.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4 (client credentials)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3">RFC 6749 §4.1.3 (authorization code)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6 (refreshing)</a>
 */
public final class TokenManager {
    private static final System.Logger LOG = System.getLogger("io.getbill.client.token");

    private final TokenEndpointClient endpoint;
    private final Clock clock;
    private final Duration refreshSkew;
    private final TokenCache cache;
    private final String cacheKey;
    private final boolean actsForUser;

    private final Object lock = new Object();
    private volatile IssuedTokens current;
    private CompletableFuture<IssuedTokens> inFlight;

    private TokenManager(Builder builder, TokenEndpointClient endpoint, IssuedTokens userTokens) {
        this.endpoint = endpoint;
        this.clock = builder.clock;
        this.refreshSkew = builder.refreshSkew;
        this.actsForUser = userTokens != null;
        this.cache = actsForUser ? null : builder.cache;
        this.cacheKey = builder.tokenEndpoint + " " + endpoint.credentials().clientId() + " " + endpoint.scope().orElse("");
        this.current = userTokens;
    }

    /** A builder; {@code tokenEndpoint}, {@code clientId} and {@code clientSecret} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh access token: the one in memory (or in the {@link TokenCache}) if it is not due for renewal,
     * else a new one.
     *
     * @throws TokenRequestException if the token endpoint refused the client-credentials grant; for a manager
     *                               acting for a user, a {@link ReauthorizationRequiredException} when the
     *                               user's tokens cannot be renewed
     * @throws IOException           if the token endpoint could not be reached
     * @throws InterruptedException  if the thread was interrupted while waiting
     */
    public String accessToken() throws TokenRequestException, IOException, InterruptedException {
        while (true) {
            IssuedTokens tokens = current;
            if (tokens != null && tokens.isFreshAt(clock.instant(), refreshSkew)) {
                return tokens.accessToken();
            }
            CompletableFuture<IssuedTokens> flight;
            boolean leader = false;
            synchronized (lock) {
                tokens = current;
                if (tokens != null && tokens.isFreshAt(clock.instant(), refreshSkew)) {
                    return tokens.accessToken();
                }
                flight = inFlight;
                if (flight == null) {
                    flight = new CompletableFuture<>();
                    inFlight = flight;
                    leader = true;
                }
            }
            if (leader) {
                return lead(flight, tokens).accessToken();
            }
            try {
                return flight.get().accessToken();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InterruptedException) {
                    continue; // the fetching thread was interrupted, not this one: try again
                }
                if (cause instanceof TokenRequestException tre) {
                    throw tre;
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) cause;
            }
        }
    }

    private IssuedTokens lead(CompletableFuture<IssuedTokens> flight, IssuedTokens previous)
            throws TokenRequestException, IOException, InterruptedException {
        try {
            IssuedTokens obtained = obtain(previous);
            synchronized (lock) {
                current = obtained;
                inFlight = null;
            }
            flight.complete(obtained);
            return obtained;
        } catch (Throwable failure) {
            synchronized (lock) {
                inFlight = null;
            }
            flight.completeExceptionally(failure);
            throw failure;
        }
    }

    private IssuedTokens obtain(IssuedTokens previous) throws TokenRequestException, IOException, InterruptedException {
        if (actsForUser) {
            return refreshForUser(previous);
        }
        IssuedTokens base = previous;
        Optional<IssuedTokens> cached = loadFromCache();
        if (cached.isPresent()) {
            if (cached.get().isFreshAt(clock.instant(), refreshSkew)) {
                return cached.get();
            }
            base = cached.get();
        }
        if (base != null && base.refreshToken().isPresent()) {
            String refreshToken = base.refreshToken().get();
            // From here on the refresh token is spent, whatever the outcome.
            current = base.withoutRefreshToken();
            removeFromCache();
            try {
                IssuedTokens refreshed = endpoint.refresh(refreshToken);
                storeInCache(refreshed);
                return refreshed;
            } catch (InterruptedException e) {
                throw e;
            } catch (TokenRequestException e) {
                LOG.log(System.Logger.Level.WARNING, "Refresh token grant refused ({0}); requesting a new token "
                        + "with client_credentials", e.error().orElse("HTTP " + e.status()));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Refresh token grant failed ({0}); requesting a new token "
                        + "with client_credentials (the refresh is never sent twice)", e.getClass().getSimpleName());
            }
        }
        IssuedTokens issued = endpoint.clientCredentials();
        storeInCache(issued);
        return issued;
    }

    /** Renews a user's tokens with their refresh token, sent once; there is nothing to fall back to. */
    private IssuedTokens refreshForUser(IssuedTokens previous)
            throws ReauthorizationRequiredException, InterruptedException {
        if (previous == null || previous.refreshToken().isEmpty()) {
            throw ReauthorizationRequiredException.noRefreshToken();
        }
        String refreshToken = previous.refreshToken().get();
        // From here on the refresh token is spent, whatever the outcome.
        current = previous.withoutRefreshToken();
        try {
            return endpoint.refresh(refreshToken);
        } catch (TokenRequestException e) {
            LOG.log(System.Logger.Level.WARNING, "Refresh of a user''s tokens refused ({0}); the user must authorize again",
                    e.error().orElse("HTTP " + e.status()));
            throw ReauthorizationRequiredException.refused(e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Refresh of a user''s tokens got no answer ({0}); it is never sent "
                    + "twice, so the user must authorize again", e.getClass().getSimpleName());
            throw ReauthorizationRequiredException.lost(e);
        }
    }

    /** Whether this manager holds a user's tokens (authorization code flow) rather than the client's own. */
    public boolean actsForUser() {
        return actsForUser;
    }

    /**
     * The scopes granted to the tokens in hand, space-separated (for a user: what they consented to); empty
     * before the first token.
     */
    public String grantedScope() {
        IssuedTokens tokens = current;
        return tokens == null ? "" : tokens.scope();
    }

    /**
     * Reports that a resource refused {@code accessToken} with {@code invalid_token}. If it is still the
     * current token it is dropped, so the next {@link #accessToken()} renews it (once, however many threads
     * report the same token). A token that was already replaced is ignored.
     */
    public void accessTokenRejected(String accessToken) {
        synchronized (lock) {
            IssuedTokens tokens = current;
            if (tokens != null && tokens.accessToken().equals(accessToken)) {
                current = tokens.withAccessTokenRejected();
                removeFromCache();
                LOG.log(System.Logger.Level.DEBUG, "Access token refused by the server; it will be renewed");
            }
        }
    }

    /** The key under which tokens are kept in the {@link TokenCache}. */
    public String cacheKey() {
        return cacheKey;
    }

    private Optional<IssuedTokens> loadFromCache() {
        if (cache == null) {
            return Optional.empty();
        }
        try {
            return Objects.requireNonNullElse(cache.load(cacheKey), Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Token cache load failed ({0}); ignoring it", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void storeInCache(IssuedTokens tokens) {
        if (cache != null) {
            try {
                cache.store(cacheKey, tokens);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Token cache store failed ({0}); ignoring it", e.getClass().getSimpleName());
            }
        }
    }

    private void removeFromCache() {
        if (cache != null) {
            try {
                cache.remove(cacheKey);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Token cache remove failed ({0}); ignoring it", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public String toString() {
        return "TokenManager[tokenEndpoint=" + endpoint.endpoint() + ", " + endpoint.credentials()
                + (actsForUser ? ", actsForUser=true" : ", scope=" + endpoint.scope().orElse(""))
                + ", refreshSkew=" + refreshSkew + "]";
    }

    /** Builds a {@link TokenManager}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private URI tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private ClientAuthenticationMethod method = ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
        private final List<String> scopes = new ArrayList<>();
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration refreshSkew = Duration.ofSeconds(60);
        private TokenCache cache;
        private Clock clock = Clock.systemUTC();
        private String userAgent = "getbill-java-client";
        private IssuedTokens userTokens;

        private Builder() {
        }

        /** The token endpoint, e.g. {@code https://getbill.io/token}. */
        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            return this;
        }

        /** The registered client id. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The client secret; kept out of every {@code toString}, log record and exception message. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * How to authenticate to the token endpoint (default {@code client_secret_basic}); {@code none} for a
         * public client, which has no secret and can only act for a user.
         */
        public Builder clientAuthentication(ClientAuthenticationMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The scopes to request; none means the client's registered scopes. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes.clear();
            for (String scope : scopes) {
                if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("A scope must be one non-blank word: \"" + scope + "\"");
                }
                if (!this.scopes.contains(scope)) {
                    this.scopes.add(scope);
                }
            }
            return this;
        }

        /** The HTTP client for token requests (default: a new one). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Timeout of one token request (default 30 s); a refresh that times out is not sent again. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** Resends of a client-credentials request after a connection failure or 503 (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** How long before expiry a token is renewed (default 60 s; at most half the token's lifetime). */
        public Builder refreshSkew(Duration refreshSkew) {
            if (refreshSkew == null || refreshSkew.isNegative()) {
                throw new IllegalArgumentException("refreshSkew must not be negative");
            }
            this.refreshSkew = refreshSkew;
            return this;
        }

        /** Optional external store for tokens; see {@link TokenCache}. */
        public Builder cache(TokenCache cache) {
            this.cache = cache;
            return this;
        }

        /** The clock that decides expiry (default UTC system clock); for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The {@code User-Agent} of token requests. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * Tokens a user granted this client through the authorization code flow: the manager then acts for that
         * user, renews only with the refresh token, and throws {@link ReauthorizationRequiredException} when it
         * cannot. Such a manager does not use a {@link TokenCache} (its key does not name the user).
         */
        public Builder userTokens(IssuedTokens tokens) {
            this.userTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** The manager. */
        public TokenManager build() {
            TokenEndpointClient endpoint = endpoint();
            if (userTokens == null && endpoint.credentials().isPublic()) {
                throw new IllegalArgumentException("A public client (none) has no client-credentials grant: it can only "
                        + "act for a user (userTokens, redeemAuthorizationCode)");
            }
            return new TokenManager(this, endpoint, userTokens);
        }

        /**
         * Redeems an authorization code at the token endpoint (RFC 6749 §4.1.3 with the RFC 7636 §4.5 verifier) and
         * returns a manager acting for the user who granted it. The request is sent exactly once: a code is
         * single-use, and a second presentation revokes every token issued from it. No scope is sent: the code
         * carries the scopes the user consented to.
         *
         * @param code         the {@code code} of the authorization response
         * @param redirectUri  the {@code redirect_uri} of the authorization request, byte for byte
         * @param codeVerifier the PKCE verifier whose challenge the authorization request carried
         * @throws TokenRequestException if the token endpoint refused the code ({@code invalid_grant}: unknown,
         *                               expired or used code, wrong verifier or redirect URI; {@code invalid_client})
         * @throws IOException           if the token endpoint could not be reached or its answer was lost
         * @throws InterruptedException  if the thread was interrupted while waiting
         */
        public TokenManager redeemAuthorizationCode(String code, String redirectUri, String codeVerifier)
                throws TokenRequestException, IOException, InterruptedException {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            TokenEndpointClient endpoint = endpoint();
            IssuedTokens issued = endpoint.authorizationCode(code, redirectUri, codeVerifier);
            return new TokenManager(this, endpoint, issued);
        }

        private TokenEndpointClient endpoint() {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint is required");
            ClientCredentials credentials = new ClientCredentials(clientId, clientSecret, method);
            HttpClient http = httpClient != null ? httpClient
                    : HttpClient.newBuilder().connectTimeout(requestTimeout).build();
            return new TokenEndpointClient(http, tokenEndpoint, credentials, String.join(" ", scopes),
                    requestTimeout, retryPolicy, clock, userAgent);
        }
    }
}
