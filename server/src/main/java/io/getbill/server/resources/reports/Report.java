package io.getbill.server.resources.reports;

import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.api.model.ReportType;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code reports} without its file (lists never load files; {@link ReportStore#file} does).
 * {@code leaseOwner}/{@code leaseUntil} say which instance is generating it and until when.
 */
public record Report(
        String id,
        String companyId,
        ReportType type,
        ReportFormat format,
        String title,
        @Nullable String description,
        LocalDate periodFrom,
        LocalDate periodTo,
        ReportStatus status,
        @Nullable String failureReason,
        String mimeType,
        @Nullable String filename,
        @Nullable Long fileSize,
        @Nullable String scheduleKey,
        @Nullable String requestedBy,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        int attempts,
        @Nullable Instant generatedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The MIME type of a format (the contract's {@code mime_type} follows {@code format}). */
    public static String mimeType(ReportFormat format) {
        return format == ReportFormat.JSON ? "application/json" : "text/csv";
    }
}
