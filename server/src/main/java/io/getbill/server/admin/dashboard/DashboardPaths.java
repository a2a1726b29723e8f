package io.getbill.server.admin.dashboard;

import io.getbill.server.infrastructure.web.BrowserPages;
import io.getbill.server.infrastructure.web.PageSecurityHeaders;
import jakarta.inject.Singleton;

/**
 * The paths of the landing page, the API reference page and the dashboard: the one list the controllers, the
 * session cookies' paths, the redirects and the page headers read. Every response under them — page, asset or
 * redirect, whatever the status — carries the page security headers with
 * {@link PageSecurityHeaders#SCRIPTED_CONTENT_SECURITY_POLICY}: this origin's scripts run (the copy button,
 * Swagger UI), never inline ones or another origin's.
 */
@Singleton
public class DashboardPaths implements BrowserPages {

    /** The landing page. */
    public static final String LANDING = "/";
    /** The API reference page, and Swagger UI's files under it. */
    public static final String DOCS = "/docs";
    public static final String DOCS_SWAGGER_UI = DOCS + "/swagger-ui";
    /** The dashboard, its sign-in page and its own static files. */
    public static final String DASHBOARD = "/dashboard";
    public static final String DASHBOARD_SIGN_IN = DASHBOARD + "/signin";
    public static final String DASHBOARD_ASSETS = DASHBOARD + "/assets";
    /** Company → API Client Management. */
    public static final String DASHBOARD_CLIENTS = DASHBOARD + "/clients";

    @Override
    public boolean covers(String path) {
        return LANDING.equals(path) || BrowserPages.within(path, DOCS) || BrowserPages.within(path, DASHBOARD);
    }

    @Override
    public String contentSecurityPolicy() {
        return PageSecurityHeaders.SCRIPTED_CONTENT_SECURITY_POLICY;
    }
}
