package io.getbill.server.resources.followups;

import io.getbill.server.api.FollowupsApi;
import io.getbill.server.api.model.FollowupCreateRequest;
import io.getbill.server.api.model.FollowupListResponse;
import io.getbill.server.api.model.FollowupResponse;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.api.model.FollowupUpdateRequest;
import io.getbill.server.resources.debts.records.DebtRepository;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.errors.RequestBodyRules;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.getbill.server.resources.idempotency.IdempotentWrites;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** {@code /external-api/v1/followups}: list, create, get, update, by debt. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class FollowupsController implements FollowupsApi {

    /** Pre-signed media links are valid one hour after the answer that carries them. */
    static final Duration MEDIA_LINK_LIFETIME = Duration.ofHours(1);

    private final FollowupService service;
    private final FollowupQueries queries;
    private final FollowupMapper mapper;
    private final DebtRepository debts;
    private final IdempotentWrites idempotent;
    private final WriteTransactions writes;
    private final EntityTags tags;
    private final Caller caller;
    private final RawJsonBody rawBody;
    private final CreateRules createRules;
    private final UpdateRules updateRules;

    public FollowupsController(FollowupService service, FollowupQueries queries, FollowupMapper mapper,
                               DebtRepository debts, IdempotentWrites idempotent, WriteTransactions writes,
                               EntityTags tags, Caller caller, RawJsonBody rawBody, CreateRules createRules,
                               UpdateRules updateRules) {
        this.createRules = createRules;
        this.updateRules = updateRules;
        this.service = service;
        this.queries = queries;
        this.mapper = mapper;
        this.debts = debts;
        this.idempotent = idempotent;
        this.writes = writes;
        this.tags = tags;
        this.caller = caller;
        this.rawBody = rawBody;
    }

    @Override
    public HttpResponse<FollowupListResponse> listFollowups(Integer page, Integer limit, FollowupStatus status,
                                                            FollowupType type, LocalDate dateFrom, LocalDate dateTo,
                                                            String debtId) {
        var filter = FollowupQueries.Filter.of(caller.companyId(), debtId, status, type, dateFrom, dateTo);
        return list(filter, PageRequest.of(page, limit));
    }

    @Override
    public HttpResponse<FollowupListResponse> listFollowupsByDebt(String debtId, Integer page, Integer limit,
                                                                  FollowupStatus status, FollowupType type,
                                                                  LocalDate dateFrom, LocalDate dateTo) {
        String companyId = caller.companyId();
        var filter = FollowupQueries.Filter.of(companyId, debtId, status, type, dateFrom, dateTo);
        if (!debts.existsByIdAndCompanyId(debtId, companyId)) {
            throw ApiException.notFound("Debt not found");
        }
        return list(filter, PageRequest.of(page, limit));
    }

    private HttpResponse<FollowupListResponse> list(FollowupQueries.Filter filter, PageRequest page) {
        FollowupQueries.Page result = queries.list(filter, page);
        Instant now = Instant.now();
        return HttpResponse.ok(new FollowupListResponse(false, "Success",
                result.followups().stream().map(f -> withMediaExpiry(mapper.toApi(f), now)).toList(),
                page.pagination(result.total())));
    }

    @Override
    public HttpResponse<FollowupResponse> createFollowup(FollowupCreateRequest body, String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        FollowupFields fields = FollowupFields.of(body);
        String phone = createRules.checked(fields, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        return idempotent.run("createFollowup", idempotencyKey, body, FollowupResponse.class, () -> {
            Followup created = service.create(companyId, body.getDebtId(), fields, phone, Instant.now());
            return HttpResponse.created(new FollowupResponse(false, "Followup created successfully",
                    withMediaExpiry(mapper.toApi(created), Instant.now())));
        });
    }

    @Override
    public HttpResponse<FollowupResponse> getFollowup(String id) {
        var api = mapper.toApi(service.get(caller.companyId(), id));
        return respond("Success", api);
    }

    @Override
    public HttpResponse<FollowupResponse> updateFollowup(String id, FollowupUpdateRequest body, String ifMatch) {
        FieldErrors errors = new FieldErrors();
        FollowupFields fields = FollowupFields.of(body);
        String phone = updateRules.checked(fields, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        Followup updated = writes.run(() -> service.update(companyId, id, fields, phone, ifMatch, Instant.now()));
        return respond("Followup updated successfully", mapper.toApi(updated));
    }

    private MutableHttpResponse<FollowupResponse> respond(String message, io.getbill.server.api.model.Followup api) {
        String etag = tags.of(api);
        return HttpResponse.ok(new FollowupResponse(false, message, withMediaExpiry(api, Instant.now())))
                .header(HttpHeaders.ETAG, etag);
    }

    private static io.getbill.server.api.model.Followup withMediaExpiry(io.getbill.server.api.model.Followup api, Instant now) {
        if (api.getAudioUrl() != null || api.getPdfUrl() != null) {
            api.setMediaUrlsExpireAt(Timestamps.utc(now.plus(MEDIA_LINK_LIFETIME)));
        }
        return api;
    }

    /** The rules of a followup create that its generated type cannot express. */
    @Singleton
    public static class CreateRules implements RequestBodyRules<FollowupCreateRequest> {
        private final RawJsonBody rawBody;

        public CreateRules(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<FollowupCreateRequest> bodyType() {
            return FollowupCreateRequest.class;
        }

        @Override
        public void check(FollowupCreateRequest body, FieldErrors errors) {
            checked(FollowupFields.of(body), errors);
        }

        /** Checks the body of {@code fields}; returns its phone number normalised to E.164, if it has one. */
        public String checked(FollowupFields fields, FieldErrors errors) {
            RawJsonBody.checkShape(rawBody.current(), FollowupCreateRequest.class, errors);
            return fields.check(errors);
        }
    }

    /** The rules of a followup update that its generated type cannot express. */
    @Singleton
    public static class UpdateRules implements RequestBodyRules<FollowupUpdateRequest> {
        private final RawJsonBody rawBody;

        public UpdateRules(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<FollowupUpdateRequest> bodyType() {
            return FollowupUpdateRequest.class;
        }

        @Override
        public void check(FollowupUpdateRequest body, FieldErrors errors) {
            checked(FollowupFields.of(body), errors);
        }

        /** Checks the body of {@code fields}; returns its phone number normalised to E.164, if it has one. */
        public String checked(FollowupFields fields, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, FollowupUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            return fields.check(errors);
        }
    }
}
