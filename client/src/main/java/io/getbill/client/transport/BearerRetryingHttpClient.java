package io.getbill.client.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.client.errors.BearerChallenge;
import io.getbill.client.errors.TokenFailureResponse;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.retry.IdempotencyKeyGenerator;
import io.getbill.client.retry.RetryAfter;
import io.getbill.client.retry.RetryPolicy;
import io.getbill.client.token.TokenManager;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link HttpClient} the generated API classes send through: it adds the bearer token, renews it once on
 * {@code invalid_token}, and resends what is safe to resend. Every other behaviour is the wrapped client's.
 *
 * <p><b>Why a client and not the generated interceptors.</b> {@code ApiClient}'s request interceptor can
 * only edit a request before it is sent once, and its response interceptor can only look; neither can send
 * again. Handing {@code ApiClient} this client (through {@link #asBuilder()}) keeps the generated code
 * untouched while every exchange passes here.
 *
 * <p><b>Per logical request:</b>
 * <ol>
 *   <li>With an {@link IdempotencyKeyGenerator} configured, a {@code POST}/{@code PATCH} without an
 *       {@code Idempotency-Key} gets one; every resend carries the same key.</li>
 *   <li>{@code Authorization: Bearer} from the {@link TokenManager}; if no token can be had, the answer is a
 *       {@link TokenFailureResponse} (the generated code then throws the typed {@link TokenRequestException}).</li>
 *   <li>401 with {@code error="invalid_token"}: the token is reported rejected, renewed, and the request sent
 *       once more — once per logical request, so never a loop. The server refused the request before acting
 *       on it, so this holds for every method.</li>
 *   <li>429: waited out ({@code Retry-After}, else back-off) and resent, for every method: the contract checks
 *       the rate limit before anything else is done.</li>
 *   <li>Connection failure, timeout or 503: resent only if the request is idempotent (GET, HEAD, PUT, DELETE,
 *       OPTIONS, or any method with {@code Idempotency-Key}); a {@code POST} without a key is never resent.</li>
 *   <li>Everything else, and the last answer once {@link RetryPolicy#maxAttempts()} sends are used or a
 *       {@code Retry-After} exceeds {@link RetryPolicy#maxRetryAfter()}, goes back to the caller.</li>
 * </ol>
 *
 * <p>Bodies are read into memory before they are handed over (the API's bodies are small JSON documents),
 * so an answer can be inspected and dropped. Thread-safe: it keeps no per-request state outside the call.
 * Log records name the method and path, never the query, a header value or a body.
 */
public final class BearerRetryingHttpClient extends HttpClient {
    private static final System.Logger LOG = System.getLogger("io.getbill.client.transport");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
    private static volatile ExecutorService asyncExecutor;

    private final HttpClient delegate;
    private final TokenManager tokens;
    private final RetryPolicy retryPolicy;
    private final IdempotencyKeyGenerator idempotencyKeys;
    private final Clock clock;

    /**
     * @param delegate        the client that really sends
     * @param tokens          where bearer tokens come from
     * @param retryPolicy     when to resend
     * @param idempotencyKeys adds a key to every {@code POST} without one; {@code null} to add none
     * @param clock           reads HTTP-date {@code Retry-After} values
     */
    public BearerRetryingHttpClient(HttpClient delegate, TokenManager tokens, RetryPolicy retryPolicy,
                                    IdempotencyKeyGenerator idempotencyKeys, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.idempotencyKeys = idempotencyKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether a request may be sent twice without acting twice (RFC 9110 §9.2.2), or carries an
     * {@code Idempotency-Key} that makes the server answer a repeat with the first outcome.
     */
    public static boolean isIdempotent(HttpRequest request) {
        return IDEMPOTENT_METHODS.contains(request.method())
                || request.headers().firstValue(IdempotencyKeyGenerator.HEADER).isPresent();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest prepared = withIdempotencyKey(request);
        boolean resendable = isIdempotent(prepared);
        boolean renewed = false;
        int attempt = 1;
        while (true) {
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRequestException e) {
                return new TokenFailureResponse<>(prepared, e);
            }
            HttpResponse<byte[]> response;
            try {
                response = delegate.send(withBearer(prepared, token), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!resendable || attempt >= retryPolicy.maxAttempts()) {
                    throw e;
                }
                Duration wait = retryPolicy.backoff(attempt);
                log(prepared, e.getClass().getSimpleName(), wait, attempt);
                Thread.sleep(wait.toMillis());
                attempt++;
                continue;
            }
            int status = response.statusCode();
            if (status == 401 && !renewed
                    && BearerChallenge.from(response.headers()).map(BearerChallenge::isInvalidToken).orElse(false)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1}: access token refused (invalid_token); renewing it and "
                        + "sending once more", prepared.method(), prepared.uri().getPath());
                tokens.accessTokenRejected(token);
                renewed = true;
                continue;
            }
            if ((status == 429 || (status == 503 && resendable)) && attempt < retryPolicy.maxAttempts()) {
                Optional<Duration> asked = retryAfter(response);
                Duration wait = asked.orElse(retryPolicy.backoff(attempt));
                if (wait.compareTo(retryPolicy.maxRetryAfter()) <= 0) {
                    log(prepared, "HTTP " + status, wait, attempt);
                    Thread.sleep(wait.toMillis());
                    attempt++;
                    continue;
                }
                LOG.log(System.Logger.Level.DEBUG, "{0} {1}: HTTP {2} asks to wait {3} s, longer than the {4} s "
                                + "allowed; not retrying", prepared.method(), prepared.uri().getPath(), status,
                        wait.toSeconds(), retryPolicy.maxRetryAfter().toSeconds());
            }
            return BufferedHttpResponse.replay(response, handler);
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
        Optional<Duration> header = RetryAfter.from(response.headers(), clock);
        if (header.isPresent() || response.statusCode() != 429) {
            return header;
        }
        try {
            JsonNode seconds = JSON.readTree(response.body()).path("details").path("retry_after");
            return seconds.canConvertToLong() ? Optional.of(Duration.ofSeconds(Math.max(0, seconds.asLong())))
                    : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static void log(HttpRequest request, String why, Duration wait, int attempt) {
        LOG.log(System.Logger.Level.DEBUG, "{0} {1}: {2}; sending again in {3} ms (attempt {4})",
                request.method(), request.uri().getPath(), why, wait.toMillis(), attempt + 1);
    }

    private HttpRequest withIdempotencyKey(HttpRequest request) {
        boolean unsafe = request.method().equals("POST") || request.method().equals("PATCH");
        if (idempotencyKeys == null || !unsafe
                || request.headers().firstValue(IdempotencyKeyGenerator.HEADER).isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header(IdempotencyKeyGenerator.HEADER, idempotencyKeys.newKey())
                .build();
    }

    private static HttpRequest withBearer(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    /**
     * Runs {@link #send} on the wrapped client's executor (or a shared pool of daemon threads). The generated
     * synchronous API classes do not use it; it exists so this is a complete {@code HttpClient}.
     */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, delegate.executor().orElseGet(BearerRetryingHttpClient::asyncExecutor));
    }

    /** Push promises are not used by the API; they are refused. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    private static Executor asyncExecutor() {
        ExecutorService executor = asyncExecutor;
        if (executor == null) {
            synchronized (BearerRetryingHttpClient.class) {
                executor = asyncExecutor;
                if (executor == null) {
                    executor = Executors.newCachedThreadPool(runnable -> {
                        Thread thread = new Thread(runnable, "getbill-client-async");
                        thread.setDaemon(true);
                        return thread;
                    });
                    asyncExecutor = executor;
                }
            }
        }
        return executor;
    }

    /**
     * An {@link HttpClient.Builder} whose {@code build()} returns this client, for
     * {@code new ApiClient(builder, mapper, baseUri)}. Its setters are refused: configure the wrapped client.
     */
    public HttpClient.Builder asBuilder() {
        return new FixedBuilder(this);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public String toString() {
        return "BearerRetryingHttpClient[" + tokens + ", " + retryPolicy
                + ", idempotencyKeys=" + (idempotencyKeys != null) + "]";
    }

    private static final class FixedBuilder implements HttpClient.Builder {
        private final HttpClient client;

        FixedBuilder(HttpClient client) {
            this.client = client;
        }

        private static UnsupportedOperationException fixed() {
            return new UnsupportedOperationException("Configure the HttpClient given to GetBillClient.builder().httpClient(...)");
        }

        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            throw fixed();
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            throw fixed();
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            throw fixed();
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            throw fixed();
        }

        @Override
        public Builder executor(Executor executor) {
            throw fixed();
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            throw fixed();
        }

        @Override
        public Builder version(Version version) {
            throw fixed();
        }

        @Override
        public Builder priority(int priority) {
            throw fixed();
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            throw fixed();
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            throw fixed();
        }

        @Override
        public HttpClient build() {
            return client;
        }
    }
}
