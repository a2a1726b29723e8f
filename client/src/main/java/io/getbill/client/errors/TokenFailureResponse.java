package io.getbill.client.errors;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * The answer a resource call gets when no access token could be obtained for it: a response that is not
 * from the resource but carries the {@link TokenRequestException}.
 *
 * <p>Why it exists: the generated API classes only turn an HTTP response into an exception (through their
 * {@code getApiException} hook, which {@link ErrorMapper} implements). Handing them this response lets a
 * token failure reach the caller as the checked, typed {@code TokenRequestException} from the very method
 * they called, instead of an unchecked exception or an {@code ApiException} with code 0. Its status is
 * never 2xx, so the generated code always takes its error path; the body is {@code null}.
 *
 * @param <T> the body type the caller asked for (never produced)
 */
public final class TokenFailureResponse<T> implements HttpResponse<T> {
    private final HttpRequest request;
    private final TokenRequestException exception;

    /**
     * @param request   the resource request that could not be sent
     * @param exception why no token could be had
     */
    public TokenFailureResponse(HttpRequest request, TokenRequestException exception) {
        this.request = request;
        this.exception = exception;
    }

    /** Why no token could be had. */
    public TokenRequestException exception() {
        return exception;
    }

    @Override
    public int statusCode() {
        int status = exception.status();
        return status / 100 == 2 ? 0 : status;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = exception.getResponseHeaders();
        return headers != null ? headers : HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    @Override
    public T body() {
        return null;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
