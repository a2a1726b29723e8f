package io.getbill.server.resources.creditors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A creditor a collection agency recovers debts for, created by debt creation from the debt's {@code company}: a
 * debt joins the creditor of that name, compared lower-cased ({@code nameKey}, unique within a company).
 */
@MappedEntity("creditors")
public record Creditor(
        @Id String id,
        String companyId,
        String name,
        String nameKey,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String address,
        @Nullable String city,
        @Nullable String postalCode,
        @Nullable String country,
        @Nullable String registrationNumber,
        @Nullable String taxNumber,
        @Nullable String contactPerson,
        Instant createdAt,
        Instant updatedAt) {

    public static String nameKey(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
