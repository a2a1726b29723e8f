package io.getbill.server.resources.creditors;

import io.getbill.server.api.CreditorsApi;
import io.getbill.server.api.model.CreditorListResponse;
import io.getbill.server.api.model.CreditorResponse;
import io.getbill.server.api.model.CreditorUpdateRequest;
import io.getbill.server.resources.debts.records.DebtTotals;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.errors.RequestBodyRules;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.infrastructure.validation.Emails;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.getbill.server.infrastructure.validation.RawJsonBody;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /external-api/v1/creditors}: list, get, update; the totals come from the creditor's debts. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CreditorsController implements CreditorsApi {

    private final CreditorRepository creditors;
    private final DebtTotals totals;
    private final CreditorMapper mapper;
    private final WriteTransactions writes;
    private final EntityTags tags;
    private final Caller caller;
    private final UpdateRules rules;

    public CreditorsController(CreditorRepository creditors, DebtTotals totals, CreditorMapper mapper,
                               WriteTransactions writes, EntityTags tags, Caller caller, UpdateRules rules) {
        this.creditors = creditors;
        this.totals = totals;
        this.mapper = mapper;
        this.writes = writes;
        this.tags = tags;
        this.caller = caller;
        this.rules = rules;
    }

    @Override
    public HttpResponse<CreditorListResponse> listCreditors(Integer page, Integer limit) {
        String companyId = caller.companyId();
        PageRequest paging = PageRequest.of(page, limit);
        long total = creditors.countByCompanyId(companyId);
        List<Creditor> rows = total <= paging.offset() ? List.of() : creditors.page(companyId, paging.limit(), paging.offset());
        Map<String, DebtTotals.Totals> sums = totals.byCreditor(companyId, rows.stream().map(Creditor::id).toList());
        return HttpResponse.ok(new CreditorListResponse(false, "Success",
                rows.stream().map(c -> mapper.toApi(c, DebtTotals.of(sums, c.id()))).toList(), paging.pagination(total)));
    }

    @Override
    public HttpResponse<CreditorResponse> getCreditor(String id) {
        String companyId = caller.companyId();
        Creditor creditor = creditors.findByIdAndCompanyId(id, companyId).orElseThrow(CreditorsController::notFound);
        var api = represent(companyId, creditor);
        return HttpResponse.ok(new CreditorResponse(false, "Success", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    @Override
    public HttpResponse<CreditorResponse> updateCreditor(String id, CreditorUpdateRequest body, String ifMatch) {
        FieldErrors errors = new FieldErrors();
        String phone = rules.checkAndNormalise(body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        Creditor updated;
        try {
            updated = writes.run(() -> {
                Creditor c = creditors.findForUpdate(id, companyId).orElseThrow(CreditorsController::notFound);
                tags.checkIfMatch(ifMatch, tags.of(represent(companyId, c)));
                String name = body.getName() != null ? body.getName().strip() : c.name();
                if (body.getName() != null && creditors.findByNameKey(companyId, Creditor.nameKey(name))
                        .filter(o -> !o.id().equals(id)).isPresent()) {
                    throw conflict();
                }
                return creditors.update(new Creditor(c.id(), c.companyId(), name, Creditor.nameKey(name),
                        pick(body.getEmail(), c.email()), pick(phone, c.phone()), pick(body.getAddress(), c.address()),
                        pick(body.getCity(), c.city()), pick(body.getPostalCode(), c.postalCode()),
                        pick(body.getCountry(), c.country()), pick(body.getRegistrationNumber(), c.registrationNumber()),
                        pick(body.getTaxNumber(), c.taxNumber()), pick(body.getContactPerson(), c.contactPerson()),
                        c.createdAt(), Instant.now()));
            });
        } catch (RuntimeException e) {
            if (WriteTransactions.isDuplicateKey(e)) {
                throw conflict();
            }
            throw e;
        }
        var api = represent(companyId, updated);
        return HttpResponse.ok(new CreditorResponse(false, "Creditor updated successfully", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    private io.getbill.server.api.model.Creditor represent(String companyId, Creditor creditor) {
        return mapper.toApi(creditor, DebtTotals.of(totals.byCreditor(companyId, List.of(creditor.id())), creditor.id()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("Creditor not found");
    }

    private static ApiException conflict() {
        String message = "Another creditor of the company has this name";
        return new ApiException(HttpStatus.CONFLICT, message, Map.of("name", List.of(message)));
    }

    /** The rules of a creditor update the generated type cannot express. */
    @Singleton
    public static class UpdateRules implements RequestBodyRules<CreditorUpdateRequest> {
        private final RawJsonBody rawBody;

        public UpdateRules(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<CreditorUpdateRequest> bodyType() {
            return CreditorUpdateRequest.class;
        }

        @Override
        public void check(CreditorUpdateRequest body, FieldErrors errors) {
            checkAndNormalise(body, errors);
        }

        /** @return the phone in E.164 when one was given and is valid */
        String checkAndNormalise(CreditorUpdateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, CreditorUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            if (body.getName() != null && !body.getName().isEmpty() && body.getName().isBlank()) {
                errors.add("name", "Must not be blank");
            }
            if (body.getEmail() != null) {
                String problem = Emails.problem(body.getEmail());
                if (problem != null) {
                    errors.add("email", problem);
                }
            }
            if (body.getPhone() != null) {
                PhoneNumbers.Result phone = PhoneNumbers.normalise(body.getPhone());
                if (!phone.valid()) {
                    errors.add("phone", phone.error());
                    return null;
                }
                return phone.e164();
            }
            return null;
        }
    }
}
