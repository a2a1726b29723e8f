package io.getbill.server.resources.debts;

import io.getbill.server.api.model.BatchCreateDebtsRequest;
import io.getbill.server.api.model.DebtCreateRequest;
import io.getbill.server.api.model.DebtUpdateRequest;
import io.getbill.server.infrastructure.errors.RequestBodyRules;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.resources.timelines.TimelineScheduler;
import io.micronaut.http.context.ServerRequestContext;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/** The body rules of the debt operations, run with the generated types' constraints. */
public final class DebtRequestRules {

    private DebtRequestRules() {
    }

    @Singleton
    public static class Create implements RequestBodyRules<DebtCreateRequest> {
        private final RawJsonBody rawBody;
        private final TimelineScheduler timelines;
        private final Caller caller;

        public Create(RawJsonBody rawBody, TimelineScheduler timelines, Caller caller) {
            this.rawBody = rawBody;
            this.timelines = timelines;
            this.caller = caller;
        }

        @Override
        public Class<DebtCreateRequest> bodyType() {
            return DebtCreateRequest.class;
        }

        @Override
        public void check(DebtCreateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, DebtCreateRequest.class, errors);
            DebtRules.check(DebtFields.of(body, RawJsonBody.has(raw, "timeline_start_mode")), true, errors);
            timelines.check(caller.companyId(), body.getTimelineId(), errors);
        }
    }

    @Singleton
    public static class Update implements RequestBodyRules<DebtUpdateRequest> {
        private final RawJsonBody rawBody;
        private final DebtService service;
        private final Caller caller;

        public Update(RawJsonBody rawBody, DebtService service, Caller caller) {
            this.rawBody = rawBody;
            this.service = service;
            this.caller = caller;
        }

        @Override
        public Class<DebtUpdateRequest> bodyType() {
            return DebtUpdateRequest.class;
        }

        @Override
        public void check(DebtUpdateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, DebtUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            DebtRules.check(DebtFields.of(body, RawJsonBody.has(raw, "timeline_start_mode")), false, errors);
            String path = ServerRequestContext.currentRequest().map(r -> r.getPath()).orElse("");
            String debtId = path.substring(path.lastIndexOf('/') + 1);
            service.checkTimeline(caller.companyId(), debtId, body.getTimelineId(), errors);
        }
    }

    /** A batch's shape (nulls included) is all or nothing; the rules of each item fail only that item. */
    @Singleton
    public static class Batch implements RequestBodyRules<BatchCreateDebtsRequest> {
        private final RawJsonBody rawBody;

        public Batch(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<BatchCreateDebtsRequest> bodyType() {
            return BatchCreateDebtsRequest.class;
        }

        @Override
        public void check(BatchCreateDebtsRequest body, FieldErrors errors) {
            RawJsonBody.checkShape(rawBody.current(), BatchCreateDebtsRequest.class, errors);
        }
    }
}
