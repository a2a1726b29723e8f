package io.getbill.server.admin.dashboard;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.admin.clients.ClientManagement;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.infrastructure.web.Pages;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.authorization.ScopeDescriptions;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Company → API Client Management: the list of the company's OAuth clients, Create New Client, the secret shown once,
 * rotate, disable, enable and delete — each a page or a form over {@link ClientManagement}, the service of
 * {@code /admin-api/v1/clients}, so both follow one set of rules. Admins only: a member gets a page telling them to
 * contact their company administrator.
 *
 * <p>A new or rotated secret goes from the POST to one GET through {@link SecretFlash} (POST → 303 → GET): it is
 * shown once, never in a URL, and a reload shows that it is gone. Every change is audited like the admin API's.
 */
@Controller(DashboardPaths.DASHBOARD_CLIENTS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ClientPagesController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String LIST = DashboardPaths.DASHBOARD_CLIENTS;
    private static final Map<String, String> DONE = Map.of(
            "created", "Client created. It is a public client: it has no secret.",
            "disabled", "Client disabled: it gets no new token, and its tokens were revoked.",
            "enabled", "Client enabled: it may ask for tokens again.",
            "deleted", "Client deleted: its tokens were revoked.");

    private final DashboardSessions sessions;
    private final DashboardPages pages;
    private final ClientManagement management;
    private final ScopeDescriptions descriptions;
    private final SecretFlash flash;
    private final AuditTrail audit;
    private final Clock clock;
    private final Issuer issuer;

    public ClientPagesController(DashboardSessions sessions, DashboardPages pages, ClientManagement management,
                                 ScopeDescriptions descriptions, SecretFlash flash, AuditTrail audit, Clock clock,
                                 Issuer issuer) {
        this.sessions = sessions;
        this.pages = pages;
        this.management = management;
        this.descriptions = descriptions;
        this.flash = flash;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> list(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        if (!signed.isAdmin()) {
            return pages.adminsOnly(signed);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = clock.instant();
        for (OAuthClient client : management.list(signed.companyId())) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", client.name() == null ? "" : client.name());
            row.put("clientId", client.clientId());
            row.put("path", pathOf(client.clientId()));
            row.put("grantTypes", ClientManagement.grantTypes(client));
            row.put("scopes", ClientManagement.scopes(client));
            row.put("created", WHEN.format(client.createdAt()));
            row.put("lastUsed", client.lastUsedAt() == null ? "never" : WHEN.format(client.lastUsedAt()));
            row.put("enabled", client.enabled());
            row.put("isPublic", client.isPublic());
            row.put("previousSecretUntil", client.previousSecretExpiresAt() != null && client.previousSecretExpiresAt().isAfter(now)
                    ? WHEN.format(client.previousSecretExpiresAt()) : null);
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("clients", rows);
        String query = request.getUri().getRawQuery();
        if (query != null && query.startsWith("done=")) {
            String notice = DONE.get(query.substring("done=".length()));
            if (notice != null) {
                model.put("notice", notice);
            }
        }
        return pages.page(HttpStatus.OK, "clients", signed, model);
    }

    @Get(uri = "/new", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> newClient(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        if (!signed.isAdmin()) {
            return pages.adminsOnly(signed);
        }
        return pages.page(HttpStatus.OK, "new-client", signed, ClientForm.empty().model(descriptions, Map.of()));
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> create(HttpRequest<?> request) {
        return change(request, (signed, form) -> {
            ClientForm sent = ClientForm.parse(form);
            ClientManagement.WithSecret created;
            try {
                created = management.create(signed.companyId(), sent.name(), sent.grantTypes(), sent.scopes(), null, null,
                        sent.redirectUriList(), sent.tokenEndpointAuthMethod());
            } catch (ApiException e) {
                if (e.status() != HttpStatus.BAD_REQUEST) {
                    throw e;
                }
                Map<String, List<String>> problems = new java.util.LinkedHashMap<>(e.details());
                if (sent.scopes().isEmpty()) {
                    problems.put("scopes", List.of("Choose at least one scope."));
                }
                return pages.page(HttpStatus.BAD_REQUEST, "new-client", signed, sent.model(descriptions, problems));
            }
            record(request, signed, "client_created", created.client().clientId());
            if (created.secret() == null) {
                return Pages.seeOther(LIST + "?done=created");
            }
            flash.put(signed.active().row().id(), created.client().clientId(), created.client().name(), created.secret(), false, null);
            return Pages.seeOther(LIST + "/secret");
        });
    }

    @Get(uri = "/secret", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> secret(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        if (!signed.isAdmin()) {
            return pages.adminsOnly(signed);
        }
        return flash.take(signed.active().row().id())
                .<MutableHttpResponse<String>>map(shown -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("clientId", shown.clientId());
                    model.put("clientName", shown.clientName());
                    model.put("secret", shown.secret());
                    model.put("rotated", shown.rotated());
                    model.put("issuer", issuer.value());
                    model.put("previousSecretUntil", shown.previousValidUntil() == null ? null : WHEN.format(shown.previousValidUntil()));
                    return pages.page(HttpStatus.OK, "secret", signed, model);
                })
                .orElseGet(() -> pages.message(HttpStatus.GONE, signed, "Secret no longer shown",
                        "A client secret is shown only once, right after it is created or rotated. If it was not saved, "
                                + "rotate the client's secret to get a new one."));
    }

    @Post(uri = "/{clientId}/rotate", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> rotate(@PathVariable String clientId, HttpRequest<?> request) {
        return change(request, (signed, form) -> {
            ClientManagement.WithSecret rotated = management.rotateSecret(signed.companyId(), clientId);
            record(request, signed, "client_secret_rotated", clientId);
            flash.put(signed.active().row().id(), clientId, rotated.client().name(), rotated.secret(), true,
                    rotated.client().previousSecretExpiresAt());
            return Pages.seeOther(LIST + "/secret");
        });
    }

    @Post(uri = "/{clientId}/disable", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> disable(@PathVariable String clientId, HttpRequest<?> request) {
        return change(request, (signed, form) -> {
            management.disable(signed.companyId(), clientId);
            record(request, signed, "client_disabled", clientId);
            return Pages.seeOther(LIST + "?done=disabled");
        });
    }

    @Post(uri = "/{clientId}/enable", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> enable(@PathVariable String clientId, HttpRequest<?> request) {
        return change(request, (signed, form) -> {
            management.enable(signed.companyId(), clientId);
            record(request, signed, "client_enabled", clientId);
            return Pages.seeOther(LIST + "?done=enabled");
        });
    }

    /** The confirmation page of a deletion (the form works without JavaScript; with it, a dialog asks first). */
    @Get(uri = "/{clientId}/delete", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> confirmDelete(@PathVariable String clientId, HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        if (!signed.isAdmin()) {
            return pages.adminsOnly(signed);
        }
        OAuthClient client;
        try {
            client = management.get(signed.companyId(), clientId);
        } catch (ApiException e) {
            return notFound(signed);
        }
        return pages.page(HttpStatus.OK, "delete-client", signed,
                Map.of("clientId", client.clientId(), "clientName", client.name() == null ? "" : client.name(),
                        "path", pathOf(client.clientId())));
    }

    @Post(uri = "/{clientId}/delete", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> delete(@PathVariable String clientId, HttpRequest<?> request) {
        return change(request, (signed, form) -> {
            management.delete(signed.companyId(), clientId);
            record(request, signed, "client_deleted", clientId);
            return Pages.seeOther(LIST + "?done=deleted");
        });
    }

    /** A state change: a live session, the admin role and the session's CSRF token first, then {@code action}. */
    private MutableHttpResponse<String> change(HttpRequest<?> request,
                                               java.util.function.BiFunction<DashboardSessions.Signed, FormParameters, MutableHttpResponse<String>> action) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        FormParameters form;
        String token;
        try {
            form = OAuthRequests.form(request);
            token = form.single("csrf_token");
        } catch (OAuthException e) {
            return pages.malformed(visit);
        }
        if (!sessions.csrfMatches(signed, token)) {
            return pages.forgedForm(visit);
        }
        if (!signed.isAdmin()) {
            return pages.adminsOnly(signed);
        }
        try {
            return action.apply(signed, form);
        } catch (OAuthException e) {
            return pages.malformed(visit);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return notFound(signed);
            }
            String message = e.details().values().stream().flatMap(List::stream).findFirst().orElse(e.getMessage());
            return pages.message(e.status(), signed, "Not done", message);
        }
    }

    /** The page path of a client, its id percent-encoded as one path segment. */
    static String pathOf(String clientId) {
        return LIST + "/" + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private MutableHttpResponse<String> notFound(DashboardSessions.Signed signed) {
        return pages.message(HttpStatus.NOT_FOUND, signed, "Client not found",
                "Your company has no client with this id; it may have been deleted.");
    }

    private void record(HttpRequest<?> request, DashboardSessions.Signed signed, String action, String clientId) {
        audit.record(AuditEvent.Type.ADMIN_ACTION, signed.userId(), AuditEvent.SUCCESS, action, RequestIds.of(request),
                "company=" + signed.companyId() + "/target=" + clientId);
    }
}
