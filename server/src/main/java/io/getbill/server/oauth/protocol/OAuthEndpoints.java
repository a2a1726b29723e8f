package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpRequest;

import java.util.Set;

/**
 * The paths of the authorization server: the one list every filter, error family, metadata document and page
 * redirect reads. The endpoints a client calls itself ({@link #CLIENT_ENDPOINTS}) speak RFC 6749 §5.2 errors and
 * carry {@code Cache-Control: no-store}; the resources do not. The authorization endpoint and the pages a user goes
 * through there are HTML for top-level browser navigation and carry the page security headers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1">RFC 6749 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class OAuthEndpoints {

    public static final String TOKEN = "/token";
    public static final String REVOCATION = "/revoke";
    public static final String INTROSPECTION = "/introspect";

    /** The authorization endpoint (RFC 6749 §3.1), where the user's browser starts. */
    public static final String AUTHORIZATION = "/authorize";
    /** The consent page of a pending authorization request. */
    public static final String CONSENT = AUTHORIZATION + "/consent";
    /** The sign-in page of a company user, and sign-out. */
    public static final String SIGN_IN = "/signin";
    public static final String SIGN_OUT = "/signout";
    /** The user's remembered consents and their withdrawal ({@code /account/authorizations/{client_id}/withdraw}). */
    public static final String ACCOUNT_AUTHORIZATIONS = "/account/authorizations";
    /** The pages' own stylesheet. */
    public static final String PAGE_STYLESHEET = "/assets/pages.css";

    /** The endpoints a client calls itself, which answer RFC 6749 §5.2 errors. */
    public static final Set<String> CLIENT_ENDPOINTS = Set.of(TOKEN, REVOCATION, INTROSPECTION);

    private OAuthEndpoints() {
    }

    /** Whether {@code request} is for an endpoint that answers RFC 6749 §5.2 errors. */
    public static boolean isClientEndpoint(HttpRequest<?> request) {
        return request != null && CLIENT_ENDPOINTS.contains(request.getPath());
    }
}
