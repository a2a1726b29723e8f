package io.getbill.client.errors;

import io.getbill.client.invoker.ApiException;

import java.util.Objects;

/**
 * Carries an {@link ApiException} through code that cannot throw checked exceptions, such as the
 * {@code Iterator} and {@code Stream} of {@code Paging}; like {@link java.io.UncheckedIOException}.
 * {@link #getCause()} is the typed exception ({@link NotFoundException}, {@link RateLimitedException}, …).
 */
public class UncheckedApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause the checked exception, never {@code null} */
    public UncheckedApiException(ApiException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    /** The wrapped exception. */
    @Override
    public synchronized ApiException getCause() {
        return (ApiException) super.getCause();
    }
}
