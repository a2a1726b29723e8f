package io.getbill.server.resources.reports;

import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Accepting a report: the row is inserted as {@code generating} with this instance's lease and the answer goes back
 * at once; the file is built by {@link ReportWorker} after the insert has committed.
 */
@Singleton
public class ReportRequests {

    private final ReportStore store;
    private final ReportWorker worker;
    private final WriteTransactions writes;
    private final ReportSettings settings;

    public ReportRequests(ReportStore store, ReportWorker worker, WriteTransactions writes, ReportSettings settings) {
        this.store = store;
        this.worker = worker;
        this.writes = writes;
        this.settings = settings;
    }

    /**
     * A report asked for by a company user (the admin API).
     *
     * @throws io.getbill.server.infrastructure.errors.ApiException 400 naming {@code period_from} / {@code period_to} when the period
     *                                               is reversed, in the future or longer than allowed
     */
    public Report request(String companyId, ReportType type, ReportFormat format, LocalDate from, LocalDate to,
                          @Nullable String requestedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        checkPeriod(from, to, now);
        Report report = newReport(companyId, type, format, from, to, null, requestedBy, worker.owner(),
                worker.leaseUntil(now), now);
        writes.run(() -> {
            store.insert(report);
            return null;
        });
        worker.submit(report.id());
        return report;
    }

    /**
     * The scheduled report of one company, type and month, unless it exists already: the unique
     * {@code (company_id, schedule_key)} makes a second run for the same month insert nothing. The report is left
     * unleased ({@code lease_until = now}) so that every instance's recovery may pick it up; the caller submits what
     * its own queue can take.
     */
    Optional<Report> schedule(String companyId, ReportType type, ReportFormat format, YearMonth month, Instant now) {
        String key = "monthly:" + month + ":" + type.getValue();
        Report report = newReport(companyId, type, format, month.atDay(1), month.atEndOfMonth(), key, null, null, now, now);
        try {
            writes.run(() -> {
                store.insert(report);
                return null;
            });
            return Optional.of(report);
        } catch (RuntimeException e) {
            if (WriteTransactions.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void checkPeriod(LocalDate from, LocalDate to, Instant now) {
        FieldErrors errors = new FieldErrors();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (from == null) {
            errors.add("period_from", "Required");
        } else if (from.isAfter(today)) {
            errors.add("period_from", "Must not be in the future");
        }
        if (to == null) {
            errors.add("period_to", "Required");
        } else if (from != null && to.isBefore(from)) {
            errors.add("period_to", "Must not be before period_from");
        } else if (from != null && ChronoUnit.DAYS.between(from, to) + 1 > settings.getMaxPeriodDays()) {
            errors.add("period_to", "The period may cover at most " + settings.getMaxPeriodDays() + " days");
        }
        errors.throwIfAny();
    }

    private static Report newReport(String companyId, ReportType type, ReportFormat format, LocalDate from, LocalDate to,
                                    @Nullable String scheduleKey, @Nullable String requestedBy,
                                    @Nullable String leaseOwner, Instant leaseUntil, Instant now) {
        return new Report("rpt_" + RandomValues.id(), companyId, type, format, title(type, from, to), description(type),
                from, to, ReportStatus.GENERATING, null, Report.mimeType(format), null, null, scheduleKey, requestedBy,
                leaseOwner, leaseUntil, leaseOwner == null ? 0 : 1, null, now, now);
    }

    static String title(ReportType type, LocalDate from, LocalDate to) {
        String name = type == ReportType.COLLECTION ? "Collection activity" : "Financial report";
        boolean month = from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()));
        String period = month
                ? from.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + from.getYear()
                : from + " to " + to;
        return name + " - " + period;
    }

    static String description(ReportType type) {
        return type == ReportType.COLLECTION
                ? "Followups by type and status, debts by status and the recovery rate per currency, for the debts and followups created in the period."
                : "Amounts invoiced, recovered and outstanding per currency, and per status, for the debts created in the period.";
    }
}
