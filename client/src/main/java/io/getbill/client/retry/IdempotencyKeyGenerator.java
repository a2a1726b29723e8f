package io.getbill.client.retry;

import java.util.UUID;

/**
 * Makes the value of an {@code Idempotency-Key} header: one per logical request, the same on every retry
 * of it. A {@code POST} that carries one may be resent after a connection failure or a 503 because the
 * server answers a repeated key with the first outcome instead of acting twice.
 *
 * <p>Implementations must be thread-safe and return a new, unguessable value on every call.
 */
@FunctionalInterface
public interface IdempotencyKeyGenerator {

    /** Header name. */
    String HEADER = "Idempotency-Key";

    /** A new key. */
    String newKey();

    /** Random UUIDs (122 random bits). */
    static IdempotencyKeyGenerator uuid() {
        return () -> UUID.randomUUID().toString();
    }
}
