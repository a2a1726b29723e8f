package io.getbill.server.admin.reports;

import io.getbill.server.resources.reports.Report;
import io.getbill.server.resources.reports.ReportMapper;
import io.getbill.server.resources.reports.ReportRequests;

import io.getbill.server.admin.session.AdminAudit;
import io.getbill.server.admin.session.AdminCaller;
import io.getbill.server.api.AdminReportsApi;
import io.getbill.server.api.model.AdminReportRequest;
import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /admin-api/v1/reports}: a company admin asks for a report; 202 with the report in {@code generating}
 * while {@link ReportWorker} builds it. Session, admin role and CSRF token are checked by the admin package before
 * this runs; everything here is scoped by {@link AdminCaller#companyId()}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminReportsController implements AdminReportsApi {

    private final ReportRequests requests;
    private final ReportMapper mapper;
    private final AdminCaller caller;
    private final AdminAudit audit;

    public AdminReportsController(ReportRequests requests, ReportMapper mapper, AdminCaller caller, AdminAudit audit) {
        this.requests = requests;
        this.mapper = mapper;
        this.caller = caller;
        this.audit = audit;
    }

    @Override
    public HttpResponse<ReportResponse> requestAdminReport(AdminReportRequest body) {
        ReportFormat format = body.getFormat() == null ? ReportFormat.CSV : body.getFormat();
        Report report = requests.request(caller.companyId(), body.getType(), format, body.getPeriodFrom(),
                body.getPeriodTo(), caller.userId());
        audit.record("report_requested", report.id());
        return HttpResponse.<ReportResponse>status(HttpStatus.ACCEPTED)
                .body(new ReportResponse(false, "Report generation started", mapper.toApi(report)));
    }
}
