package io.getbill.server.resources.reports;

import io.getbill.server.api.ReportsApi;
import io.getbill.server.api.model.ReportDownload;
import io.getbill.server.api.model.ReportDownloadMimeType;
import io.getbill.server.api.model.ReportDownloadResponse;
import io.getbill.server.api.model.ReportListResponse;
import io.getbill.server.api.model.ReportResponse;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.oauth.bearer.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * {@code /external-api/v1/reports}: list, get, and a fresh signed download link ({@link ReportLinks}) for a completed
 * report. Reports are created by the monthly schedule and the admin API, never here.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportsController implements ReportsApi {

    private final ReportStore store;
    private final ReportMapper mapper;
    private final ReportLinks links;
    private final ReportSettings settings;
    private final Caller caller;

    public ReportsController(ReportStore store, ReportMapper mapper, ReportLinks links, ReportSettings settings,
                             Caller caller) {
        this.store = store;
        this.mapper = mapper;
        this.links = links;
        this.settings = settings;
        this.caller = caller;
    }

    @Override
    public HttpResponse<ReportListResponse> listReports(Integer page, Integer limit, ReportType type,
                                                        ReportStatus status, String period) {
        YearMonth month = period == null ? null : YearMonth.parse(period); // the generated pattern checked its form
        var filter = new ReportStore.Filter(caller.companyId(), type, status,
                month == null ? null : month.atDay(1), month == null ? null : month.atEndOfMonth());
        PageRequest paging = PageRequest.of(page, limit);
        ReportStore.Page result = store.list(filter, paging);
        return HttpResponse.ok(new ReportListResponse(false, "Success",
                result.reports().stream().map(mapper::toApi).toList(), paging.pagination(result.total())));
    }

    @Override
    public HttpResponse<ReportResponse> getReport(String id) {
        return HttpResponse.ok(new ReportResponse(false, "Success", mapper.toApi(find(id))));
    }

    @Override
    public HttpResponse<ReportDownloadResponse> getReportDownload(String id) {
        Report report = find(id);
        if (report.status() != ReportStatus.COMPLETED) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "Report is not available for download (status: " + report.status().getValue() + ")");
        }
        Instant expiresAt = Instant.now().plus(settings.getLinkLifetime()).truncatedTo(ChronoUnit.SECONDS);
        ReportDownload download = new ReportDownload(report.id(), report.filename(), report.fileSize(),
                ReportDownloadMimeType.fromValue(report.mimeType()), links.link(report.id(), expiresAt),
                Timestamps.utc(expiresAt));
        // The answer carries a credential (the signed link): no cache may keep it.
        return HttpResponse.ok(new ReportDownloadResponse(false, "Report download information retrieved", download))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private Report find(String id) {
        return store.find(caller.companyId(), id).orElseThrow(() -> ApiException.notFound("Report not found"));
    }
}
