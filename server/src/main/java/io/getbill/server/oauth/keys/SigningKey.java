package io.getbill.server.oauth.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A token-signing key pair. The private half is stored sealed with the master key (see
 * {@link io.getbill.server.infrastructure.crypto.SecretBox}) so that every instance on the same database signs with, and
 * publishes, the same keys. Life cycle: published from {@code createdAt}; signs from {@code activatesAt} (null: from
 * {@code createdAt}) until {@code retiredAt}; verifies, and stays in the JWKS, until {@code expiresAt}, when every
 * token it signed has expired.
 */
@MappedEntity("signing_keys")
public record SigningKey(
        @Id String kid,
        String alg,
        String publicJwk,
        String privateJwkSealed,
        Instant createdAt,
        @Nullable Instant retiredAt,
        @Nullable Instant expiresAt,
        @Nullable Instant activatesAt) {

    /** When the key starts signing. */
    public Instant activation() {
        return activatesAt != null ? activatesAt : createdAt;
    }

    @Override
    public String toString() {
        return "SigningKey{kid=" + kid + ", alg=" + alg + ", createdAt=" + createdAt + ", activatesAt=" + activatesAt
                + ", retiredAt=" + retiredAt + ", expiresAt=" + expiresAt + "}";
    }
}
