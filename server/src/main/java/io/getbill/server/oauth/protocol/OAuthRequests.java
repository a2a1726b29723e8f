package io.getbill.server.oauth.protocol;

import io.getbill.server.oauth.protocol.OAuthException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the raw form body of an OAuth endpoint request (on a blocking thread). */
public final class OAuthRequests {

    /** Far above any legitimate token request; larger bodies are {@code invalid_request}. */
    static final int MAX_FORM_BYTES = 16 * 1024;

    private OAuthRequests() {
    }

    public static FormParameters form(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.matches(type)) {
            throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException("Not a server request");
        }
        try (CloseableAvailableByteBody body = server.byteBody().split().buffer().get(10, TimeUnit.SECONDS)) {
            if (body.length() > MAX_FORM_BYTES) {
                throw OAuthException.invalidRequest("The request body is too large");
            }
            return FormParameters.parse(body.toByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthException.invalidRequest("The request body could not be read");
        } catch (ExecutionException | TimeoutException e) {
            throw OAuthException.invalidRequest("The request body could not be read");
        }
    }
}
