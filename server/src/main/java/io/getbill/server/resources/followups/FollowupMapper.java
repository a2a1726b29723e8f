package io.getbill.server.resources.followups;

import io.getbill.server.api.model.FollowupDirection;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.infrastructure.mapping.Timestamps;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * The one mapping between a stored {@link Followup} and the API's {@code Followup}. Media links carry no expiry
 * here: the controller adds {@code media_urls_expire_at} (one hour after the answer) after computing the ETag, so
 * that the tag changes only when the followup does.
 */
@Singleton
public class FollowupMapper {

    public io.getbill.server.api.model.Followup toApi(Followup f) {
        var api = new io.getbill.server.api.model.Followup(f.id(), f.debtId(), FollowupStatus.fromValue(f.status()),
                FollowupType.fromValue(f.type()), f.isRetry(), f.triggeredPayment(), f.emailOpened(),
                f.emailOpenCount(), f.emailClicked(), f.emailClickCount(), Timestamps.utc(f.createdAt()),
                Timestamps.utc(f.updatedAt()));
        api.setCallDate(Timestamps.utc(f.callDate()));
        api.setScheduledAt(Timestamps.utc(f.scheduledAt()));
        api.setSummary(f.summary());
        api.setNotes(f.notes());
        api.setCallId(f.callId());
        api.setAudioUrl(f.audioUrl() == null ? null : URI.create(f.audioUrl()));
        api.setPdfUrl(f.pdfUrl() == null ? null : URI.create(f.pdfUrl()));
        api.setDurationMs(f.durationMs());
        api.setDisconnectionReason(f.disconnectionReason());
        api.setDirection(f.direction() == null ? null : FollowupDirection.fromValue(f.direction()));
        api.setPhoneNumberUsed(f.phoneNumberUsed());
        api.setProcessedAt(Timestamps.utc(f.processedAt()));
        api.setEmailFirstOpenedAt(Timestamps.utc(f.emailFirstOpenedAt()));
        api.setStatusReason(f.statusReason());
        api.setTimelineId(f.timelineId());
        return api;
    }
}
