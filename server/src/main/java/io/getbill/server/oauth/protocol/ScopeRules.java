package io.getbill.server.oauth.protocol;

/**
 * The scope decision shared by the grants (RFC 6749 §3.3): the requested scope must be a subset of what may be
 * granted — otherwise the whole request is {@code invalid_scope}, nothing is granted partially — and no scope, or
 * an empty one, grants everything that may be granted.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
public final class ScopeRules {

    private ScopeRules() {
    }

    /**
     * The scope to grant for the raw {@code scope} parameter {@code requested} (may be {@code null}).
     *
     * @param allowed what the grant may give at most
     * @throws OAuthException {@code invalid_scope} for malformed, unknown or not allowed scopes, or when nothing at
     *                        all may be granted
     */
    public static Scope narrow(String requested, Scope allowed) {
        Scope scope;
        try {
            scope = Scope.parse(requested);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidScope("The scope parameter is malformed");
        }
        if (scope.isEmpty()) {
            if (allowed.isEmpty()) {
                throw OAuthException.invalidScope("No scope can be granted to this client");
            }
            return allowed;
        }
        if (!scope.unknown().isEmpty()) {
            throw OAuthException.invalidScope("Unknown scope: " + String.join(" ", scope.unknown()));
        }
        if (!scope.isSubsetOf(allowed)) {
            throw OAuthException.invalidScope("Scope not allowed: " + String.join(" ", scope.minus(allowed)));
        }
        return scope;
    }
}
