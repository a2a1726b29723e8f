package io.getbill.server.resources.followups;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A followup (call, message or letter) on a debt, as stored. {@code followupDate} is {@code callDate} when set,
 * else {@code scheduledAt}: the date the list's {@code date_from} / {@code date_to} filter on. A followup scheduled by a
 * timeline names it ({@code timelineId}, {@code timelineStep}); {@code statusReason} says why it was cancelled or
 * failed, {@code creditsSpent} what its execution cost.
 */
@MappedEntity("followups")
public record Followup(
        @Id String id,
        String companyId,
        String debtId,
        String status,
        String type,
        @Nullable Instant callDate,
        @Nullable Instant scheduledAt,
        @Nullable Instant followupDate,
        @Nullable String summary,
        @Nullable String notes,
        @Nullable String callId,
        @Nullable String audioUrl,
        @Nullable String pdfUrl,
        @Nullable Integer durationMs,
        @Nullable String disconnectionReason,
        @Nullable String direction,
        @Nullable String phoneNumberUsed,
        boolean isRetry,
        @Nullable Instant processedAt,
        boolean triggeredPayment,
        boolean emailOpened,
        int emailOpenCount,
        @Nullable Instant emailFirstOpenedAt,
        boolean emailClicked,
        int emailClickCount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String timelineId,
        @Nullable Integer timelineStep,
        @Nullable String statusReason,
        @Nullable Integer creditsSpent) {

    /** This followup with another status (and why), as the timeline executor and cancellations change it. */
    public Followup withStatus(String newStatus, @Nullable String reason, @Nullable Instant processed,
                               @Nullable Integer credits, Instant now) {
        return new Followup(id, companyId, debtId, newStatus, type, callDate, scheduledAt, followupDate, summary, notes,
                callId, audioUrl, pdfUrl, durationMs, disconnectionReason, direction, phoneNumberUsed, isRetry,
                processed != null ? processed : processedAt, triggeredPayment, emailOpened, emailOpenCount,
                emailFirstOpenedAt, emailClicked, emailClickCount, createdAt, now, timelineId, timelineStep, reason,
                credits != null ? credits : creditsSpent);
    }
}
