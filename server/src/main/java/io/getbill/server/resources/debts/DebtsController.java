package io.getbill.server.resources.debts;

import io.getbill.server.resources.debts.records.Debt;
import io.getbill.server.resources.debts.records.DebtFilter;
import io.getbill.server.resources.debts.records.DebtMapper;
import io.getbill.server.resources.debts.records.DebtQueries;

import io.getbill.server.api.DebtsApi;
import io.getbill.server.api.model.BatchCreateDebtsRequest;
import io.getbill.server.api.model.BatchCreateDebtsResponse;
import io.getbill.server.api.model.DebtCreateRequest;
import io.getbill.server.api.model.DebtListResponse;
import io.getbill.server.api.model.DebtResponse;
import io.getbill.server.api.model.DebtSort;
import io.getbill.server.api.model.DebtStatus;
import io.getbill.server.api.model.DebtUpdateRequest;
import io.getbill.server.api.model.DeleteResponse;
import io.getbill.server.resources.creditors.CreditorRepository;
import io.getbill.server.resources.debtors.DebtorRepository;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.getbill.server.resources.idempotency.IdempotentWrites;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;

/** {@code /external-api/v1/debts}: list, create, batch create, get, update, delete, by creditor, by debtor. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DebtsController implements DebtsApi {

    private final DebtService service;
    private final DebtQueries queries;
    private final DebtBatchImport batch;
    private final DebtMapper mapper;
    private final DebtorRepository debtors;
    private final CreditorRepository creditors;
    private final IdempotentWrites idempotent;
    private final WriteTransactions writes;
    private final EntityTags tags;
    private final Caller caller;
    private final RawJsonBody rawBody;
    private final DebtRequestRules.Create createRules;
    private final DebtRequestRules.Update updateRules;
    private final DebtRequestRules.Batch batchRules;

    public DebtsController(DebtService service, DebtQueries queries, DebtBatchImport batch, DebtMapper mapper,
                           DebtorRepository debtors, CreditorRepository creditors, IdempotentWrites idempotent,
                           WriteTransactions writes, EntityTags tags, Caller caller, RawJsonBody rawBody,
                           DebtRequestRules.Create createRules, DebtRequestRules.Update updateRules,
                           DebtRequestRules.Batch batchRules) {
        this.createRules = createRules;
        this.updateRules = updateRules;
        this.batchRules = batchRules;
        this.rawBody = rawBody;
        this.service = service;
        this.queries = queries;
        this.batch = batch;
        this.mapper = mapper;
        this.debtors = debtors;
        this.creditors = creditors;
        this.idempotent = idempotent;
        this.writes = writes;
        this.tags = tags;
        this.caller = caller;
    }

    @Override
    public HttpResponse<DebtListResponse> listDebts(Integer page, Integer limit, DebtStatus status, String currency,
                                                    BigDecimal amountMin, BigDecimal amountMax, ZonedDateTime createdFrom,
                                                    ZonedDateTime createdTo, String search, DebtSort sort) {
        DebtFilter filter = DebtFilter.of(caller.companyId(), null, null, status, currency, amountMin, amountMax,
                createdFrom, createdTo, search, sort);
        return list(filter, PageRequest.of(page, limit));
    }

    @Override
    public HttpResponse<DebtListResponse> listDebtsByCreditor(String creditorId, Integer page, Integer limit,
                                                              DebtStatus status, String currency, BigDecimal amountMin,
                                                              BigDecimal amountMax, ZonedDateTime createdFrom,
                                                              ZonedDateTime createdTo, String search, DebtSort sort) {
        String companyId = caller.companyId();
        DebtFilter filter = DebtFilter.of(companyId, null, creditorId, status, currency, amountMin, amountMax,
                createdFrom, createdTo, search, sort);
        if (creditors.findByIdAndCompanyId(creditorId, companyId).isEmpty()) {
            throw ApiException.notFound("Creditor not found");
        }
        return list(filter, PageRequest.of(page, limit));
    }

    @Override
    public HttpResponse<DebtListResponse> listDebtsByDebtor(String debtorId, Integer page, Integer limit,
                                                            DebtStatus status, String currency, BigDecimal amountMin,
                                                            BigDecimal amountMax, ZonedDateTime createdFrom,
                                                            ZonedDateTime createdTo, String search, DebtSort sort) {
        String companyId = caller.companyId();
        DebtFilter filter = DebtFilter.of(companyId, debtorId, null, status, currency, amountMin, amountMax,
                createdFrom, createdTo, search, sort);
        if (debtors.findByIdAndCompanyId(debtorId, companyId).isEmpty()) {
            throw ApiException.notFound("Debtor not found");
        }
        return list(filter, PageRequest.of(page, limit));
    }

    private HttpResponse<DebtListResponse> list(DebtFilter filter, PageRequest page) {
        DebtQueries.Page result = queries.list(filter, page);
        return HttpResponse.ok(new DebtListResponse(false, "Success",
                result.debts().stream().map(mapper::toApi).toList(), page.pagination(result.total())));
    }

    @Override
    public HttpResponse<DebtResponse> createDebt(DebtCreateRequest body, String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        DebtRequestRules.Checked checked = createRules.checked(body, errors);
        errors.throwIfAny();
        DebtFields fields = checked.fields();
        PhoneNumbers.Result phone = checked.phone();
        String companyId = caller.companyId();
        if (phone != null && phone.destination().expensive() && !fields.acceptExpensiveDestination()) {
            throw DebtService.expensive(phone);
        }
        return idempotent.run("createDebt", idempotencyKey, body, DebtResponse.class, () -> {
            Debt debt = service.create(companyId, fields, phone == null ? null : phone.e164(), null, Instant.now());
            return HttpResponse.created(new DebtResponse(false, "Debt created successfully", mapper.toApi(debt)));
        });
    }

    @Override
    public HttpResponse<BatchCreateDebtsResponse> batchCreateDebts(BatchCreateDebtsRequest body, String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        batchRules.check(body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        DebtBatchImport.Plan plan = batch.plan(companyId, body, rawBody.current());
        return idempotent.run("batchCreateDebts", idempotencyKey, body, BatchCreateDebtsResponse.class, () ->
                HttpResponse.ok(new BatchCreateDebtsResponse(false, "Batch operation completed",
                        batch.create(companyId, plan, Instant.now()))));
    }

    @Override
    public HttpResponse<DebtResponse> getDebt(String id) {
        var api = mapper.toApi(service.get(caller.companyId(), id));
        return HttpResponse.ok(new DebtResponse(false, "Success", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    @Override
    public HttpResponse<DebtResponse> updateDebt(String id, DebtUpdateRequest body, String ifMatch) {
        FieldErrors errors = new FieldErrors();
        DebtRequestRules.Checked checked = updateRules.checked(id, body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        Debt debt = writes.run(() -> service.update(companyId, id, checked.fields(), checked.phone(), ifMatch, Instant.now()));
        var api = mapper.toApi(debt);
        return HttpResponse.ok(new DebtResponse(false, "Debt updated successfully", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    @Override
    public HttpResponse<DeleteResponse> deleteDebt(String id) {
        String companyId = caller.companyId();
        writes.run(() -> {
            service.delete(companyId, id, Instant.now());
            return null;
        });
        return HttpResponse.ok(new DeleteResponse(false, "Debt deleted successfully"));
    }
}
