package io.getbill.server.admin.clients;

import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.admin.session.AdminAudit;
import io.getbill.server.admin.session.AdminCaller;
import io.getbill.server.api.AdminClientsApi;
import io.getbill.server.api.model.AdminClient;
import io.getbill.server.api.model.AdminClientCreateRequest;
import io.getbill.server.api.model.AdminClientListResponse;
import io.getbill.server.api.model.AdminClientResponse;
import io.getbill.server.api.model.AdminClientSecret;
import io.getbill.server.api.model.AdminClientSecretResponse;
import io.getbill.server.api.model.AdminGrantType;
import io.getbill.server.api.model.AdminRateLimits;
import io.getbill.server.api.model.AdminScope;
import io.getbill.server.api.model.AdminTokenEndpointAuthMethod;
import io.getbill.server.api.model.DeleteResponse;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * The company's OAuth clients for its admins ({@code /admin-api/v1/clients}); the rules live in
 * {@link ClientManagement}. Session, role and CSRF are checked before this runs; everything is scoped by
 * {@link AdminCaller#companyId()}, and every change is audited without secrets.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminClientsController implements AdminClientsApi {

    private final ClientManagement management;
    private final AdminCaller caller;
    private final AdminAudit audit;

    public AdminClientsController(ClientManagement management, AdminCaller caller, AdminAudit audit) {
        this.management = management;
        this.caller = caller;
        this.audit = audit;
    }

    @Override
    public HttpResponse<AdminClientListResponse> listAdminClients() {
        List<AdminClient> data = management.list(caller.companyId()).stream().map(AdminClientsController::toApi).toList();
        return HttpResponse.ok(new AdminClientListResponse(false, "Success", data));
    }

    @Override
    public HttpResponse<AdminClientSecretResponse> createAdminClient(AdminClientCreateRequest body) {
        AdminRateLimits limits = body.getRateLimits();
        ClientManagement.WithSecret created = management.create(caller.companyId(), body.getName(),
                body.getGrantTypes().stream().map(AdminGrantType::getValue).toList(),
                body.getScopes().stream().map(AdminScope::getValue).toList(),
                limits == null ? null : limits.getReadsPerHour(), limits == null ? null : limits.getWritesPerHour(),
                body.getRedirectUris(),
                body.getTokenEndpointAuthMethod() == null ? null : body.getTokenEndpointAuthMethod().getValue());
        audit.record("client_created", created.client().clientId());
        return HttpResponse.<AdminClientSecretResponse>status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new AdminClientSecretResponse(false, created.secret() == null ? "Client created (public: no secret)"
                        : "Client created; store the secret now, it is not shown again",
                        withSecret(toApi(created.client()), created.secret())));
    }

    @Override
    public HttpResponse<AdminClientResponse> getAdminClient(String clientId) {
        return HttpResponse.ok(new AdminClientResponse(false, "Success", toApi(management.get(caller.companyId(), clientId))));
    }

    @Override
    public HttpResponse<DeleteResponse> deleteAdminClient(String clientId) {
        management.delete(caller.companyId(), clientId);
        audit.record("client_deleted", clientId);
        return HttpResponse.ok(new DeleteResponse(false, "Client deleted"));
    }

    @Override
    public HttpResponse<AdminClientSecretResponse> rotateAdminClientSecret(String clientId) {
        ClientManagement.WithSecret rotated = management.rotateSecret(caller.companyId(), clientId);
        audit.record("client_secret_rotated", clientId);
        return HttpResponse.ok(new AdminClientSecretResponse(false,
                        "Secret rotated; store the new secret now, it is not shown again",
                        withSecret(toApi(rotated.client()), rotated.secret())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public HttpResponse<AdminClientResponse> disableAdminClient(String clientId) {
        OAuthClient client = management.disable(caller.companyId(), clientId);
        audit.record("client_disabled", clientId);
        return HttpResponse.ok(new AdminClientResponse(false, "Client disabled; its tokens are revoked", toApi(client)));
    }

    @Override
    public HttpResponse<AdminClientResponse> enableAdminClient(String clientId) {
        OAuthClient client = management.enable(caller.companyId(), clientId);
        audit.record("client_enabled", clientId);
        return HttpResponse.ok(new AdminClientResponse(false, "Client enabled", toApi(client)));
    }

    private static AdminClientSecret withSecret(AdminClient client, String secret) {
        AdminClientSecret body = new AdminClientSecret(client);
        body.setClientSecret(secret);
        return body;
    }

    static AdminClient toApi(OAuthClient client) {
        AdminClient api = new AdminClient(client.clientId(), client.name(),
                ClientManagement.grantTypes(client).stream().map(AdminGrantType::fromValue).toList(),
                client.registeredRedirectUris(), AdminTokenEndpointAuthMethod.fromValue(client.authMethod().value()),
                ClientManagement.scopes(client).stream().map(AdminScope::fromValue).toList(),
                new AdminRateLimits(client.readsPerHour(), client.writesPerHour()),
                client.enabled(), Timestamps.utc(client.createdAt()));
        api.setLastUsedAt(Timestamps.utc(client.lastUsedAt()));
        if (client.previousSecretExpiresAt() != null && client.previousSecretExpiresAt().isAfter(java.time.Instant.now())) {
            api.setPreviousSecretExpiresAt(Timestamps.utc(client.previousSecretExpiresAt()));
        }
        return api;
    }
}
