package io.getbill.server.admin.keys;

import io.getbill.server.oauth.keys.SigningKey;
import io.getbill.server.oauth.keys.SigningKeyRepository;
import io.getbill.server.oauth.keys.SigningKeys;

import io.getbill.server.admin.session.AdminAudit;
import io.getbill.server.admin.session.AdminCaller;
import io.getbill.server.api.AdminKeysApi;
import io.getbill.server.api.model.AdminSigningKey;
import io.getbill.server.api.model.JsonWebKeyAlg;
import io.getbill.server.api.model.AdminSigningKeyListResponse;
import io.getbill.server.api.model.AdminSigningKeyResponse;
import io.getbill.server.api.model.AdminSigningKeyStatus;
import io.getbill.server.directory.companies.Company;
import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The token-signing keys for admins ({@code /admin-api/v1/signing-keys}): a listing of identities and life cycles
 * (never key material), and rotation on demand through {@link SigningKeys#rotate}, the same step the scheduled
 * rotation takes. The new key is published at once and signs from {@code getbill.signing.publish-ahead} later, by
 * when every instance has reloaded it (every {@code getbill.signing.check-interval}).
 *
 * <p>Signing keys serve every company, so a tenant's admin must not be able to rotate them at will: only admins of
 * the companies named in {@code getbill.admin.signing-keys.operator-companies} may (none by default — the operator
 * names its own company). Any admin may list them: the same facts are public in the JWKS.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminSigningKeysController implements AdminKeysApi {

    private final SigningKeyRepository repository;
    private final SigningKeys keys;
    private final CompanyRepository companies;
    private final AdminCaller caller;
    private final AdminAudit audit;
    private final Set<String> operatorCompanies;
    private final Duration publishAhead;

    public AdminSigningKeysController(SigningKeyRepository repository, SigningKeys keys, CompanyRepository companies,
                                      AdminCaller caller, AdminAudit audit,
                                      @Nullable @Property(name = "getbill.admin.signing-keys.operator-companies") List<String> operatorCompanies,
                                      @Value("${getbill.signing.publish-ahead:3m}") Duration publishAhead) {
        this.repository = repository;
        this.keys = keys;
        this.companies = companies;
        this.caller = caller;
        this.audit = audit;
        this.operatorCompanies = operatorCompanies == null ? Set.of()
                : Set.copyOf(operatorCompanies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        this.publishAhead = publishAhead;
    }

    /**
     * Newest first. Creation times are stored in whole seconds, so a key rotated in the second its predecessor was
     * created ties with it; the later activation breaks the tie (the rotated key activates after the one it replaces).
     */
    static final Comparator<SigningKey> NEWEST_FIRST =
            Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::activation).reversed();

    @Override
    public HttpResponse<AdminSigningKeyListResponse> listAdminSigningKeys() {
        Instant now = Instant.now();
        List<AdminSigningKey> data = repository.findAllOrderByCreatedAtDesc().stream().sorted(NEWEST_FIRST)
                .map(k -> toApi(k, now)).toList();
        return HttpResponse.ok(new AdminSigningKeyListResponse(false, "Success", data));
    }

    @Override
    public HttpResponse<AdminSigningKeyResponse> rotateAdminSigningKey() {
        String company = companies.findById(caller.companyId()).map(Company::name).orElse("");
        if (!operatorCompanies.contains(company)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Signing keys serve every company: only admins of an operator "
                    + "company (getbill.admin.signing-keys.operator-companies) may rotate them");
        }
        keys.rotate(Instant.now().plus(publishAhead));
        SigningKey newest = repository.findAllOrderByCreatedAtDesc().stream().min(NEWEST_FIRST).orElseThrow();
        audit.record("signing_key_rotated", newest.kid());
        return HttpResponse.<AdminSigningKeyResponse>status(HttpStatus.CREATED)
                .body(new AdminSigningKeyResponse(false, "Signing key rotated", toApi(newest, Instant.now())));
    }

    static AdminSigningKey toApi(SigningKey key, Instant now) {
        AdminSigningKey api = new AdminSigningKey(key.kid(), JsonWebKeyAlg.fromValue(key.alg()), status(key, now),
                Timestamps.utc(key.createdAt()), Timestamps.utc(key.activation()));
        api.setRetiredAt(Timestamps.utc(key.retiredAt()));
        api.setExpiresAt(Timestamps.utc(key.expiresAt()));
        return api;
    }

    static AdminSigningKeyStatus status(SigningKey key, Instant now) {
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return AdminSigningKeyStatus.EXPIRED;
        }
        if (key.retiredAt() != null && !now.isBefore(key.retiredAt())) {
            return AdminSigningKeyStatus.RETIRED;
        }
        return now.isBefore(key.activation()) ? AdminSigningKeyStatus.PENDING : AdminSigningKeyStatus.ACTIVE;
    }
}
