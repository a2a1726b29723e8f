package io.getbill.server.admin.webhooks;

import io.getbill.server.resources.webhooks.WebhookEndpoint;
import io.getbill.server.resources.webhooks.WebhookEndpoints;

import io.getbill.server.admin.session.AdminAudit;
import io.getbill.server.admin.session.AdminCaller;
import io.getbill.server.api.AdminWebhooksApi;
import io.getbill.server.api.model.DeleteResponse;
import io.getbill.server.api.model.WebhookEndpointCreateRequest;
import io.getbill.server.api.model.WebhookEndpointListResponse;
import io.getbill.server.api.model.WebhookEndpointResponse;
import io.getbill.server.api.model.WebhookEndpointSecretResponse;
import io.getbill.server.api.model.WebhookEndpointUpdateRequest;
import io.getbill.server.api.model.WebhookEndpointWithSecret;
import io.getbill.server.api.model.WebhookEventType;
import io.getbill.server.resources.events.EventType;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin-api/v1/webhooks/endpoints}: a company admin registers, lists, updates, deletes endpoints and rotates
 * their secrets ({@link WebhookEndpoints}). The session, the {@code admin} role and the CSRF token are checked by
 * the admin package before this runs; everything here is scoped by {@link AdminCaller#companyId()} and audited.
 * Answers that carry a secret are {@code Cache-Control: no-store}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminWebhooksController implements AdminWebhooksApi {

    private final WebhookEndpoints endpoints;
    private final AdminCaller caller;
    private final AdminAudit audit;

    public AdminWebhooksController(WebhookEndpoints endpoints, AdminCaller caller, AdminAudit audit) {
        this.endpoints = endpoints;
        this.caller = caller;
        this.audit = audit;
    }

    @Override
    public HttpResponse<WebhookEndpointSecretResponse> createAdminWebhookEndpoint(WebhookEndpointCreateRequest body) {
        var registered = endpoints.register(caller.companyId(), new WebhookEndpoints.Registration(body.getUrl(),
                names(body.getEventTypes()), body.getDescription(), body.getEnabled() == null || body.getEnabled()),
                Instant.now());
        audit.record("webhook_endpoint_created", registered.endpoint().id());
        return HttpResponse.created(new WebhookEndpointSecretResponse(false,
                        "Webhook endpoint registered; store the secret now, it is not shown again", withSecret(registered)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public HttpResponse<WebhookEndpointListResponse> listAdminWebhookEndpoints() {
        return HttpResponse.ok(new WebhookEndpointListResponse(false, "Success",
                endpoints.list(caller.companyId()).stream().map(AdminWebhooksController::toApi).toList()));
    }

    @Override
    public HttpResponse<WebhookEndpointResponse> getAdminWebhookEndpoint(String id) {
        return HttpResponse.ok(new WebhookEndpointResponse(false, "Success", toApi(endpoints.get(caller.companyId(), id))));
    }

    @Override
    public HttpResponse<WebhookEndpointResponse> updateAdminWebhookEndpoint(String id, WebhookEndpointUpdateRequest body) {
        if (body.getUrl() == null && body.getEventTypes() == null && body.getDescription() == null
                && body.getEnabled() == null) {
            new FieldErrors().add("body", "At least one field is required").throwIfAny();
        }
        var updated = endpoints.update(caller.companyId(), id, new WebhookEndpoints.Changes(body.getUrl(),
                body.getEventTypes() == null ? null : names(body.getEventTypes()), body.getDescription(),
                body.getEnabled()), Instant.now());
        audit.record("webhook_endpoint_updated", id);
        return HttpResponse.ok(new WebhookEndpointResponse(false, "Webhook endpoint updated", toApi(updated)));
    }

    @Override
    public HttpResponse<DeleteResponse> deleteAdminWebhookEndpoint(String id) {
        endpoints.delete(caller.companyId(), id);
        audit.record("webhook_endpoint_deleted", id);
        return HttpResponse.ok(new DeleteResponse(false, "Webhook endpoint deleted"));
    }

    @Override
    public HttpResponse<WebhookEndpointSecretResponse> rotateAdminWebhookEndpointSecret(String id) {
        var rotated = endpoints.rotateSecret(caller.companyId(), id, Instant.now());
        audit.record("webhook_endpoint_secret_rotated", id);
        return HttpResponse.ok(new WebhookEndpointSecretResponse(false,
                        "Secret rotated; store it now, it is not shown again", withSecret(rotated)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static List<String> names(List<WebhookEventType> types) {
        return types == null ? List.of() : types.stream().map(WebhookEventType::getValue).toList();
    }

    private static Set<WebhookEventType> types(WebhookEndpoint e) {
        Set<WebhookEventType> out = new LinkedHashSet<>();
        for (EventType t : e.subscribed()) {
            out.add(WebhookEventType.fromValue(t.wireName()));
        }
        return out;
    }

    static io.getbill.server.api.model.WebhookEndpoint toApi(WebhookEndpoint e) {
        var api = new io.getbill.server.api.model.WebhookEndpoint(e.id(), URI.create(e.url()), types(e), e.enabled(),
                Timestamps.utc(e.createdAt()), Timestamps.utc(e.updatedAt()));
        api.setDescription(e.description());
        return api;
    }

    private static WebhookEndpointWithSecret withSecret(WebhookEndpoints.WithSecret w) {
        WebhookEndpoint e = w.endpoint();
        var api = new WebhookEndpointWithSecret(e.id(), URI.create(e.url()), types(e), e.enabled(),
                Timestamps.utc(e.createdAt()), Timestamps.utc(e.updatedAt()), w.secret());
        api.setDescription(e.description());
        return api;
    }
}
