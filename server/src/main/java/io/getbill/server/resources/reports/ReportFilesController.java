package io.getbill.server.resources.reports;

import io.getbill.server.api.ReportFilesApi;
import io.getbill.server.infrastructure.errors.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /files/reports/{id}?expires=&signature=}: the target of a signed download link. The signature is the
 * credential (no bearer token), checked before anything is read so that an altered link — id, expiry or signature —
 * is a 403 whatever it names; then the expiry (403); then the file (404 when the report is gone). Every use is logged
 * by {@link ReportAccessLog}. The file goes out as an attachment that no cache may keep.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportFilesController implements ReportFilesApi {

    static final String REFUSED = "The download link is invalid or has expired";

    private final ReportLinks links;
    private final ReportStore store;
    private final ReportAccessLog accessLog;

    public ReportFilesController(ReportLinks links, ReportStore store, ReportAccessLog accessLog) {
        this.links = links;
        this.store = store;
        this.accessLog = accessLog;
    }

    @Override
    public HttpResponse<String> getReportFile(String id, Long expires, String signature) {
        Instant now = Instant.now();
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        if (!links.verify(id, expires, signature)) {
            accessLog.record(id, null, ReportAccessLog.Outcome.FORBIDDEN, expires, request, now);
            throw new ApiException(HttpStatus.FORBIDDEN, REFUSED);
        }
        if (now.getEpochSecond() > expires) {
            accessLog.record(id, null, ReportAccessLog.Outcome.EXPIRED, expires, request, now);
            throw new ApiException(HttpStatus.FORBIDDEN, REFUSED);
        }
        Optional<ReportStore.File> file = store.file(id);
        if (file.isEmpty()) {
            accessLog.record(id, null, ReportAccessLog.Outcome.NOT_FOUND, expires, request, now);
            throw ApiException.notFound("Report not found");
        }
        ReportStore.File f = file.get();
        accessLog.record(id, f.companyId(), ReportAccessLog.Outcome.SERVED, expires, request, now);
        String contentType = f.mimeType().equals("text/csv") ? "text/csv; charset=utf-8" : f.mimeType();
        return HttpResponse.ok(new String(f.content(), StandardCharsets.UTF_8))
                .contentType(contentType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + f.filename() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }
}
