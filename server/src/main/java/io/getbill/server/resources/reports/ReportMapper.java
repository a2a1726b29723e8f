package io.getbill.server.resources.reports;

import io.getbill.server.api.model.ReportMimeType;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.infrastructure.mapping.Timestamps;
import jakarta.inject.Singleton;

/** The one mapping from a {@code reports} row to the contract's {@code Report}. */
@Singleton
public class ReportMapper {

    public io.getbill.server.api.model.Report toApi(Report r) {
        var api = new io.getbill.server.api.model.Report(r.id(), r.type(), r.format(), r.title(), r.status(),
                ReportMimeType.fromValue(r.mimeType()), r.periodFrom(), r.periodTo(), Timestamps.utc(r.createdAt()),
                r.status() == ReportStatus.COMPLETED);
        api.setDescription(r.description());
        api.setFailureReason(r.failureReason());
        api.setFilename(r.filename());
        api.setFileSize(r.fileSize());
        api.setGeneratedAt(Timestamps.utc(r.generatedAt()));
        return api;
    }
}
