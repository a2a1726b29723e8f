package io.getbill.server.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A token-signing key pair. The private half is stored sealed with the master key (see
 * {@link io.getbill.server.crypto.SecretBox}) so that every instance on the same database signs with, and
 * publishes, the same keys.
 */
@MappedEntity("signing_keys")
public record SigningKey(
        @Id String kid,
        String alg,
        String publicJwk,
        String privateJwkSealed,
        Instant createdAt,
        @Nullable Instant retiredAt,
        @Nullable Instant expiresAt) {

    @Override
    public String toString() {
        return "SigningKey{kid=" + kid + ", alg=" + alg + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "}";
    }
}
