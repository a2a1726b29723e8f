package io.getbill.client;

import io.getbill.client.api.CompanyApi;
import io.getbill.client.api.CreditorsApi;
import io.getbill.client.api.DebtorsApi;
import io.getbill.client.api.DebtsApi;
import io.getbill.client.api.FollowupsApi;
import io.getbill.client.api.ReportsApi;
import io.getbill.client.api.StatisticsApi;
import io.getbill.client.api.WebhookLogsApi;
import io.getbill.client.errors.ErrorMapper;
import io.getbill.client.invoker.ApiClient;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.retry.IdempotencyKeyGenerator;
import io.getbill.client.retry.RetryPolicy;
import io.getbill.client.token.ClientAuthenticationMethod;
import io.getbill.client.token.TokenCache;
import io.getbill.client.token.TokenManager;
import io.getbill.client.transport.BearerRetryingHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The GetBill API for a partner's backend: the generated API classes, wired to a token manager, typed
 * errors and safe retries.
 *
 * <pre>{@code
 * GetBillClient getbill = GetBillClient.builder()
 *         .baseUrl("https://getbill.io")
 *         .clientId("acme-backend")
 *         .clientSecret(System.getenv("GETBILL_CLIENT_SECRET"))
 *         .scopes("debts:read", "debts:write")
 *         .build();
 * DebtResponse created = getbill.debts().createDebt(request, getbill.idempotencyKey());
 * }</pre>
 *
 * <p><b>What each call gets</b>, without any code of the caller's:
 * <ul>
 *   <li>a bearer token from {@link TokenManager}: fetched on first use with the client-credentials grant,
 *       renewed shortly before expiry (with the refresh token when one was issued, never presenting a
 *       refresh token twice), renewed once and the call sent once more when the server answers
 *       {@code invalid_token};</li>
 *   <li>resends per {@link RetryPolicy} — 429 waited out within bounds; connection failures and 503
 *       resent only for idempotent calls (GET, PUT, DELETE, or POST with an {@code Idempotency-Key});</li>
 *   <li>errors as typed exceptions that extend the generated {@code ApiException}
 *       ({@code ValidationException}, {@code NotFoundException}, {@code RateLimitedException}, …;
 *       see {@link ErrorMapper}).</li>
 * </ul>
 *
 * <p><b>Thread safety.</b> A {@code GetBillClient} is immutable once built and meant to be shared: create one
 * per client id and scope set, and use it from every thread. The API objects it returns are created once and
 * are thread-safe (their state is final; each call builds its own request).
 *
 * <p>The client secret and tokens never appear in {@link #toString()}, log records or exception messages.
 */
public final class GetBillClient {
    /** This client's version, equal to the {@code info.version} of the contract it was generated from. */
    public static final String VERSION = readVersion();

    private final URI baseUrl;
    private final String clientId;
    private final List<String> scopes;
    private final ClientAuthenticationMethod clientAuthentication;
    private final TokenManager tokens;
    private final IdempotencyKeyGenerator idempotencyKeys;
    private final boolean automaticIdempotencyKeys;

    private final DebtsApi debts;
    private final FollowupsApi followups;
    private final DebtorsApi debtors;
    private final CreditorsApi creditors;
    private final CompanyApi company;
    private final StatisticsApi statistics;
    private final ReportsApi reports;
    private final WebhookLogsApi webhookLogs;

    private GetBillClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.clientId = builder.clientId;
        this.scopes = List.copyOf(builder.scopes);
        this.clientAuthentication = builder.clientAuthentication;
        this.automaticIdempotencyKeys = builder.idempotencyKeys != null;
        this.idempotencyKeys = builder.idempotencyKeys != null ? builder.idempotencyKeys : IdempotencyKeyGenerator.uuid();
        String userAgent = "getbill-java-client/" + VERSION + " Java/" + System.getProperty("java.version");

        HttpClient http = builder.httpClient != null ? builder.httpClient
                : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI tokenEndpoint = builder.tokenEndpoint != null ? builder.tokenEndpoint : resolve(builder.baseUrl, "/token");
        this.tokens = builder.tokenManager != null ? builder.tokenManager : TokenManager.builder()
                .tokenEndpoint(tokenEndpoint)
                .clientId(builder.clientId)
                .clientSecret(builder.clientSecret)
                .clientAuthentication(builder.clientAuthentication)
                .scopes(builder.scopes)
                .httpClient(http)
                .requestTimeout(builder.requestTimeout)
                .retryPolicy(builder.retryPolicy)
                .refreshSkew(builder.tokenRefreshSkew)
                .cache(builder.tokenCache)
                .clock(builder.clock)
                .userAgent(userAgent)
                .build();
        BearerRetryingHttpClient transport = new BearerRetryingHttpClient(http, tokens, builder.retryPolicy,
                builder.idempotencyKeys, builder.clock);

        ApiClient apiClient = new ApiClient(transport.asBuilder(),
                ApiClient.createDefaultObjectMapper().registerModule(new SchemaDefaultsModule()),
                stripTrailingSlash(builder.baseUrl.toString()));
        apiClient.setReadTimeout(builder.requestTimeout);
        apiClient.setRequestInterceptor(request -> request.setHeader("User-Agent", userAgent));

        this.debts = new DebtsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.followups = new FollowupsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.debtors = new DebtorsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.creditors = new CreditorsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.company = new CompanyApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.statistics = new StatisticsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.reports = new ReportsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
        this.webhookLogs = new WebhookLogsApi(apiClient) {
            @Override
            protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
                return ErrorMapper.toException(operationId, response);
            }
        };
    }

    /** A builder; {@code baseUrl}, {@code clientId} and {@code clientSecret} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Debts: list, create, batch create, get, update, delete, by creditor, by debtor. */
    public DebtsApi debts() {
        return debts;
    }

    /** Followups: list, create, get, update, by debt. */
    public FollowupsApi followups() {
        return followups;
    }

    /** Debtors: list, get, update. */
    public DebtorsApi debtors() {
        return debtors;
    }

    /** Creditors: list, get, update. */
    public CreditorsApi creditors() {
        return creditors;
    }

    /** The caller's company: profile, users, credits. */
    public CompanyApi company() {
        return company;
    }

    /** The company's statistics. */
    public StatisticsApi statistics() {
        return statistics;
    }

    /** Reports and their download links. */
    public ReportsApi reports() {
        return reports;
    }

    /** Webhook delivery logs and statistics. */
    public WebhookLogsApi webhookLogs() {
        return webhookLogs;
    }

    /**
     * A new {@code Idempotency-Key} for the {@code idempotencyKey} argument of a generated {@code POST} operation:
     * {@code debts().createDebt(request, client.idempotencyKey())}. A POST carrying a key is resent after a
     * connection failure or 503 with the same key (the server answers a repeat with the original response); one
     * without is never resent. Keep the key and pass it again to repeat the same logical request yourself.
     */
    public String idempotencyKey() {
        return idempotencyKeys.newKey();
    }

    /**
     * The token manager behind this client (for callers that need a token for something else);
     * {@link TokenManager#actsForUser()} tells a client acting for a user from one acting for itself.
     */
    public TokenManager tokens() {
        return tokens;
    }

    /** Shows the configuration that is not secret. */
    @Override
    public String toString() {
        return "GetBillClient[version=" + VERSION + ", baseUrl=" + baseUrl + ", clientId=" + clientId
                + ", clientSecret=<redacted>, scopes=" + scopes + ", clientAuthentication=" + clientAuthentication
                + (tokens.actsForUser() ? ", actsForUser=true" : "")
                + ", automaticIdempotencyKeys=" + automaticIdempotencyKeys + "]";
    }

    private static URI resolve(URI base, String path) {
        return URI.create(stripTrailingSlash(base.toString()) + path);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = GetBillClient.class.getResourceAsStream("client.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    /** Builds a {@link GetBillClient}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private URI baseUrl;
        private URI tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private final List<String> scopes = new ArrayList<>();
        private ClientAuthenticationMethod clientAuthentication = ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration tokenRefreshSkew = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private IdempotencyKeyGenerator idempotencyKeys;
        private TokenCache tokenCache;
        private Clock clock = Clock.systemUTC();
        private TokenManager tokenManager;

        private Builder() {
        }

        /** Where the API runs, e.g. {@code https://getbill.io} or {@code http://localhost:8080} (required). */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
        }

        /** Where the API runs (required). Resources are under {@code <baseUrl>/external-api/v1}. */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** The token endpoint, if not {@code <baseUrl>/token}. */
        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        /** The client id GetBill registered (required). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The client secret (required). Read it from a secret store, never from source code. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** The scopes to request: only those the integration needs. None means every registered scope. */
        public Builder scopes(String... scopes) {
            return scopes(Arrays.asList(scopes));
        }

        /** The scopes to request. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes.clear();
            this.scopes.addAll(scopes);
            return this;
        }

        /** {@code client_secret_basic} (default) or {@code client_secret_post}. */
        public Builder clientAuthentication(ClientAuthenticationMethod clientAuthentication) {
            this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
            return this;
        }

        /**
         * The {@code java.net.http} client to send with (proxy, TLS, executor); default: a new one with
         * {@link #connectTimeout(Duration)} and no redirects. {@code connectTimeout} is then ignored.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Connect timeout of the default {@code HttpClient} (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time allowed for one request, token requests included, until its response arrives (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long before expiry the token is renewed (default 60 s, at most half its lifetime). */
        public Builder tokenRefreshSkew(Duration tokenRefreshSkew) {
            this.tokenRefreshSkew = Objects.requireNonNull(tokenRefreshSkew, "tokenRefreshSkew");
            return this;
        }

        /** Resends and back-off (default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} disables them). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Adds an {@code Idempotency-Key} made by {@code generator} to every POST that has none, which makes
         * every POST resendable. Off by default: turn it on only against a server that honours the header
         * (otherwise a resent POST may act twice). Without it, pass {@link GetBillClient#idempotencyKey()}
         * to the POSTs that should be resendable.
         */
        public Builder idempotencyKeys(IdempotencyKeyGenerator generator) {
            this.idempotencyKeys = generator;
            return this;
        }

        /** Optional store for tokens shared across processes or restarts; see {@link TokenCache}. */
        public Builder tokenCache(TokenCache tokenCache) {
            this.tokenCache = tokenCache;
            return this;
        }

        /** The clock that decides token expiry (default UTC system clock); for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Takes bearer tokens from {@code tokenManager} instead of a client-credentials manager built from this
         * builder's settings — typically one acting for a user ({@code AuthorizationCodeFlow.complete} builds the
         * client this way). The client secret, scopes, token endpoint and cache settings are then the manager's
         * business and not required here.
         */
        public Builder tokenManager(TokenManager tokenManager) {
            this.tokenManager = tokenManager;
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException if a required setting is missing or invalid
         */
        public GetBillClient build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId is required");
            }
            if (tokenManager == null && (clientSecret == null || clientSecret.isBlank())) {
                throw new IllegalArgumentException("clientSecret is required (a public client acts only for a user: "
                        + "see AuthorizationCodeFlow)");
            }
            return new GetBillClient(this);
        }
    }
}
