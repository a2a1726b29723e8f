package io.getbill.server.admin.dashboard;

import io.getbill.server.directory.companies.Company;
import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.infrastructure.web.Pages;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders the dashboard's pages with what every signed-in page shows (who is signed in, for which company, the
 * sign-out form with the session's CSRF token) and builds the answers shared by every dashboard controller.
 */
@Singleton
public class DashboardPages {

    private final Pages pages;
    private final CompanyRepository companies;
    private final DashboardSessions sessions;

    public DashboardPages(Pages pages, CompanyRepository companies, DashboardSessions sessions) {
        this.pages = pages;
        this.companies = companies;
        this.sessions = sessions;
    }

    /** {@code dashboard/<view>} for a signed-in user. */
    MutableHttpResponse<String> page(HttpStatus status, String view, DashboardSessions.Signed signed, Map<String, ?> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("userEmail", signed.active().user().email());
        all.put("isAdmin", signed.isAdmin());
        all.put("companyName", companies.findById(signed.companyId()).map(Company::name).orElse(""));
        all.put("csrfToken", signed.csrfToken());
        return pages.page(status, "dashboard/" + view, all);
    }

    /** A page with a title and a fixed message (never text from the request), signed in or not. */
    MutableHttpResponse<String> message(HttpStatus status, DashboardSessions.Visit visit, String title, String message) {
        Map<String, Object> model = Map.of("title", title, "message", message);
        if (visit instanceof DashboardSessions.Signed signed) {
            return page(status, "message", signed, model);
        }
        return pages.page(status, "dashboard/message", model);
    }

    /**
     * The way back to the sign-in page for a request without a live session: with a message when the browser still
     * had a cookie (the session timed out or was ended elsewhere), whose stale cookie is cleared.
     */
    MutableHttpResponse<String> toSignIn(DashboardSessions.Visit visit) {
        if (visit instanceof DashboardSessions.Ended) {
            return Pages.seeOther(DashboardSessions.SIGN_IN_PATH + "?ended=1").cookie(sessions.clearedSessionCookie());
        }
        return Pages.seeOther(DashboardSessions.SIGN_IN_PATH);
    }

    /** The answer to a form whose CSRF token is missing or wrong: nothing was changed. */
    MutableHttpResponse<String> forgedForm(DashboardSessions.Visit visit) {
        return message(HttpStatus.FORBIDDEN, visit, "Form expired",
                "This form is out of date or did not come from this dashboard. Nothing was changed; open the page again.");
    }

    /** The answer to a member on an admin page. */
    MutableHttpResponse<String> adminsOnly(DashboardSessions.Signed signed) {
        return message(HttpStatus.FORBIDDEN, signed, "For company administrators",
                "API Client Management is for your company's administrators. If you need an API client, contact your company administrator.");
    }

    /** The answer to a malformed form post. */
    MutableHttpResponse<String> malformed(DashboardSessions.Visit visit) {
        return message(HttpStatus.BAD_REQUEST, visit, "Form refused", "The form was malformed; open the page again.");
    }
}
