package io.getbill.server.resources.debts;

import io.getbill.server.api.model.BatchCreateDebtsRequest;
import io.getbill.server.api.model.DebtCreateRequest;
import io.getbill.server.api.model.DebtUpdateRequest;
import io.getbill.server.infrastructure.errors.RequestBodyRules;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.resources.timelines.TimelineScheduler;
import io.micronaut.http.context.ServerRequestContext;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * The body rules of the debt operations, in one place each: the controller runs them on a body that met its generated
 * type's constraints, and {@code ConstraintViolationHandler} runs them beside the constraint messages of one that did
 * not, so that one 400 reports every violated field.
 */
public final class DebtRequestRules {

    private DebtRequestRules() {
    }

    /** A debt body's fields as checked, with its phone number normalised ({@code null} without one). */
    public record Checked(DebtFields fields, PhoneNumbers.Result phone) {
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
            checked(body, errors);
        }

        public Checked checked(DebtCreateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, DebtCreateRequest.class, errors);
            DebtFields fields = DebtFields.of(body, RawJsonBody.has(raw, "timeline_start_mode"));
            PhoneNumbers.Result phone = DebtRules.check(fields, true, errors);
            timelines.check(caller.companyId(), fields.timelineId(), errors);
            return new Checked(fields, phone);
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
            String path = ServerRequestContext.currentRequest().map(r -> r.getPath()).orElse("");
            checked(path.substring(path.lastIndexOf('/') + 1), body, errors);
        }

        public Checked checked(String debtId, DebtUpdateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, DebtUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            DebtFields fields = DebtFields.of(body, RawJsonBody.has(raw, "timeline_start_mode"));
            PhoneNumbers.Result phone = DebtRules.check(fields, false, errors);
            service.checkTimeline(caller.companyId(), debtId, fields.timelineId(), errors);
            return new Checked(fields, phone);
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
