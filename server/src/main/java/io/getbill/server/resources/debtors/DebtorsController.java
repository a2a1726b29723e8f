package io.getbill.server.resources.debtors;

import io.getbill.server.api.DebtorsApi;
import io.getbill.server.api.model.DebtorListResponse;
import io.getbill.server.api.model.DebtorResponse;
import io.getbill.server.api.model.DebtorUpdateRequest;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@code /external-api/v1/debtors}: list, get, update; the totals come from the debtor's debts. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DebtorsController implements DebtorsApi {

    private final DebtorRepository debtors;
    private final DebtTotals totals;
    private final DebtorMapper mapper;
    private final WriteTransactions writes;
    private final EntityTags tags;
    private final Caller caller;
    private final UpdateRules rules;

    public DebtorsController(DebtorRepository debtors, DebtTotals totals, DebtorMapper mapper, WriteTransactions writes,
                             EntityTags tags, Caller caller, UpdateRules rules) {
        this.debtors = debtors;
        this.totals = totals;
        this.mapper = mapper;
        this.writes = writes;
        this.tags = tags;
        this.caller = caller;
        this.rules = rules;
    }

    @Override
    public HttpResponse<DebtorListResponse> listDebtors(Integer page, Integer limit) {
        String companyId = caller.companyId();
        PageRequest paging = PageRequest.of(page, limit);
        long total = debtors.countByCompanyId(companyId);
        List<Debtor> rows = total <= paging.offset() ? List.of() : debtors.page(companyId, paging.limit(), paging.offset());
        Map<String, DebtTotals.Totals> sums = totals.byDebtor(companyId, rows.stream().map(Debtor::id).toList());
        return HttpResponse.ok(new DebtorListResponse(false, "Success",
                rows.stream().map(d -> mapper.toApi(d, DebtTotals.of(sums, d.id()))).toList(), paging.pagination(total)));
    }

    @Override
    public HttpResponse<DebtorResponse> getDebtor(String id) {
        String companyId = caller.companyId();
        Debtor debtor = debtors.findByIdAndCompanyId(id, companyId).orElseThrow(DebtorsController::notFound);
        var api = represent(companyId, debtor);
        return HttpResponse.ok(new DebtorResponse(false, "Success", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    @Override
    public HttpResponse<DebtorResponse> updateDebtor(String id, DebtorUpdateRequest body, String ifMatch) {
        FieldErrors errors = new FieldErrors();
        String phone = rules.checkAndNormalise(body, errors);
        errors.throwIfAny();
        String companyId = caller.companyId();
        Debtor updated;
        try {
            updated = writes.run(() -> {
                Debtor current = debtors.findForUpdate(id, companyId).orElseThrow(DebtorsController::notFound);
                tags.checkIfMatch(ifMatch, tags.of(represent(companyId, current)));
                String email = body.getEmail() != null ? body.getEmail() : current.email();
                String newPhone = phone != null ? phone : current.phone();
                if (phone != null && debtors.findByPhone(companyId, phone).filter(o -> !o.id().equals(id)).isPresent()) {
                    throw conflict("phone", "Another debtor of the company has this phone");
                }
                if (body.getEmail() != null && debtors.findByEmailKey(companyId, Emails.key(email))
                        .filter(o -> !o.id().equals(id)).isPresent()) {
                    throw conflict("email", "Another debtor of the company has this email");
                }
                return debtors.update(current.withDetails(
                        body.getFirstName() != null ? body.getFirstName() : current.firstName(),
                        body.getLastName() != null ? body.getLastName() : current.lastName(),
                        email, Emails.key(email), newPhone,
                        body.getAddress() != null ? body.getAddress() : current.address(),
                        body.getDateOfBirth() != null ? body.getDateOfBirth() : current.dateOfBirth(),
                        Instant.now()));
            });
        } catch (RuntimeException e) {
            if (WriteTransactions.isDuplicateKey(e)) {
                throw conflict("body", "Another debtor of the company has this phone or email");
            }
            throw e;
        }
        var api = represent(companyId, updated);
        return HttpResponse.ok(new DebtorResponse(false, "Debtor updated successfully", api)).header(HttpHeaders.ETAG, tags.of(api));
    }

    private io.getbill.server.api.model.Debtor represent(String companyId, Debtor debtor) {
        return mapper.toApi(debtor, DebtTotals.of(totals.byDebtor(companyId, List.of(debtor.id())), debtor.id()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("Debtor not found");
    }

    private static ApiException conflict(String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, message, Map.of(field, List.of(message)));
    }

    /** The rules of a debtor update the generated type cannot express. */
    @Singleton
    public static class UpdateRules implements RequestBodyRules<DebtorUpdateRequest> {
        private final RawJsonBody rawBody;

        public UpdateRules(RawJsonBody rawBody) {
            this.rawBody = rawBody;
        }

        @Override
        public Class<DebtorUpdateRequest> bodyType() {
            return DebtorUpdateRequest.class;
        }

        @Override
        public void check(DebtorUpdateRequest body, FieldErrors errors) {
            checkAndNormalise(body, errors);
        }

        /** @return the phone in E.164 when one was given and is valid */
        String checkAndNormalise(DebtorUpdateRequest body, FieldErrors errors) {
            JsonNode raw = rawBody.current();
            RawJsonBody.checkShape(raw, DebtorUpdateRequest.class, errors);
            if (raw != null && raw.isObject() && raw.size() == 0) {
                errors.add("body", "At least one field is required");
            }
            notBlank("firstName", body.getFirstName(), errors);
            notBlank("lastName", body.getLastName(), errors);
            if (body.getEmail() != null) {
                String problem = Emails.problem(body.getEmail());
                if (problem != null) {
                    errors.add("email", problem);
                }
            }
            if (body.getDateOfBirth() != null && body.getDateOfBirth().isAfter(LocalDate.now(ZoneOffset.UTC))) {
                errors.add("dateOfBirth", "Must not be in the future");
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

        private static void notBlank(String field, String value, FieldErrors errors) {
            if (value != null && !value.isEmpty() && value.isBlank()) {
                errors.add(field, "Must not be blank");
            }
        }
    }
}
