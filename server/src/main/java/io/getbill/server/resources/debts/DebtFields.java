package io.getbill.server.resources.debts;

import io.getbill.server.api.model.BatchDebtItem;
import io.getbill.server.api.model.Civility;
import io.getbill.server.api.model.DebtCreateRequest;
import io.getbill.server.api.model.DebtUpdateRequest;
import io.getbill.server.api.model.DebtUpdateStatus;
import io.getbill.server.api.model.TimelineStartMode;
import io.getbill.server.resources.timelines.StartMode;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

/**
 * The debt fields of a create, a batch item or an update, in one shape so that one set of rules checks them all.
 * For an update, {@code null} means "left out".
 */
public record DebtFields(
        @Nullable Civility civility,
        @Nullable String firstname,
        @Nullable String lastname,
        @Nullable String phone,
        @Nullable String email,
        @Nullable LocalDate birthdate,
        @Nullable BigDecimal amount,
        @Nullable String currency,
        @Nullable String object,
        @Nullable String internalId,
        @Nullable String invoiceReference,
        @Nullable String debtorReference,
        @Nullable LocalDate invoiceDate,
        @Nullable LocalDate dueDate,
        @Nullable String address,
        @Nullable String streetAddress,
        @Nullable String streetNumber,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String country,
        @Nullable String iban,
        @Nullable String company,
        @Nullable String debtorCompany,
        @Nullable URI paymentLink,
        @Nullable String timelineId,
        boolean timelineStartModeGiven,
        @Nullable StartMode timelineStartMode,
        @Nullable Map<String, Object> metadata,
        boolean acceptExpensiveDestination,
        @Nullable DebtUpdateStatus status,
        @Nullable String summary) {

    public static DebtFields of(DebtCreateRequest r, boolean timelineStartModeGiven) {
        return new DebtFields(r.getCivility(), r.getFirstname(), r.getLastname(), r.getPhone(), r.getEmail(),
                r.getBirthdate(), r.getAmount(), r.getCurrency(), r.getObject(), r.getInternalId(),
                r.getInvoiceReference(), r.getDebtorReference(), r.getInvoiceDate(), r.getDueDate(), r.getAddress(),
                r.getStreetAddress(), r.getStreetNumber(), r.getPostalCode(), r.getCity(), r.getCountry(), r.getIban(),
                r.getCompany(), r.getDebtorCompany(), r.getPaymentLink(), r.getTimelineId(), timelineStartModeGiven,
                startMode(timelineStartModeGiven, r.getTimelineStartMode()),
                r.getMetadata(), Boolean.TRUE.equals(r.getAcceptExpensiveDestination()), null, null);
    }

    public static DebtFields of(BatchDebtItem r, boolean timelineStartModeGiven, boolean batchAcceptsExpensive) {
        return new DebtFields(r.getCivility(), r.getFirstname(), r.getLastname(), r.getPhone(), r.getEmail(),
                r.getBirthdate(), r.getAmount(), r.getCurrency(), r.getObject(), r.getInternalId(),
                r.getInvoiceReference(), r.getDebtorReference(), r.getInvoiceDate(), r.getDueDate(), r.getAddress(),
                r.getStreetAddress(), r.getStreetNumber(), r.getPostalCode(), r.getCity(), r.getCountry(), r.getIban(),
                r.getCompany(), r.getDebtorCompany(), r.getPaymentLink(), r.getTimelineId(), timelineStartModeGiven,
                startMode(timelineStartModeGiven, r.getTimelineStartMode()),
                r.getMetadata(), batchAcceptsExpensive || Boolean.TRUE.equals(r.getAcceptExpensiveDestination()), null, null);
    }

    public static DebtFields of(DebtUpdateRequest r, boolean timelineStartModeGiven) {
        return new DebtFields(r.getCivility(), r.getFirstname(), r.getLastname(), r.getPhone(), r.getEmail(),
                r.getBirthdate(), r.getAmount(), r.getCurrency(), r.getObject(), r.getInternalId(),
                r.getInvoiceReference(), r.getDebtorReference(), r.getInvoiceDate(), r.getDueDate(), r.getAddress(),
                r.getStreetAddress(), r.getStreetNumber(), r.getPostalCode(), r.getCity(), r.getCountry(), r.getIban(),
                r.getCompany(), r.getDebtorCompany(), r.getPaymentLink(), r.getTimelineId(), timelineStartModeGiven,
                startMode(timelineStartModeGiven, r.getTimelineStartMode()),
                r.getMetadata(), Boolean.TRUE.equals(r.getAcceptExpensiveDestination()), r.getStatus(), r.getSummary());
    }

    /** The start mode the body gave, or {@code null} when it left it out (the generated type fills in its default). */
    private static StartMode startMode(boolean given, @Nullable TimelineStartMode mode) {
        return given && mode != null ? StartMode.fromWireName(mode.getValue()).orElse(null) : null;
    }
}
