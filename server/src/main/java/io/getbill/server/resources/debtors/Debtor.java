package io.getbill.server.resources.debtors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person or company that owes debts, created by debt creation. Debts join the debtor with the same E.164
 * {@code phone}, otherwise the same email ({@code emailKey}, lower-cased); both are unique within a company.
 */
@MappedEntity("debtors")
public record Debtor(
        @Id String id,
        String companyId,
        String firstName,
        String lastName,
        @Nullable String email,
        @Nullable String emailKey,
        @Nullable String phone,
        @Nullable String address,
        @Nullable LocalDate dateOfBirth,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant updatedAt) {

    public Debtor withDetails(String firstName, String lastName, @Nullable String email, @Nullable String emailKey,
                              @Nullable String phone, @Nullable String address, @Nullable LocalDate dateOfBirth,
                              Instant updatedAt) {
        return new Debtor(id, companyId, firstName, lastName, email, emailKey, phone, address, dateOfBirth,
                firstSeenAt, lastSeenAt, updatedAt);
    }
}
