package io.getbill.server.resources.debts.records;

import io.getbill.server.api.model.DebtSort;
import io.getbill.server.api.model.DebtStatus;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;

/** The filters and sort of a debt list ({@code GET /debts}, by creditor, by debtor), checked together. */
public record DebtFilter(
        String companyId,
        @Nullable String debtorId,
        @Nullable String creditorId,
        @Nullable DebtStatus status,
        @Nullable String currency,
        @Nullable BigDecimal amountMin,
        @Nullable BigDecimal amountMax,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo,
        @Nullable String search,
        DebtSort sort) {

    /** @throws io.getbill.server.infrastructure.errors.ApiException 400 naming the parameter when a range is inverted */
    public static DebtFilter of(String companyId, String debtorId, String creditorId, DebtStatus status, String currency,
                                BigDecimal amountMin, BigDecimal amountMax, ZonedDateTime createdFrom,
                                ZonedDateTime createdTo, String search, DebtSort sort) {
        FieldErrors errors = new FieldErrors();
        if (amountMin != null && amountMax != null && amountMax.compareTo(amountMin) < 0) {
            errors.add("amount_max", "Must not be below amount_min");
        }
        Instant from = createdFrom == null ? null : createdFrom.toInstant();
        Instant to = createdTo == null ? null : createdTo.toInstant();
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("created_to", "Must not be before created_from");
        }
        if (search != null && search.isBlank()) {
            errors.add("search", "Must not be blank");
        }
        errors.throwIfAny();
        return new DebtFilter(companyId, debtorId, creditorId, status, currency, amountMin, amountMax, from, to,
                search == null ? null : search.strip(), sort == null ? DebtSort._CREATED_AT : sort);
    }
}
