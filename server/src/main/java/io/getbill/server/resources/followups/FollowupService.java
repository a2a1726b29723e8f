package io.getbill.server.resources.followups;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.resources.debts.records.DebtRepository;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.resources.events.EventOutbox;
import io.getbill.server.resources.events.EventType;
import io.getbill.server.resources.events.ResourceChanges;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Every change to followups goes through here, inside the caller's transaction: the debt's row is locked and its
 * counters recounted in the same transaction, and the webhook event ({@code followup.created},
 * {@code followup.updated} with {@code changes}) recorded in it too ({@link EventOutbox}).
 */
@Singleton
public class FollowupService {

    private final FollowupRepository followups;
    private final DebtRepository debts;
    private final FollowupCounters counters;
    private final FollowupMapper mapper;
    private final EntityTags tags;
    private final EventOutbox outbox;
    private final ResourceChanges resourceChanges;

    public FollowupService(FollowupRepository followups, DebtRepository debts, FollowupCounters counters,
                           FollowupMapper mapper, EntityTags tags, EventOutbox outbox, ResourceChanges resourceChanges) {
        this.followups = followups;
        this.debts = debts;
        this.counters = counters;
        this.mapper = mapper;
        this.tags = tags;
        this.outbox = outbox;
        this.resourceChanges = resourceChanges;
    }

    /** @throws ApiException 400 on {@code debt_id} when the debt is not one of the company's */
    public Followup create(String companyId, String debtId, FollowupFields f, @Nullable String phoneE164, Instant now) {
        if (debts.findForUpdate(debtId, companyId).isEmpty()) {
            throw ApiException.validation(new FieldErrors().add("debt_id", "No debt with this id in your company").asMap());
        }
        Instant callDate = instant(f.callDate());
        Instant scheduledAt = instant(f.scheduledAt());
        Followup followup = new Followup(RandomValues.id(), companyId, debtId,
                f.status() == null ? "on_hold" : f.status().getValue(), f.type().getValue(), callDate, scheduledAt,
                callDate != null ? callDate : scheduledAt, f.summary(), f.notes(), f.callId(),
                f.audioUrl() == null ? null : f.audioUrl().toString(), null, f.durationMs(), f.disconnectionReason(),
                f.direction() == null ? null : f.direction().getValue(), phoneE164, Boolean.TRUE.equals(f.isRetry()),
                null, false, false, 0, null, false, 0, now, now, f.timelineId(), f.timelineStep(), null, null);
        Followup saved = followups.save(followup);
        counters.recount(companyId, debtId);
        outbox.record(companyId, EventType.FOLLOWUP_CREATED, mapper.toApi(saved), null, now);
        return saved;
    }

    /**
     * @throws ApiException 404 for no such followup in the company, 412 when {@code ifMatch} is stale
     */
    public Followup update(String companyId, String id, FollowupFields f, @Nullable String phoneE164,
                           @Nullable String ifMatch, Instant now) {
        // Lock order debt, then followup — as a create or a debt delete does — so that they cannot deadlock.
        String debtId = followups.findByIdAndCompanyId(id, companyId).orElseThrow(FollowupService::notFound).debtId();
        debts.findForUpdate(debtId, companyId);
        Followup current = followups.findForUpdate(id, companyId).orElseThrow(FollowupService::notFound);
        tags.checkIfMatch(ifMatch, tags.of(mapper.toApi(current)));
        Instant callDate = f.callDate() != null ? instant(f.callDate()) : current.callDate();
        Instant scheduledAt = f.scheduledAt() != null ? instant(f.scheduledAt()) : current.scheduledAt();
        Followup updated = new Followup(current.id(), companyId, current.debtId(),
                f.status() != null ? f.status().getValue() : current.status(),
                f.type() != null ? f.type().getValue() : current.type(),
                callDate, scheduledAt, callDate != null ? callDate : scheduledAt,
                pick(f.summary(), current.summary()), pick(f.notes(), current.notes()), pick(f.callId(), current.callId()),
                f.audioUrl() != null ? f.audioUrl().toString() : current.audioUrl(), current.pdfUrl(),
                f.durationMs() != null ? f.durationMs() : current.durationMs(),
                pick(f.disconnectionReason(), current.disconnectionReason()),
                f.direction() != null ? f.direction().getValue() : current.direction(),
                pick(phoneE164, current.phoneNumberUsed()),
                f.isRetry() != null ? f.isRetry() : current.isRetry(),
                current.processedAt(), current.triggeredPayment(), current.emailOpened(), current.emailOpenCount(),
                current.emailFirstOpenedAt(), current.emailClicked(), current.emailClickCount(), current.createdAt(), now,
                current.timelineId(), current.timelineStep(),
                f.status() != null && !f.status().getValue().equals(current.status()) ? null : current.statusReason(),
                current.creditsSpent());
        Followup saved = followups.update(updated);
        counters.recount(companyId, current.debtId());
        var data = mapper.toApi(saved);
        var changes = resourceChanges.between(mapper.toApi(current), data);
        if (!changes.isEmpty()) {
            outbox.record(companyId, EventType.FOLLOWUP_UPDATED, data, changes, now);
        }
        return saved;
    }

    /**
     * Locks a followup (its debt first, then the followup: the order every followup change takes) if it is still in
     * status {@code expected}; empty when it is gone or in another status — another instance claimed it, or it was
     * cancelled meanwhile. Together with {@link #changeStatus} it is a compare-and-set under the row locks: what
     * makes a timeline step run once however many executors race for it. Call inside a write transaction.
     */
    public Optional<Followup> lockInStatus(String companyId, String id, String expected) {
        Optional<Followup> found = followups.findByIdAndCompanyId(id, companyId);
        if (found.isEmpty() || !expected.equals(found.get().status())) {
            return Optional.empty();
        }
        debts.findForUpdate(found.get().debtId(), companyId);
        return followups.findForUpdate(id, companyId).filter(f -> expected.equals(f.status()));
    }

    /**
     * Changes the status of a followup locked by {@link #lockInStatus} (with the reason, for {@code cancelled} and
     * {@code failed}), as the timeline executor and the cancellation of pending steps do, and recounts the debt's
     * counters in the same transaction.
     *
     * @param announce record a {@code followup.updated} event (with the status change) in the outbox; the
     *                 executor's internal claim ({@code scheduled} to {@code in_progress}) is not announced
     */
    public Followup changeStatus(Followup locked, String status, @Nullable String reason, @Nullable Instant processedAt,
                                 @Nullable Integer creditsSpent, boolean announce, Instant now) {
        Followup saved = followups.update(locked.withStatus(status, reason, processedAt, creditsSpent, now));
        counters.recount(saved.companyId(), saved.debtId());
        if (announce) {
            outbox.record(saved.companyId(), EventType.FOLLOWUP_UPDATED, mapper.toApi(saved),
                    Map.of("status", Map.of("from", locked.status(), "to", status)), now);
        }
        return saved;
    }

    public Followup get(String companyId, String id) {
        return followups.findByIdAndCompanyId(id, companyId).orElseThrow(FollowupService::notFound);
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    private static Instant instant(ZonedDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static ApiException notFound() {
        return ApiException.notFound("Followup not found");
    }
}
