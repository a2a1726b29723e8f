package io.getbill.server.directory.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A person who signs in to the admin API. {@code passwordHash} is a bcrypt hash and never leaves the server. */
@MappedEntity("company_users")
public record CompanyUser(
        @Id String id,
        String companyId,
        String email,
        String passwordHash,
        @Nullable String firstname,
        @Nullable String lastname,
        String role,
        boolean active,
        Instant createdAt,
        @Nullable Instant lastActivityAt) {

    @Override
    public String toString() {
        return "CompanyUser{id=" + id + ", companyId=" + companyId + ", email=" + email + ", role=" + role + "}";
    }
}
