package io.getbill.server.admin.timelines;

import io.getbill.server.resources.timelines.TimelineDefinition;
import io.getbill.server.resources.timelines.TimelineMapper;

import io.getbill.server.admin.session.AdminCaller;
import io.getbill.server.api.AdminTimelinesApi;
import io.getbill.server.api.model.DeleteResponse;
import io.getbill.server.api.model.TimelineCreateRequest;
import io.getbill.server.api.model.TimelineListResponse;
import io.getbill.server.api.model.TimelineResponse;
import io.getbill.server.api.model.TimelineUpdateRequest;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code /admin-api/v1/timelines}: a company admin's timelines. The admin package has already checked the session,
 * the role and (on writes) the CSRF token; everything here is scoped by {@link AdminCaller#companyId()}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TimelinesAdminController implements AdminTimelinesApi {

    private final TimelineAdministration timelines;
    private final TimelineMapper mapper;
    private final WriteTransactions writes;
    private final AdminCaller caller;
    private final TimelineRequestRules.Create createRules;
    private final TimelineRequestRules.Update updateRules;

    public TimelinesAdminController(TimelineAdministration timelines, TimelineMapper mapper, WriteTransactions writes,
                                    AdminCaller caller, TimelineRequestRules.Create createRules,
                                    TimelineRequestRules.Update updateRules) {
        this.timelines = timelines;
        this.mapper = mapper;
        this.writes = writes;
        this.caller = caller;
        this.createRules = createRules;
        this.updateRules = updateRules;
    }

    @Override
    public HttpResponse<TimelineListResponse> listTimelines() {
        return HttpResponse.ok(new TimelineListResponse(false, "Success",
                timelines.list(caller.companyId()).stream().map(mapper::toApi).toList()));
    }

    @Override
    public HttpResponse<TimelineResponse> createTimeline(TimelineCreateRequest body) {
        FieldErrors errors = new FieldErrors();
        TimelineAdministration.Fields fields = createRules.checked(body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        TimelineDefinition created = writes.run(() -> timelines.create(companyId, fields, now()));
        return HttpResponse.created(new TimelineResponse(false, "Timeline created successfully", mapper.toApi(created)));
    }

    @Override
    public HttpResponse<TimelineResponse> getTimeline(String timelineId) {
        return HttpResponse.ok(new TimelineResponse(false, "Success", mapper.toApi(timelines.get(caller.companyId(), timelineId))));
    }

    @Override
    public HttpResponse<TimelineResponse> updateTimeline(String timelineId, TimelineUpdateRequest body) {
        FieldErrors errors = new FieldErrors();
        TimelineAdministration.Fields fields = updateRules.checked(body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        TimelineDefinition updated = writes.run(() -> timelines.update(companyId, timelineId, fields, now()));
        return HttpResponse.ok(new TimelineResponse(false, "Timeline updated successfully", mapper.toApi(updated)));
    }

    @Override
    public HttpResponse<DeleteResponse> deleteTimeline(String timelineId) {
        String companyId = caller.companyId();
        writes.run(() -> {
            timelines.delete(companyId, timelineId);
            return null;
        });
        return HttpResponse.ok(new DeleteResponse(false, "Timeline deleted successfully"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
