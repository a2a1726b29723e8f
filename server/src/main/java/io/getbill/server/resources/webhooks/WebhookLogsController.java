package io.getbill.server.resources.webhooks;

import io.getbill.server.api.WebhookLogsApi;
import io.getbill.server.api.model.WebhookEventType;
import io.getbill.server.api.model.WebhookEventTypeStatistics;
import io.getbill.server.api.model.WebhookLatency;
import io.getbill.server.api.model.WebhookLog;
import io.getbill.server.api.model.WebhookLogListResponse;
import io.getbill.server.api.model.WebhookLogResponse;
import io.getbill.server.api.model.WebhookOutcome;
import io.getbill.server.api.model.WebhookOutcomeCounts;
import io.getbill.server.api.model.WebhookStatistics;
import io.getbill.server.api.model.WebhookStatisticsResponse;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.oauth.bearer.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /external-api/v1/webhooks/logs}, {@code /logs/{id}} and {@code /statistics} ({@code webhooks:read}):
 * the company's delivery attempts as the worker logged them ({@link WebhookLogQueries}). Another company's entry
 * is a 404, like one that does not exist.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookLogsController implements WebhookLogsApi {

    private final WebhookLogQueries queries;
    private final Caller caller;

    public WebhookLogsController(WebhookLogQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public HttpResponse<WebhookLogListResponse> listWebhookLogs(Integer page, Integer limit, WebhookEventType eventType,
                                                                WebhookOutcome outcome, String endpointId,
                                                                LocalDate dateFrom, LocalDate dateTo) {
        var filter = WebhookLogQueries.Filter.of(caller.companyId(), eventType == null ? null : eventType.getValue(),
                outcome == null ? null : outcome.getValue(), endpointId, dateFrom, dateTo);
        PageRequest request = PageRequest.of(page, limit);
        WebhookLogQueries.Page result = queries.list(filter, request);
        return HttpResponse.ok(new WebhookLogListResponse(false, "Success",
                result.entries().stream().map(WebhookLogsController::toApi).toList(), request.pagination(result.total())));
    }

    @Override
    public HttpResponse<WebhookLogResponse> getWebhookLog(String id) {
        var entry = queries.get(caller.companyId(), id)
                .orElseThrow(() -> ApiException.notFound("Webhook log entry not found"));
        return HttpResponse.ok(new WebhookLogResponse(false, "Success", toApi(entry)));
    }

    @Override
    public HttpResponse<WebhookStatisticsResponse> getWebhookStatistics(LocalDate dateFrom, LocalDate dateTo) {
        WebhookLogQueries.Filter.of(caller.companyId(), null, null, null, dateFrom, dateTo);
        WebhookLogQueries.Figures figures = queries.figures(caller.companyId(), dateFrom, dateTo);
        long success = count(figures.groups(), null, "success");
        long failure = count(figures.groups(), null, "failure");
        long total = success + failure;
        List<WebhookEventTypeStatistics> byType = Arrays.stream(WebhookEventType.values())
                .map(t -> {
                    long s = count(figures.groups(), t.getValue(), "success");
                    long f = count(figures.groups(), t.getValue(), "failure");
                    return new WebhookEventTypeStatistics(t, s + f, s, f);
                })
                .toList();
        WebhookLatency latency = new WebhookLatency();
        latency.setP50(figures.p50());
        latency.setP95(figures.p95());
        latency.setP99(figures.p99());
        WebhookStatistics statistics = new WebhookStatistics(total, new WebhookOutcomeCounts(success, failure), latency, byType);
        statistics.setDateFrom(dateFrom);
        statistics.setDateTo(dateTo);
        if (total > 0) {
            statistics.setSuccessRate((double) success / total);
        }
        return HttpResponse.ok(new WebhookStatisticsResponse(false, "Success", statistics));
    }

    private static long count(List<WebhookLogQueries.Group> groups, String eventType, String outcome) {
        return groups.stream()
                .filter(g -> g.outcome().equals(outcome) && (eventType == null || g.eventType().equals(eventType)))
                .mapToLong(WebhookLogQueries.Group::count)
                .sum();
    }

    static WebhookLog toApi(WebhookLogQueries.Entry e) {
        WebhookLog log = new WebhookLog(e.id(), e.eventId(), WebhookEventType.fromValue(e.eventType()), e.endpointId(),
                URI.create(e.endpointUrl()), e.attempt(), WebhookOutcome.fromValue(e.outcome()), e.latencyMs(),
                Timestamps.utc(e.createdAt()));
        log.setStatusCode(e.statusCode());
        log.setError(e.error());
        return log;
    }
}
