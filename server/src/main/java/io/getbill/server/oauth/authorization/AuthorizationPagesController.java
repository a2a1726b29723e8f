package io.getbill.server.oauth.authorization;

import io.getbill.server.api.AuthorizationApi;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationThrottle;
import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.infrastructure.web.Pages;
import io.getbill.server.oauth.protocol.OAuthEndpoints;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.consents.ConsentListing;
import io.getbill.server.oauth.consents.UserConsents;
import io.getbill.server.oauth.signin.UserSessions;
import io.getbill.server.oauth.signin.UserSignIn;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser side of the authorization code flow (RFC 6749 §4.1): the authorization endpoint, the sign-in and
 * consent pages of a company user, sign-out, and the account page of remembered consents.
 *
 * <p>The steps: {@code GET /authorize} checks the request ({@link AuthorizationRequestRules}) and keeps it
 * ({@link PendingAuthorizations}); without a user session the browser goes to the sign-in page; once signed in, a
 * problem found earlier is answered to the client by redirect (only now, so the endpoint reveals nothing to an
 * anonymous caller), a remembered consent covering every scope gives a code at once, and otherwise the consent page
 * asks. Every POST answers 303; every form carries a single-use token bound to the request (and, for consent, the
 * session), so a forged, foreign or replayed post is a 403 and issues nothing.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.7">RFC 9700 §4.7 (CSRF)</a>
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthorizationPagesController implements AuthorizationApi {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final AuthorizationRequestRules rules;
    private final PendingAuthorizations pending;
    private final AuthorizationCodes codes;
    private final AuthorizationResponses responses;
    private final ClientRegistry clients;
    private final UserSessions sessions;
    private final UserSignIn signIn;
    private final UserConsents consents;
    private final ScopeDescriptions descriptions;
    private final ClientAuthenticationThrottle addresses;
    private final Pages pages;
    private final AuditTrail audit;
    private final String stylesheet;

    public AuthorizationPagesController(AuthorizationRequestRules rules, PendingAuthorizations pending,
                                        AuthorizationCodes codes, AuthorizationResponses responses, ClientRegistry clients,
                                        UserSessions sessions, UserSignIn signIn, UserConsents consents,
                                        ScopeDescriptions descriptions, ClientAuthenticationThrottle addresses, Pages pages,
                                        AuditTrail audit) {
        this.rules = rules;
        this.pending = pending;
        this.codes = codes;
        this.responses = responses;
        this.clients = clients;
        this.sessions = sessions;
        this.signIn = signIn;
        this.consents = consents;
        this.descriptions = descriptions;
        this.addresses = addresses;
        this.pages = pages;
        this.audit = audit;
        this.stylesheet = load("assets/pages.css");
    }

    @Override
    public HttpResponse<String> authorize(HttpRequest request) {
        AuthorizationRequestRules.Checked checked = rules.check(request.getUri().getRawQuery());
        if (checked.pageError() != null) {
            return pages.error(HttpStatus.BAD_REQUEST, "Authorization request refused", checked.pageError());
        }
        PendingAuthorizations.Pending created = pending.create(checked.client().clientId(), checked.redirectUri(),
                checked.scope(), checked.state(), checked.codeChallenge(), checked.error(), checked.errorDescription());
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.seeOther(OAuthEndpoints.SIGN_IN + "?request=" + created.id());
        }
        pending.bindSession(created, session.get().row().id());
        return proceed(created, session.get().user(), request);
    }

    @Override
    public HttpResponse<String> showSignIn(HttpRequest request) {
        String id = queryParameter(request, "request");
        Optional<UserSessions.Active> session = sessions.current(request);
        PendingAuthorizations.Pending found;
        if (id == null) {
            if (session.isPresent()) {
                return Pages.seeOther(OAuthEndpoints.ACCOUNT_AUTHORIZATIONS);
            }
            found = pending.create(null, null, null, null, null, null, null);
        } else {
            found = pending.find(id).orElse(null);
            if (found == null || found.row().completed()) {
                return expiredRequest();
            }
            if (session.isPresent()) {
                pending.bindSession(found, session.get().row().id());
                return proceed(found, session.get().user(), request);
            }
        }
        return signInPage(HttpStatus.OK, found, null);
    }

    @Override
    public HttpResponse<String> signIn(HttpRequest request) {
        FormParameters form;
        String id;
        String token;
        String email;
        String password;
        try {
            form = OAuthRequests.form(request);
            id = form.single("request");
            token = form.single("csrf_token");
            email = form.single("email");
            password = form.single("password");
        } catch (OAuthException e) {
            return pages.error(HttpStatus.BAD_REQUEST, "Sign-in refused", "The sign-in form was malformed; start again.");
        }
        PendingAuthorizations.Pending found = pending.find(id).orElse(null);
        if (found == null || found.row().completed()) {
            return expiredRequest();
        }
        if (!pending.spendSignInToken(found, token)) {
            return forgedForm();
        }
        Optional<CompanyUser> user;
        try {
            user = signIn.check(email, password, addresses.sourceAddress(request), RequestIds.of(request));
        } catch (ApiException e) {
            MutableHttpResponse<String> throttled = pages.error(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts",
                    "Too many failed sign-ins; try again later.");
            e.headers().forEach(throttled::header);
            return throttled;
        }
        if (user.isEmpty()) {
            return signInPage(HttpStatus.UNAUTHORIZED, found, "Wrong email or password.");
        }
        UserSessions.Opened opened = sessions.open(user.get());
        pending.bindSession(found, opened.row().id());
        MutableHttpResponse<String> next = found.row().isForClient()
                ? proceed(found, user.get(), request)
                : Pages.seeOther(OAuthEndpoints.ACCOUNT_AUTHORIZATIONS);
        return next.cookie(sessions.cookie(opened.token()));
    }

    @Override
    public HttpResponse<String> showConsent(HttpRequest request) {
        PendingAuthorizations.Pending found = pending.find(queryParameter(request, "request")).orElse(null);
        if (found == null || found.row().completed() || !found.row().isForClient()) {
            return expiredRequest();
        }
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.seeOther(OAuthEndpoints.SIGN_IN + "?request=" + found.id());
        }
        pending.bindSession(found, session.get().row().id());
        if (found.row().error() != null) {
            return proceed(found, session.get().user(), request);
        }
        OAuthClient client = clients.find(found.row().clientId()).filter(OAuthClient::enabled).orElse(null);
        if (client == null) {
            return pages.error(HttpStatus.BAD_REQUEST, "Authorization request refused", "The client is unknown or disabled.");
        }
        List<Map<String, String>> scopes = new ArrayList<>();
        for (String scope : Scope.parseLenient(found.row().scope()).tokens()) {
            scopes.add(Map.of("name", scope, "description", descriptions.of(scope)));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("clientName", client.name());
        model.put("clientId", client.clientId());
        model.put("redirectHost", hostOf(found.row().redirectUri()));
        model.put("scopes", scopes);
        model.put("request", found.id());
        model.put("csrfToken", pending.newFormToken(found));
        model.put("userEmail", session.get().user().email());
        model.put("sessionToken", sessions.csrfToken(session.get().row()));
        return pages.page(HttpStatus.OK, "consent", model);
    }

    @Override
    public HttpResponse<String> decideConsent(HttpRequest request) {
        FormParameters form;
        String id;
        String token;
        String decision;
        try {
            form = OAuthRequests.form(request);
            id = form.single("request");
            token = form.single("csrf_token");
            decision = form.single("decision");
        } catch (OAuthException e) {
            return pages.error(HttpStatus.BAD_REQUEST, "Consent refused", "The consent form was malformed; start again.");
        }
        PendingAuthorizations.Pending found = pending.find(id).orElse(null);
        if (found == null || !found.row().isForClient()) {
            return expiredRequest();
        }
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            if (found.row().completed()) {
                return forgedForm();
            }
            return Pages.seeOther(OAuthEndpoints.SIGN_IN + "?request=" + found.id());
        }
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            return pages.error(HttpStatus.BAD_REQUEST, "Consent refused", "Choose Approve or Deny.");
        }
        if (!pending.spendConsentToken(found, token, session.get().row().id())) {
            return forgedForm();
        }
        AuthorizationRequestRow row = found.row();
        CompanyUser user = session.get().user();
        String requestId = RequestIds.of(request);
        if (decision.equals("deny")) {
            audit.record(AuditEvent.Type.AUTHORIZATION_DECISION, row.clientId(), AuditEvent.SUCCESS, "denied", requestId,
                    "user=" + user.id());
            return Pages.seeOther(responses.error(row.redirectUri(), "access_denied", "The user denied the request", row.state()));
        }
        OAuthClient client = clients.find(row.clientId()).filter(OAuthClient::enabled).orElse(null);
        if (client == null) {
            return pages.error(HttpStatus.BAD_REQUEST, "Authorization request refused", "The client is unknown or disabled.");
        }
        Scope scope = Scope.parseLenient(row.scope());
        consents.remember(user.id(), client.clientId(), scope);
        audit.record(AuditEvent.Type.AUTHORIZATION_DECISION, row.clientId(), AuditEvent.SUCCESS, "approved", requestId,
                "user=" + user.id());
        String code = codes.issue(row, user.id(), user.companyId(), scope);
        return Pages.seeOther(responses.success(row.redirectUri(), code, row.state()));
    }

    @Override
    public HttpResponse<String> signOut(HttpRequest request) {
        String token;
        try {
            token = OAuthRequests.form(request).single("csrf_token");
        } catch (OAuthException e) {
            return forgedForm();
        }
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.seeOther(OAuthEndpoints.SIGN_IN).cookie(sessions.clearedCookie());
        }
        if (!sessions.csrfMatches(session.get().row(), token)) {
            return forgedForm();
        }
        sessions.close(session.get().row());
        return Pages.seeOther(OAuthEndpoints.SIGN_IN).cookie(sessions.clearedCookie());
    }

    @Override
    public HttpResponse<String> listAccountAuthorizations() {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElseThrow();
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.seeOther(OAuthEndpoints.SIGN_IN);
        }
        List<Map<String, Object>> authorizations = new ArrayList<>();
        for (ConsentListing listing : consents.listOf(session.get().user().id())) {
            List<String> scopeDescriptions = Scope.parseLenient(listing.scope()).tokens().stream()
                    .map(s -> s + " — " + descriptions.of(s)).toList();
            authorizations.add(Map.of("clientId", listing.clientId(), "clientName", listing.clientName(),
                    "scopes", scopeDescriptions, "grantedOn", DAY.format(listing.grantedAt()),
                    "withdrawPath", OAuthEndpoints.ACCOUNT_AUTHORIZATIONS + "/" + URLEncoder.encode(listing.clientId(), StandardCharsets.UTF_8) + "/withdraw"));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("authorizations", authorizations);
        model.put("userEmail", session.get().user().email());
        model.put("sessionToken", sessions.csrfToken(session.get().row()));
        return pages.page(HttpStatus.OK, "account", model);
    }

    @Override
    public HttpResponse<String> withdrawAccountAuthorization(String clientId, HttpRequest request) {
        String token;
        try {
            token = OAuthRequests.form(request).single("csrf_token");
        } catch (OAuthException e) {
            return forgedForm();
        }
        Optional<UserSessions.Active> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.seeOther(OAuthEndpoints.SIGN_IN);
        }
        if (!sessions.csrfMatches(session.get().row(), token)) {
            return forgedForm();
        }
        consents.withdraw(session.get().user().id(), clientId, RequestIds.of(request));
        return Pages.seeOther(OAuthEndpoints.ACCOUNT_AUTHORIZATIONS);
    }

    @Override
    public HttpResponse<String> getPagesStylesheet() {
        return HttpResponse.ok(stylesheet).contentType(MediaType.of("text/css;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /**
     * The next step of a request whose user is signed in: the deferred error, or a code when a remembered consent
     * covers every scope (never for a public client on a plain-http redirect URI, which anything on the device could
     * claim — RFC 8252 §8.6), or the consent page.
     */
    private MutableHttpResponse<String> proceed(PendingAuthorizations.Pending found, CompanyUser user, HttpRequest<?> request) {
        AuthorizationRequestRow row = found.row();
        if (row.error() != null) {
            if (!pending.complete(found)) {
                return expiredRequest();
            }
            return Pages.seeOther(responses.error(row.redirectUri(), row.error(), row.errorDescription(), row.state()));
        }
        OAuthClient client = clients.find(row.clientId()).filter(OAuthClient::enabled).orElse(null);
        if (client == null) {
            return pages.error(HttpStatus.BAD_REQUEST, "Authorization request refused", "The client is unknown or disabled.");
        }
        Scope scope = Scope.parseLenient(row.scope());
        boolean askEveryTime = client.isPublic() && RedirectUris.isPlainHttp(row.redirectUri());
        if (!askEveryTime && consents.covers(user.id(), client.clientId(), scope)) {
            if (!pending.complete(found)) {
                return expiredRequest();
            }
            audit.record(AuditEvent.Type.AUTHORIZATION_DECISION, client.clientId(), AuditEvent.SUCCESS, "remembered",
                    RequestIds.of(request), "user=" + user.id());
            String code = codes.issue(row, user.id(), user.companyId(), scope);
            return Pages.seeOther(responses.success(row.redirectUri(), code, row.state()));
        }
        return Pages.seeOther(OAuthEndpoints.CONSENT + "?request=" + found.id());
    }

    private MutableHttpResponse<String> signInPage(HttpStatus status, PendingAuthorizations.Pending found, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("request", found.id());
        model.put("csrfToken", pending.newFormToken(found));
        if (message != null) {
            model.put("message", message);
        }
        if (found.row().isForClient()) {
            clients.find(found.row().clientId()).ifPresent(c -> model.put("clientName", c.name()));
        }
        return pages.page(status, "signin", model);
    }

    private MutableHttpResponse<String> expiredRequest() {
        return pages.error(HttpStatus.BAD_REQUEST, "Request expired",
                "This authorization request is unknown, expired or already answered. Start again from the application.");
    }

    private MutableHttpResponse<String> forgedForm() {
        return pages.error(HttpStatus.FORBIDDEN, "Form expired",
                "This form was already used, or does not belong to this sign-in. Nothing was changed; start again from the application.");
    }

    /** The single value of a query parameter; {@code null} when absent, repeated or malformed. */
    private static String queryParameter(HttpRequest<?> request, String name) {
        String raw = request.getUri().getRawQuery();
        try {
            return FormParameters.parse(raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8)).single(name);
        } catch (OAuthException e) {
            return null;
        }
    }

    private static String hostOf(String uri) {
        try {
            return java.net.URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static String load(String resource) {
        try (InputStream in = AuthorizationPagesController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
