package io.getbill.server.admin.timelines;

import io.getbill.server.api.model.TimelineCreateRequest;
import io.getbill.server.api.model.TimelineUpdateRequest;
import io.getbill.server.infrastructure.errors.RequestBodyRules;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * The rules of a timeline body beyond its schema, added to the schema's own violations so that one 400 lists every
 * field ({@link TimelineAdministration#check}).
 */
public final class TimelineRequestRules {

    private TimelineRequestRules() {
    }

    @Singleton
    public static class Create implements RequestBodyRules<TimelineCreateRequest> {
        private final RawJsonBody rawBody;

        public Create(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<TimelineCreateRequest> bodyType() {
            return TimelineCreateRequest.class;
        }

        @Override
        public void check(TimelineCreateRequest body, FieldErrors errors) {
            checked(body, errors);
        }

        public TimelineAdministration.Fields checked(TimelineCreateRequest body, FieldErrors errors) {
            RawJsonBody.checkShape(rawBody.current(), TimelineCreateRequest.class, errors);
            TimelineAdministration.Fields fields = TimelineAdministration.Fields.of(body);
            TimelineAdministration.check(fields, errors);
            return fields;
        }
    }

    @Singleton
    public static class Update implements RequestBodyRules<TimelineUpdateRequest> {
        private final RawJsonBody rawBody;

        public Update(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<TimelineUpdateRequest> bodyType() {
            return TimelineUpdateRequest.class;
        }

        @Override
        public void check(TimelineUpdateRequest body, FieldErrors errors) {
            checked(body, errors);
        }

        public TimelineAdministration.Fields checked(TimelineUpdateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, TimelineUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            TimelineAdministration.Fields fields = TimelineAdministration.Fields.of(body, RawJsonBody.has(raw, "start_mode"));
            TimelineAdministration.check(fields, errors);
            return fields;
        }
    }
}
