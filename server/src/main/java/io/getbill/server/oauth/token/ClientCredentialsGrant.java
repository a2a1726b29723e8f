package io.getbill.server.oauth.token;

import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.ScopeRules;
import jakarta.inject.Singleton;

/**
 * The client credentials grant (RFC 6749 §4.4): the requested scope must be a subset of the client's registered
 * scopes — otherwise the whole request is {@code invalid_scope}, nothing is granted partially — and no scope, or an
 * empty one, grants the registered scopes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 */
@Singleton
public class ClientCredentialsGrant {

    /** The scope to grant {@code client} for a request of {@code requested} (raw form value, may be null). */
    public Scope grantedScope(OAuthClient client, String requested) {
        return ScopeRules.narrow(requested, client.registeredScope());
    }
}
