package io.getbill.client.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.client.GetBillClient;
import io.getbill.client.errors.ReauthorizationRequiredException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.retry.RetryPolicy;
import io.getbill.client.token.ClientAuthenticationMethod;
import io.getbill.client.token.TokenManager;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * For third-party apps acting for a GetBill user: the authorization code flow with PKCE (RFC 6749 §4.1,
 * RFC 7636), from the authorization URL to a {@link GetBillClient} that calls the API as that user.
 *
 * <pre>{@code
 * AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()
 *         .baseUrl("https://getbill.io")
 *         .clientId("acme-invoicing-app")
 *         .redirectUri("https://app.acme.example/callback")
 *         .build();                                   // a public client; add .clientSecret(...) for a confidential one
 *
 * PendingAuthorization pending = flow.start("debts:read", "company:read");
 * session.put("getbill", pending);                    // the user's own session, server-side
 * // send the browser to pending.authorizationUri()
 *
 * // at https://app.acme.example/callback?code=...&state=...&iss=...
 * GetBillClient getbill = flow.complete((PendingAuthorization) session.remove("getbill"), callbackUri);
 * getbill.debts().listDebts(...);                     // as the user, tokens kept fresh
 * }</pre>
 *
 * <p><b>{@link #start}</b> reads the server's metadata once (RFC 8414: {@code issuer},
 * {@code authorization_endpoint}, whether {@code iss} comes back) and builds the authorization URL with
 * {@code response_type=code}, {@code client_id}, {@code redirect_uri}, {@code scope}, a fresh {@code state}
 * (256 random bits, base64url) and the {@code S256} challenge of a fresh verifier.
 *
 * <p><b>{@link #complete}</b> checks the callback before anything else: {@code state} equal byte for byte to the
 * pending request's (RFC 6749 §10.12), {@code iss} equal to the issuer (RFC 9207 §2.4; required because GetBill's
 * metadata says {@code authorization_response_iss_parameter_supported: true}), no repeated parameter. Only then is
 * an {@code error} reported ({@link AuthorizationDeniedException} for {@code access_denied},
 * {@link AuthorizationErrorException} otherwise) or the code exchanged at the token endpoint — once, with the
 * verifier and the same {@code redirect_uri}; a confidential client authenticates as configured, a public client
 * sends its {@code client_id} and no secret.
 *
 * <p><b>The client it returns</b> acts for the user: its {@link TokenManager} renews the user's access token with
 * the refresh token (rotated, each presented at most once) and never falls back to client credentials. When the
 * user's tokens cannot be renewed, calls throw {@link ReauthorizationRequiredException}: start the flow again.
 *
 * <p>Thread-safe: one flow per client registration, shared by all users; each user gets their own
 * {@link PendingAuthorization} and {@link GetBillClient}. No state, verifier, code or token appears in
 * {@link #toString()}, log records or exception messages.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1">RFC 9700 §2.1</a>
 */
public final class AuthorizationCodeFlow {
    private static final System.Logger LOG = System.getLogger("io.getbill.client.authorization");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    private final URI baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthenticationMethod clientAuthentication;
    private final String redirectUri;
    private final URI tokenEndpoint;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration tokenRefreshSkew;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final SecureRandom random;
    private final String userAgent;
    private final ServerMetadata configuredMetadata;
    private volatile ServerMetadata metadata;

    private AuthorizationCodeFlow(Builder builder, ClientAuthenticationMethod clientAuthentication) {
        this.baseUrl = builder.baseUrl;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.clientAuthentication = clientAuthentication;
        this.redirectUri = builder.redirectUri;
        this.tokenEndpoint = builder.tokenEndpoint != null ? builder.tokenEndpoint : resolve(baseUrl, "/token");
        this.http = builder.httpClient != null ? builder.httpClient
                : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = builder.requestTimeout;
        this.tokenRefreshSkew = builder.tokenRefreshSkew;
        this.retryPolicy = builder.retryPolicy;
        this.clock = builder.clock;
        this.random = builder.random != null ? builder.random : new SecureRandom();
        this.userAgent = "getbill-java-client/" + GetBillClient.VERSION + " Java/" + System.getProperty("java.version");
        this.configuredMetadata = builder.issuer != null && builder.authorizationEndpoint != null
                ? new ServerMetadata(builder.issuer, builder.authorizationEndpoint, true) : null;
    }

    /** A builder; {@code baseUrl}, {@code clientId} and {@code redirectUri} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an authorization request for {@code scopes} (none: the client's registered scopes) with the
     * configured redirect URI.
     *
     * @throws IOException          if the server's metadata could not be read (it is read once, then kept)
     * @throws InterruptedException if the thread was interrupted while waiting for it
     */
    public PendingAuthorization start(String... scopes) throws IOException, InterruptedException {
        return start(redirectUri, Arrays.asList(scopes));
    }

    /**
     * Starts an authorization request for {@code scopes} with the configured redirect URI.
     *
     * @throws IOException          if the server's metadata could not be read
     * @throws InterruptedException if the thread was interrupted while waiting for it
     */
    public PendingAuthorization start(Collection<String> scopes) throws IOException, InterruptedException {
        return start(redirectUri, scopes);
    }

    /**
     * Starts an authorization request with another registered redirect URI — e.g. a desktop app's loopback
     * receiver on a port chosen at run time ({@code http://127.0.0.1:53682/callback}; GetBill lets the port of
     * a registered loopback redirect vary, RFC 8252 §7.3).
     *
     * @throws IllegalArgumentException if {@code redirectUri} is not absolute or has a fragment
     * @throws IOException              if the server's metadata could not be read
     * @throws InterruptedException     if the thread was interrupted while waiting for it
     */
    public PendingAuthorization start(String redirectUri, Collection<String> scopes) throws IOException, InterruptedException {
        checkRedirectUri(redirectUri);
        String scope = scope(scopes);
        ServerMetadata server = metadata();
        String state = BASE64URL.encodeToString(randomOctets());
        CodeVerifier verifier = CodeVerifier.generate(random);

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        if (!scope.isEmpty()) {
            parameters.put("scope", scope);
        }
        parameters.put("state", state);
        parameters.put("code_challenge", verifier.challenge());
        parameters.put("code_challenge_method", CodeVerifier.S256);
        StringBuilder url = new StringBuilder(server.authorizationEndpoint().toString())
                .append(server.authorizationEndpoint().getRawQuery() == null ? '?' : '&');
        parameters.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
        url.setLength(url.length() - 1);
        LOG.log(System.Logger.Level.DEBUG, "Authorization request started for client_id={0}, scope \"{1}\"", clientId, scope);
        return PendingAuthorization.of(URI.create(url.toString()), redirectUri, state, verifier.value());
    }

    /**
     * Completes the flow from the URI the browser was sent back to (its query is read; the rest is not compared,
     * since a server behind a proxy may see another scheme or host).
     *
     * @param pending  the value {@link #start} returned for this user's browser; discard it afterwards
     * @param callback the full callback URI, e.g. {@code https://app.acme.example/callback?code=...&state=...&iss=...}
     * @return a client acting for the user
     * @throws InvalidAuthorizationResponseException wrong or missing {@code state} or {@code iss}, or a malformed callback
     * @throws AuthorizationDeniedException          the user denied access
     * @throws AuthorizationErrorException           any other error GetBill sent back
     * @throws TokenRequestException                 the code exchange was refused ({@code invalid_grant}: expired,
     *                                               used or unknown code; {@code invalid_client})
     * @throws IOException                           the token endpoint or metadata could not be reached
     * @throws InterruptedException                  the thread was interrupted while waiting
     */
    public GetBillClient complete(PendingAuthorization pending, URI callback)
            throws AuthorizationResponseException, TokenRequestException, IOException, InterruptedException {
        Objects.requireNonNull(callback, "callback");
        return complete(pending, parseQuery(callback.getRawQuery()));
    }

    /**
     * Completes the flow from the callback's query parameters as a web framework parsed them (name → every value
     * received, in order). Same checks and outcomes as {@link #complete(PendingAuthorization, URI)}.
     */
    public GetBillClient complete(PendingAuthorization pending, Map<String, List<String>> callbackParameters)
            throws AuthorizationResponseException, TokenRequestException, IOException, InterruptedException {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(callbackParameters, "callbackParameters");
        String code = verifiedCode(pending, callbackParameters);
        TokenManager userTokens = TokenManager.builder()
                .tokenEndpoint(tokenEndpoint)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthentication(clientAuthentication)
                .httpClient(http)
                .requestTimeout(requestTimeout)
                .retryPolicy(retryPolicy)
                .refreshSkew(tokenRefreshSkew)
                .clock(clock)
                .userAgent(userAgent)
                .redeemAuthorizationCode(code, pending.redirectUri(), pending.codeVerifier());
        return GetBillClient.builder()
                .baseUrl(baseUrl)
                .clientId(clientId)
                .clientAuthentication(clientAuthentication)
                .httpClient(http)
                .requestTimeout(requestTimeout)
                .retryPolicy(retryPolicy)
                .clock(clock)
                .tokenManager(userTokens)
                .build();
    }

    /** Checks state, iss and shape, in that order; returns the code or throws the callback's error. */
    private String verifiedCode(PendingAuthorization pending, Map<String, List<String>> parameters)
            throws AuthorizationResponseException, IOException, InterruptedException {
        String state = single(parameters, "state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidAuthorizationResponseException(InvalidAuthorizationResponseException.Reason.STATE_MISMATCH,
                    state == null ? "The callback has no state: it does not answer this app's request"
                            : "The callback's state is not the one sent: it does not answer this browser's request");
        }
        ServerMetadata server = metadata();
        String iss = single(parameters, "iss");
        if (iss == null ? server.issParameterRequired() : !iss.equals(server.issuer())) {
            throw new InvalidAuthorizationResponseException(InvalidAuthorizationResponseException.Reason.ISSUER_MISMATCH,
                    iss == null ? "The callback has no iss, which " + server.issuer() + " always sends (RFC 9207)"
                            : "The callback's iss is not " + server.issuer() + " (RFC 9207 mix-up defence)");
        }
        String error = single(parameters, "error");
        String code = single(parameters, "code");
        if (error != null) {
            String description = single(parameters, "error_description");
            String uri = single(parameters, "error_uri");
            if (AuthorizationDeniedException.ACCESS_DENIED.equals(error)) {
                throw new AuthorizationDeniedException(description, uri);
            }
            throw new AuthorizationErrorException(error, description, uri);
        }
        if (code == null || code.isEmpty()) {
            throw new InvalidAuthorizationResponseException(InvalidAuthorizationResponseException.Reason.MALFORMED,
                    "The callback has neither a code nor an error");
        }
        return code;
    }

    /** The one value of {@code name}, or {@code null}; a repeated parameter makes the callback malformed. */
    private static String single(Map<String, List<String>> parameters, String name)
            throws InvalidAuthorizationResponseException {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidAuthorizationResponseException(InvalidAuthorizationResponseException.Reason.MALFORMED,
                    "The callback repeats the parameter " + name);
        }
        return values.get(0);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) throws InvalidAuthorizationResponseException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException badEscape) {
                throw new InvalidAuthorizationResponseException(InvalidAuthorizationResponseException.Reason.MALFORMED,
                        "The callback's query is not form-urlencoded");
            }
        }
        return parameters;
    }

    /** The metadata: as configured, else read from the server once and kept. */
    private ServerMetadata metadata() throws IOException, InterruptedException {
        if (configuredMetadata != null) {
            return configuredMetadata;
        }
        ServerMetadata known = metadata;
        if (known == null) {
            known = readMetadata();
            metadata = known;
        }
        return known;
    }

    private ServerMetadata readMetadata() throws IOException, InterruptedException {
        URI location = resolve(baseUrl, METADATA_PATH);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(location)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Authorization server metadata unavailable: HTTP " + response.statusCode()
                    + " from " + location);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("Authorization server metadata at " + location + " is not JSON", e);
        }
        if (json == null || !json.path("issuer").isTextual() || json.get("issuer").asText().isEmpty()) {
            throw new IOException("Authorization server metadata at " + location + " has no issuer");
        }
        String issuer = json.get("issuer").asText();
        JsonNode methods = json.path("code_challenge_methods_supported");
        if (methods.isArray() && methods.size() > 0
                && java.util.stream.StreamSupport.stream(methods.spliterator(), false)
                .noneMatch(m -> CodeVerifier.S256.equals(m.asText()))) {
            throw new IOException("The authorization server at " + issuer + " does not support PKCE S256");
        }
        URI authorizationEndpoint = json.path("authorization_endpoint").isTextual()
                ? URI.create(json.get("authorization_endpoint").asText()) : resolve(baseUrl, "/authorize");
        boolean issRequired = json.path("authorization_response_iss_parameter_supported").asBoolean(false);
        return new ServerMetadata(issuer, authorizationEndpoint, issRequired);
    }

    private byte[] randomOctets() {
        byte[] octets = new byte[32];
        random.nextBytes(octets);
        return octets;
    }

    private static String scope(Collection<String> scopes) {
        List<String> distinct = new ArrayList<>();
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("A scope must be one non-blank word: \"" + scope + "\"");
            }
            if (!distinct.contains(scope)) {
                distinct.add(scope);
            }
        }
        return String.join(" ", distinct);
    }

    private static void checkRedirectUri(String redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("redirectUri is not a URI: " + redirectUri, e);
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || redirectUri.contains("#")) {
            throw new IllegalArgumentException("redirectUri must be absolute and have no fragment (RFC 6749 §3.1.2): "
                    + redirectUri);
        }
    }

    /** Query encoding with spaces as {@code %20}, which every decoder reads as a space. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientAuthentication="
                + clientAuthentication + ", clientSecret=" + (clientSecret == null ? "none" : "<redacted>")
                + ", redirectUri=" + redirectUri + "]";
    }

    /** What the flow needs from RFC 8414 metadata. */
    private record ServerMetadata(String issuer, URI authorizationEndpoint, boolean issParameterRequired) {
    }

    /** Builds an {@link AuthorizationCodeFlow}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private URI baseUrl;
        private String clientId;
        private String clientSecret;
        private ClientAuthenticationMethod clientAuthentication;
        private String redirectUri;
        private URI tokenEndpoint;
        private String issuer;
        private URI authorizationEndpoint;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration tokenRefreshSkew = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;

        private Builder() {
        }

        /** Where the API runs, e.g. {@code https://getbill.io} (required); its metadata is read from there. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
        }

        /** Where the API runs (required). */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** The client id GetBill registered for the app (required). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * The client secret of a confidential client (a server-side web app). Leave it out for a public client
         * (registered with {@code token_endpoint_auth_method: none}: mobile, desktop, single-page apps).
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * How the client authenticates the code exchange and refreshes: default {@code client_secret_basic} with a
         * secret, {@code none} without.
         */
        public Builder clientAuthentication(ClientAuthenticationMethod clientAuthentication) {
            this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
            return this;
        }

        /** The registered redirect URI GetBill sends the browser back to, exactly as registered (required). */
        public Builder redirectUri(String redirectUri) {
            checkRedirectUri(redirectUri);
            this.redirectUri = redirectUri;
            return this;
        }

        /** The token endpoint, if not {@code <baseUrl>/token}. */
        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        /**
         * The issuer and authorization endpoint, when the metadata must not be read (e.g. the app cannot reach
         * {@code <baseUrl>/.well-known/...}); {@code iss} is then required on every callback, as GetBill sends it.
         */
        public Builder serverMetadata(String issuer, URI authorizationEndpoint) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.authorizationEndpoint = Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
            return this;
        }

        /** The {@code java.net.http} client (default: a new one with no redirects); shared by the users' clients. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Connect timeout of the default {@code HttpClient} (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time allowed for one request until its response arrives (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long before expiry a user's token is renewed (default 60 s, at most half its lifetime). */
        public Builder tokenRefreshSkew(Duration tokenRefreshSkew) {
            this.tokenRefreshSkew = Objects.requireNonNull(tokenRefreshSkew, "tokenRefreshSkew");
            return this;
        }

        /** Resends of the users' API calls (default {@link RetryPolicy#defaults()}); code exchanges and refreshes are never resent. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The clock that decides token expiry (default UTC system clock); for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of states and verifiers (default a new {@link SecureRandom}). */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The flow.
         *
         * @throws IllegalArgumentException if a required setting is missing, or the secret does not fit the
         *                                  client authentication method
         */
        public AuthorizationCodeFlow build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId is required");
            }
            if (redirectUri == null) {
                throw new IllegalArgumentException("redirectUri is required");
            }
            if (clientSecret != null && clientSecret.isBlank()) {
                throw new IllegalArgumentException("clientSecret must not be blank (leave it out for a public client)");
            }
            ClientAuthenticationMethod method = clientAuthentication != null ? clientAuthentication
                    : clientSecret == null ? ClientAuthenticationMethod.NONE : ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
            if ((method == ClientAuthenticationMethod.NONE) != (clientSecret == null)) {
                throw new IllegalArgumentException(method == ClientAuthenticationMethod.NONE
                        ? "A public client (none) has no client secret"
                        : "clientSecret is required for " + method);
            }
            return new AuthorizationCodeFlow(this, method);
        }
    }
}
