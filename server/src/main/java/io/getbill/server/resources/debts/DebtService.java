package io.getbill.server.resources.debts;

import io.getbill.server.resources.debts.records.Debt;
import io.getbill.server.resources.debts.records.DebtMapper;
import io.getbill.server.resources.debts.records.DebtQueries;
import io.getbill.server.resources.debts.records.DebtRepository;

import io.getbill.server.resources.creditors.CreditorLinker;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.resources.debtors.DebtorLinker;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.resources.events.EventOutbox;
import io.getbill.server.resources.events.EventType;
import io.getbill.server.resources.events.ResourceChanges;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.getbill.server.resources.timelines.TimelineDefinition;
import io.getbill.server.resources.timelines.TimelineScheduler;
import io.getbill.server.infrastructure.validation.Currencies;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every change to debts goes through here — create (one or from a batch), update, delete — inside the caller's
 * transaction, with the debtor and creditor links and the debt's timeline: assigning one schedules its steps
 * ({@link TimelineScheduler}), replacing it cancels the old timeline's pending steps, and closing the debt
 * ({@code paid}, {@code archived}) cancels them. Each change records its webhook event(s) in the same transaction
 * ({@link EventOutbox}), describing the debt as it is after the whole change: {@code debt.created},
 * {@code debt.updated} (with {@code changes}) plus {@code debt.status_changed} when the status moved,
 * {@code debt.deleted}.
 */
@Singleton
public class DebtService {

    static final String PENDING = "pending";
    /** Statuses in which a debt's timeline stops: pending steps are cancelled and no new ones are scheduled. */
    static final Set<String> CLOSED = Set.of("paid", "archived");

    private final DebtRepository debts;
    private final DebtorLinker debtors;
    private final CreditorLinker creditors;
    private final DebtMapper mapper;
    private final EntityTags tags;
    private final JdbcOperations jdbc;
    private final EventOutbox outbox;
    private final ResourceChanges resourceChanges;
    private final TimelineScheduler timelines;
    private final DebtQueries queries;

    public DebtService(DebtRepository debts, DebtorLinker debtors, CreditorLinker creditors, DebtMapper mapper,
                       EntityTags tags, JdbcOperations jdbc, EventOutbox outbox, ResourceChanges resourceChanges,
                       TimelineScheduler timelines, DebtQueries queries) {
        this.timelines = timelines;
        this.queries = queries;
        this.debts = debts;
        this.debtors = debtors;
        this.creditors = creditors;
        this.mapper = mapper;
        this.tags = tags;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.resourceChanges = resourceChanges;
    }

    /**
     * Creates a debt from fields that passed {@link DebtRules}, in status {@code pending}, linked to its debtor
     * (and creditor when it names a {@code company}); with a {@code timeline_id}, the timeline's steps are scheduled.
     *
     * @throws ApiException 400 on {@code timeline_id} when it is not an active timeline of the company
     */
    public Debt create(String companyId, DebtFields f, @Nullable String phoneE164, @Nullable String importId, Instant now) {
        TimelineDefinition timeline = f.timelineId() == null ? null : assignable(companyId, f.timelineId());
        String debtorId = debtors.link(companyId, new DebtorLinker.Candidate(f.firstname(), f.lastname(), phoneE164,
                f.email(), debtorAddress(f), f.birthdate()), now);
        String creditorId = f.company() == null ? null : creditors.link(companyId, f.company(), now);
        Debt debt = Debt.builder()
                .id(RandomValues.id())
                .companyId(companyId)
                .debtorId(debtorId)
                .creditorId(creditorId)
                .importId(importId)
                .status(PENDING)
                .currency(f.currency())
                .amount(f.amount().setScale(2, RoundingMode.UNNECESSARY))
                .civility(f.civility() == null ? null : f.civility().getValue())
                .firstname(f.firstname())
                .lastname(f.lastname())
                .phone(phoneE164)
                .email(f.email())
                .birthdate(f.birthdate())
                .subject(f.object())
                .internalId(f.internalId())
                .invoiceReference(f.invoiceReference())
                .debtorReference(f.debtorReference())
                .invoiceDate(f.invoiceDate())
                .dueDate(f.dueDate())
                .address(f.address())
                .streetAddress(f.streetAddress())
                .streetNumber(f.streetNumber())
                .postalCode(f.postalCode())
                .city(f.city())
                .country(f.country())
                .iban(f.iban())
                .company(f.company() == null ? null : f.company().strip())
                .debtorCompany(f.debtorCompany())
                .paymentLink(f.paymentLink() == null ? null : f.paymentLink().toString())
                .metadataJson(mapper.metadataJson(f.metadata()))
                .timelineId(timeline == null ? null : timeline.id())
                .lastTimelineRestart(timeline == null ? null : now)
                .createdAt(now)
                .updatedAt(now)
                .build();
        Debt saved = debts.save(debt);
        if (timeline != null) {
            timelines.schedule(companyId, saved.id(), timeline, f.timelineStartMode(), now);
            saved = reread(saved);
        }
        outbox.record(companyId, EventType.DEBT_CREATED, mapper.toApi(saved), null, now);
        return saved;
    }

