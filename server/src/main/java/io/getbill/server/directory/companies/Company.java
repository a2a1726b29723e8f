package io.getbill.server.directory.companies;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A tenant: every resource, user and OAuth client belongs to exactly one company. */
@MappedEntity("companies")
public record Company(
        @Id String id,
        String name,
        String email,
        @Nullable String phone,
        long credits,
        String plan,
        String subscriptionStatus,
        @Nullable Instant subscriptionExpiresAt,
        Instant createdAt,
        Instant updatedAt) {
}
