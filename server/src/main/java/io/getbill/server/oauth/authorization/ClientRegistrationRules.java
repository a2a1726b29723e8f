package io.getbill.server.oauth.authorization;

import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client registration must satisfy, for the bootstrap file and the admin API alike (one rule set, two
 * callers): known grant types; {@code client_credentials} or {@code authorization_code} (a client with only
 * {@code refresh_token} could never obtain one); {@code authorization_code} exactly when redirect URIs are given, each
 * valid per {@link RedirectUris}; a public client ({@code none}) holds only {@code authorization_code} and
 * {@code refresh_token} (RFC 6749 §2.1: a public client cannot keep a secret, so the client credentials grant is not
 * for it).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.1">RFC 6749 §2.1</a>
 */
public final class ClientRegistrationRules {

    private ClientRegistrationRules() {
    }

    /** Problems per field name ({@code grant_types}, {@code redirect_uris}, {@code token_endpoint_auth_method}). */
    public static Map<String, List<String>> problems(Collection<String> grantTypes, Collection<String> redirectUris,
                                                     String authMethod) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        TokenEndpointAuthMethod method = TokenEndpointAuthMethod.of(authMethod).orElse(null);
        if (method == null) {
            add(problems, "token_endpoint_auth_method", "token_endpoint_auth_method must be client_secret_basic, client_secret_post or none");
        }
        for (String g : grantTypes) {
            if (GrantType.of(g).isEmpty()) {
                add(problems, "grant_types", "unknown grant type '" + g + "' (client_credentials, authorization_code, refresh_token)");
            }
        }
        boolean clientCredentials = grantTypes.contains(GrantType.CLIENT_CREDENTIALS.value());
        boolean authorizationCode = grantTypes.contains(GrantType.AUTHORIZATION_CODE.value());
        if (!clientCredentials && !authorizationCode) {
            add(problems, "grant_types", "grant_types must contain client_credentials or authorization_code");
        }
        if (method != null && method.isPublic() && clientCredentials) {
            add(problems, "grant_types", "a public client (token_endpoint_auth_method none) may hold only authorization_code and refresh_token");
        }
        if (authorizationCode && redirectUris.isEmpty()) {
            add(problems, "redirect_uris", "authorization_code needs at least one redirect URI");
        }
        if (!authorizationCode && !redirectUris.isEmpty()) {
            add(problems, "redirect_uris", "redirect_uris are only for clients with the authorization_code grant");
        }
        RedirectUris.registrationProblems(redirectUris).forEach(p -> add(problems, "redirect_uris", p));
        return problems;
    }

    private static void add(Map<String, List<String>> problems, String field, String message) {
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
