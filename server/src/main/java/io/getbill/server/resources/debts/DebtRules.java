package io.getbill.server.resources.debts;

import io.getbill.server.infrastructure.validation.Currencies;
import io.getbill.server.infrastructure.validation.Emails;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.Ibans;
import io.getbill.server.infrastructure.validation.Metadata;
import io.getbill.server.infrastructure.validation.PhoneNumbers;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rules of a debt that the contract's schema cannot express, shared by create, batch items and update. Each
 * violated rule is added to {@link FieldErrors} under the field's JSON name; nothing stops at the first one.
 */
public final class DebtRules {

    static final String START_MODE_WITHOUT_TIMELINE = "Only with timeline_id";

    private DebtRules() {
    }

    /**
     * @param creating a create or batch item (phone or email required) rather than a partial update
     * @return the phone as read (E.164 and destination), or {@code null} when none was given or it is invalid
     */
    public static PhoneNumbers.Result check(DebtFields f, boolean creating, FieldErrors errors) {
        if (creating && f.phone() == null && f.email() == null) {
            errors.add("phone", "Either phone or email is required");
            errors.add("email", "Either phone or email is required");
        }
        notBlank("firstname", f.firstname(), errors);
        notBlank("lastname", f.lastname(), errors);
        PhoneNumbers.Result phone = null;
        if (f.phone() != null) {
            phone = PhoneNumbers.normalise(f.phone());
            if (!phone.valid()) {
                errors.add("phone", phone.error());
                phone = null;
            }
        }
        if (f.email() != null) {
            String problem = Emails.problem(f.email());
            if (problem != null) {
                errors.add("email", problem);
            }
        }
        if (f.currency() != null) {
            String problem = Currencies.problem(f.currency());
            if (problem != null) {
                errors.add("currency", problem);
            }
        }
        if (f.amount() != null) {
            String problem = Currencies.amountProblem(f.amount(), f.currency());
            if (problem != null) {
                errors.add("amount", problem);
            }
        }
        if (f.iban() != null) {
            String problem = Ibans.problem(f.iban());
            if (problem != null) {
                errors.add("iban", problem);
            }
        }
        if (f.birthdate() != null && f.birthdate().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            errors.add("birthdate", "Must not be in the future");
        }
        checkDates(f.invoiceDate(), f.dueDate(), errors);
        if (f.paymentLink() != null) {
            String scheme = f.paymentLink().getScheme();
            if (!f.paymentLink().isAbsolute() || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    || f.paymentLink().getHost() == null) {
                errors.add("payment_link", "Must be an absolute http or https URL");
            }
        }
        if (f.company() != null) {
            notBlank("company", f.company(), errors);
        }
        // Whether timeline_id names an active timeline of the caller's company needs the database: the callers check
        // it with TimelineScheduler.check before reporting these errors, so that one 400 still lists every field.
        if (f.timelineStartModeGiven() && f.timelineId() == null) {
            errors.add("timeline_start_mode", START_MODE_WITHOUT_TIMELINE);
        }
        Metadata.check(f.metadata(), "metadata", errors);
        return phone;
    }

    /** {@code due_date} not before {@code invoice_date}. */
    public static void checkDates(LocalDate invoiceDate, LocalDate dueDate, FieldErrors errors) {
        if (invoiceDate != null && dueDate != null && dueDate.isBefore(invoiceDate)) {
            errors.add("due_date", "Must not be before invoice_date");
        }
    }

    private static void notBlank(String field, String value, FieldErrors errors) {
        if (value != null && !value.isEmpty() && value.isBlank()) {
            errors.add(field, "Must not be blank");
        }
    }
}