    /**
     * Applies a partial update checked by {@link DebtRules}: the fields given replace the stored ones.
     *
     * A {@code timeline_id} other than the current one replaces the timeline: its pending steps are cancelled
     * ({@code timeline_replaced}) and the new one's scheduled from {@code now}; the current one changes nothing. A
     * status change to {@code paid} or {@code archived} cancels the pending steps ({@code debt_paid},
     * {@code debt_archived}); a closed debt gets no new steps (its {@code timeline_id} is still recorded).
     *
     * @throws ApiException 404 for no such debt in the company; 400 when the result breaks a rule across fields
     *                      ({@code due_date} before {@code invoice_date}) or {@code timeline_id} is not an active
     *                      timeline of the company; 412 when {@code ifMatch} is stale; 422 for a new phone in an
     *                      expensive zone not accepted
     */
    public Debt update(String companyId, String id, DebtFields f, @Nullable PhoneNumbers.Result phone,
                       @Nullable String ifMatch, Instant now) {
        Debt current = debts.findForUpdate(id, companyId).orElseThrow(DebtService::notFound);
        FieldErrors errors = new FieldErrors();
        DebtRules.checkDates(f.invoiceDate() != null ? f.invoiceDate() : current.invoiceDate(),
                f.dueDate() != null ? f.dueDate() : current.dueDate(), errors);
        if (f.amount() != null || f.currency() != null) {
            String problem = Currencies.amountProblem(f.amount() != null ? f.amount() : current.amount(),
                    f.currency() != null ? f.currency() : current.currency());
            if (problem != null) {
                errors.add(f.amount() != null ? "amount" : "currency", problem);
            }
        }
        boolean newTimeline = f.timelineId() != null && !f.timelineId().equals(current.timelineId());
        TimelineDefinition timeline = null;
        if (newTimeline) {
            timeline = timelines.assignable(companyId, f.timelineId()).orElse(null);
            if (timeline == null) {
                errors.add("timeline_id", TimelineScheduler.UNKNOWN_TIMELINE);
            }
        }
        errors.throwIfAny();
        tags.checkIfMatch(ifMatch, tags.of(mapper.toApi(current)));
        boolean newPhone = phone != null && !phone.e164().equals(current.phone());
        if (newPhone && phone.destination().expensive() && !f.acceptExpensiveDestination()) {
            throw expensive(phone);
        }
        Debt.Builder b = current.toBuilder();
        if (f.civility() != null) b.civility(f.civility().getValue());
        if (f.firstname() != null) b.firstname(f.firstname());
        if (f.lastname() != null) b.lastname(f.lastname());
        if (phone != null) b.phone(phone.e164());
        if (f.email() != null) b.email(f.email());
        if (f.birthdate() != null) b.birthdate(f.birthdate());
        if (f.amount() != null) b.amount(f.amount().setScale(2, RoundingMode.UNNECESSARY));
        if (f.currency() != null) b.currency(f.currency());
        if (f.status() != null) b.status(f.status().getValue());
        if (f.summary() != null) b.summary(f.summary());
        if (f.object() != null) b.subject(f.object());
        if (f.internalId() != null) b.internalId(f.internalId());
        if (f.invoiceReference() != null) b.invoiceReference(f.invoiceReference());
        if (f.debtorReference() != null) b.debtorReference(f.debtorReference());
        if (f.invoiceDate() != null) b.invoiceDate(f.invoiceDate());
        if (f.dueDate() != null) b.dueDate(f.dueDate());
        if (f.address() != null) b.address(f.address());
        if (f.streetAddress() != null) b.streetAddress(f.streetAddress());
        if (f.streetNumber() != null) b.streetNumber(f.streetNumber());
        if (f.postalCode() != null) b.postalCode(f.postalCode());
        if (f.city() != null) b.city(f.city());
        if (f.country() != null) b.country(f.country());
        if (f.iban() != null) b.iban(f.iban());
        if (f.debtorCompany() != null) b.debtorCompany(f.debtorCompany());
        if (f.paymentLink() != null) b.paymentLink(f.paymentLink().toString());
        if (f.metadata() != null) b.metadataJson(mapper.metadataJson(f.metadata()));
        if (f.company() != null) {
            b.company(f.company().strip());
            b.creditorId(creditors.link(companyId, f.company(), now));
        }
        if (timeline != null) {
            b.timelineId(timeline.id());
            b.lastTimelineRestart(now);
        }
        b.updatedAt(now);
        Debt updated = debts.update(b.build());
        boolean closing = CLOSED.contains(updated.status()) && !updated.status().equals(current.status());
        int changed = 0;
        if (closing) {
            changed += timelines.cancelPending(companyId, id, "debt_" + updated.status(), now);
        } else if (timeline != null && !CLOSED.contains(updated.status())) {
            changed += timelines.cancelPending(companyId, id, TimelineScheduler.REASON_REPLACED, now);
            changed += timelines.schedule(companyId, id, timeline, f.timelineStartMode(), now).size();
        }
        // Followup changes recount the debt's counters in its row: read it again so the answer shows them.
        Debt result = changed == 0 ? updated : reread(updated);
        recordUpdate(companyId, current, result, now);
        return result;
    }

