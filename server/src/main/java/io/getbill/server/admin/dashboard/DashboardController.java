package io.getbill.server.admin.dashboard;

import io.getbill.server.admin.session.AdminSessionStore;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationThrottle;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.infrastructure.web.Pages;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.signin.UserSignIn;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sign-out and the home page of the dashboard. Sign-in checks the email and password exactly as the
 * sign-in pages do ({@link UserSignIn}: one answer for an unknown email, a wrong password and an inactive user, the
 * admin sign-in's throttle) and opens an admin session ({@link AdminSessionStore}). Members may sign in too: they
 * see that client management is for their company administrator.
 *
 * <p>Every POST answers 303 See Other, so a reload never posts again; pages work without JavaScript.
 */
@Controller(DashboardSessions.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {

    private final DashboardSessions sessions;
    private final DashboardPages pages;
    private final Pages renderer;
    private final UserSignIn signIn;
    private final ClientAuthenticationThrottle addresses;
    private final SecretFlash flash;
    private final AuditTrail audit;

    public DashboardController(DashboardSessions sessions, DashboardPages pages, Pages renderer, UserSignIn signIn,
                               ClientAuthenticationThrottle addresses, SecretFlash flash, AuditTrail audit) {
        this.sessions = sessions;
        this.pages = pages;
        this.renderer = renderer;
        this.signIn = signIn;
        this.addresses = addresses;
        this.flash = flash;
        this.audit = audit;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> home(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        return pages.page(HttpStatus.OK, "home", signed, Map.of());
    }

    @Get(uri = "/signin", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> showSignIn(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (visit instanceof DashboardSessions.Signed) {
            return Pages.seeOther(DashboardSessions.PATH);
        }
        String query = request.getUri().getRawQuery();
        String notice = null;
        if ("ended=1".equals(query)) {
            notice = "Your session has ended. Sign in again to continue.";
        } else if ("out=1".equals(query)) {
            notice = "You are signed out.";
        }
        MutableHttpResponse<String> page = signInPage(HttpStatus.OK, notice, null);
        return visit instanceof DashboardSessions.Ended ? page.cookie(sessions.clearedSessionCookie()) : page;
    }

    @Post(uri = "/signin", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> signIn(HttpRequest<?> request) {
        String token;
        String email;
        String password;
        try {
            FormParameters form = OAuthRequests.form(request);
            token = form.single("csrf_token");
            email = form.single("email");
            password = form.single("password");
        } catch (OAuthException e) {
            return pages.malformed(new DashboardSessions.Anonymous());
        }
        if (!DashboardSessions.signInTokenMatches(request, token)) {
            return signInPage(HttpStatus.FORBIDDEN, null, "The sign-in form had expired. Sign in again.");
        }
        Optional<CompanyUser> user;
        try {
            user = signIn.check(email, password, addresses.sourceAddress(request), RequestIds.of(request));
        } catch (ApiException e) {
            MutableHttpResponse<String> throttled = pages.message(e.status(), new DashboardSessions.Anonymous(),
                    "Too many attempts", "Too many failed sign-ins; try again later.");
            e.headers().forEach(throttled::header);
            return throttled;
        }
        if (user.isEmpty()) {
            return signInPage(HttpStatus.UNAUTHORIZED, null, "Wrong email or password.");
        }
        AdminSessionStore.Opened opened = sessions.open(user.get());
        audit.record(AuditEvent.Type.ADMIN_SIGN_IN, user.get().id(), AuditEvent.SUCCESS, user.get().role(),
                RequestIds.of(request), "company=" + user.get().companyId() + "/dashboard");
        return Pages.seeOther(DashboardSessions.PATH)
                .cookie(sessions.sessionCookie(opened.token()))
                .cookie(sessions.clearedSignInCookie());
    }

    @Post(uri = "/signout", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> signOut(HttpRequest<?> request) {
        DashboardSessions.Visit visit = sessions.visit(request);
        if (!(visit instanceof DashboardSessions.Signed signed)) {
            return pages.toSignIn(visit);
        }
        String token;
        try {
            token = OAuthRequests.form(request).single("csrf_token");
        } catch (OAuthException e) {
            return pages.malformed(visit);
        }
        if (!sessions.csrfMatches(signed, token)) {
            return pages.forgedForm(visit);
        }
        flash.discard(signed.active().row().id());
        sessions.close(signed);
        audit.record(AuditEvent.Type.ADMIN_SIGN_OUT, signed.userId(), AuditEvent.SUCCESS, null, RequestIds.of(request),
                "company=" + signed.companyId() + "/dashboard");
        return Pages.seeOther(DashboardSessions.SIGN_IN_PATH + "?out=1").cookie(sessions.clearedSessionCookie());
    }

    /** The sign-in page with a fresh form token (also set in the sign-in cookie). */
    private MutableHttpResponse<String> signInPage(HttpStatus status, String notice, String alert) {
        String token = DashboardSessions.newSignInToken();
        Map<String, Object> model = new HashMap<>();
        model.put("signInToken", token);
        if (notice != null) {
            model.put("notice", notice);
        }
        if (alert != null) {
            model.put("alert", alert);
        }
        return renderer.page(status, "dashboard/signin", model).cookie(sessions.signInCookie(token));
    }
}
