package io.getbill.server.resources.followups;

import io.getbill.server.api.model.FollowupCreateRequest;
import io.getbill.server.api.model.FollowupDirection;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.api.model.FollowupUpdateRequest;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.ZonedDateTime;

/**
 * The fields of a followup create or update in one shape; for an update, {@code null} means "left out". Only the
 * timeline scheduler sets {@code timelineId} and {@code timelineStep} (a client cannot).
 */
public record FollowupFields(
        @Nullable FollowupType type,
        @Nullable FollowupStatus status,
        @Nullable ZonedDateTime callDate,
        @Nullable ZonedDateTime scheduledAt,
        @Nullable String summary,
        @Nullable String notes,
        @Nullable String callId,
        @Nullable URI audioUrl,
        @Nullable String phoneNumberUsed,
        @Nullable String disconnectionReason,
        @Nullable Integer durationMs,
        @Nullable FollowupDirection direction,
        @Nullable Boolean isRetry,
        @Nullable String timelineId,
        @Nullable Integer timelineStep) {

    public static FollowupFields of(FollowupCreateRequest r) {
        return new FollowupFields(r.getType(), r.getStatus(), r.getCallDate(), r.getScheduledAt(), r.getSummary(),
                r.getNotes(), r.getCallId(), r.getAudioUrl(), r.getPhoneNumberUsed(), r.getDisconnectionReason(),
                r.getDurationMs(), r.getDirection(), r.getIsRetry(), null, null);
    }

    public static FollowupFields of(FollowupUpdateRequest r) {
        return new FollowupFields(r.getType(), r.getStatus(), r.getCallDate(), r.getScheduledAt(), r.getSummary(),
                r.getNotes(), r.getCallId(), r.getAudioUrl(), r.getPhoneNumberUsed(), r.getDisconnectionReason(),
                r.getDurationMs(), r.getDirection(), r.getIsRetry(), null, null);
    }

    /** A followup a timeline schedules: the step's channel as type, status {@code scheduled}, its message as notes. */
    public static FollowupFields scheduledStep(FollowupType type, ZonedDateTime scheduledAt, @Nullable String message,
                                               String timelineId, int timelineStep) {
        return new FollowupFields(type, FollowupStatus.SCHEDULED, null, scheduledAt, null, message, null, null, null,
                null, null, FollowupDirection.OUTBOUND, false, timelineId, timelineStep);
    }

    /**
     * The rules the generated types cannot express.
     *
     * @return {@code phone_number_used} in E.164, or {@code null} when absent or invalid
     */
    public String check(FieldErrors errors) {
        if (audioUrl != null) {
            String scheme = audioUrl.getScheme();
            if (!audioUrl.isAbsolute() || audioUrl.getHost() == null
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                errors.add("audio_url", "Must be an absolute http or https URL");
            }
        }
        if (phoneNumberUsed != null) {
            PhoneNumbers.Result phone = PhoneNumbers.normalise(phoneNumberUsed);
            if (!phone.valid()) {
                errors.add("phone_number_used", phone.error());
                return null;
            }
            return phone.e164();
        }
        return null;
    }
}