    /**
     * Adds the 400 on {@code timeline_id} of an update before anything is written, so that it is reported with the
     * other fields: a timeline other than the debt's current one must be an active timeline of the company.
     */
    public void checkTimeline(String companyId, String debtId, @Nullable String timelineId, FieldErrors errors) {
        if (timelineId == null) {
            return;
        }
        boolean current = queries.find(companyId, debtId)
                .map(d -> timelineId.equals(d.timelineId())).orElse(false);
        if (!current) {
            timelines.check(companyId, timelineId, errors);
        }
    }

    private TimelineDefinition assignable(String companyId, String timelineId) {
        return timelines.assignable(companyId, timelineId).orElseThrow(() -> ApiException.validation(
                new FieldErrors().add("timeline_id", TimelineScheduler.UNKNOWN_TIMELINE).asMap()));
    }

    private Debt reread(Debt debt) {
        return queries.find(debt.companyId(), debt.id()).orElseThrow(DebtService::notFound);
    }

    /** {@code debt.updated} when a field changed, and {@code debt.status_changed} when the status did. */
    private void recordUpdate(String companyId, Debt before, Debt after, Instant now) {
        var data = mapper.toApi(after);
        var changes = resourceChanges.between(mapper.toApi(before), data);
        if (changes.isEmpty()) {
            return;
        }
        outbox.record(companyId, EventType.DEBT_UPDATED, data, changes, now);
        if (changes.containsKey("status")) {
            outbox.record(companyId, EventType.DEBT_STATUS_CHANGED, data, Map.of("status", changes.get("status")), now);
        }
    }

    /** Deletes a debt and its followups; its debtor and creditor stay. {@code debt.deleted} carries its last state. */
    public void delete(String companyId, String id, Instant now) {
        Debt current = debts.findForUpdate(id, companyId).orElseThrow(DebtService::notFound);
        jdbc.prepareStatement("DELETE FROM followups WHERE company_id = ? AND debt_id = ?", ps -> {
            ps.setString(1, companyId);
            ps.setString(2, id);
            return ps.executeUpdate();
        });
        debts.deleteScoped(id, companyId);
        outbox.record(companyId, EventType.DEBT_DELETED, mapper.toApi(current), null, now);
    }

    public Debt get(String companyId, String id) {
        return queries.find(companyId, id).orElseThrow(DebtService::notFound);
    }

    static ApiException notFound() {
        return ApiException.notFound("Debt not found");
    }

    static ApiException expensive(PhoneNumbers.Result phone) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Expensive destination",
                Map.of("phone", List.of(phone.destination().confirmationMessage())));
    }

    /** The debtor's one-line address: the legacy {@code address}, else the structured fields joined. */
    private static String debtorAddress(DebtFields f) {
        if (f.address() != null && !f.address().isBlank()) {
            return f.address();
        }
        String street = join(" ", f.streetNumber(), f.streetAddress());
        String town = join(" ", f.postalCode(), f.city());
        String line = join(", ", street, town, f.country());
        if (line == null) {
            return null;
        }
        return line.length() <= 500 ? line : line.substring(0, 500);
    }

    private static String join(String separator, String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (!out.isEmpty()) {
                    out.append(separator);
                }
                out.append(p.strip());
            }
        }
        return out.isEmpty() ? null : out.toString();
    }
}
