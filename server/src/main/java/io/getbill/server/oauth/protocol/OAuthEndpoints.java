package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpRequest;

import java.util.Set;

/**
 * The paths of the authorization server's endpoints: the one list every filter, error family and metadata document
 * reads. These endpoints speak RFC 6749 §5.2 errors and carry {@code Cache-Control: no-store}; the resources do not.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class OAuthEndpoints {

    public static final String TOKEN = "/token";
    public static final String REVOCATION = "/revoke";
    public static final String INTROSPECTION = "/introspect";

    /** Every endpoint above; constants so that annotations can name them. */
    public static final Set<String> ALL = Set.of(TOKEN, REVOCATION, INTROSPECTION);

    private OAuthEndpoints() {
    }

    public static boolean isOAuthEndpoint(HttpRequest<?> request) {
        return request != null && ALL.contains(request.getPath());
    }
}
