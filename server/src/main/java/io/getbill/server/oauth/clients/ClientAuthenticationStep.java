package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The one client-authentication step of the token, revocation and introspection endpoints: parse the form body once,
 * refuse a repeated parameter, one longer than the contract's {@code maxLength} ({@link FormParameters#single}) or a
 * missing required one ({@code invalid_request}) before any client is looked at, then
 * authenticate the client (RFC 6749 §2.3, see {@link ClientAuthenticator}). A public client (registered with
 * {@code token_endpoint_auth_method: none}, RFC 6749 §2.1) authenticates with {@code client_id} in the body and no
 * secret only where {@link #authenticateAllowingPublic} is used: the token endpoint, where PKCE and the refresh
 * token's binding to the client stand in for a secret, and revocation (RFC 7009 §2.1); introspection stays with
 * confidential clients. Each endpoint then does only its own work
 * with the {@link ClientRequest}; a refusal's audit reads what the request presented through
 * {@link #presentedClientId} and {@link #presentedParameter}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3">RFC 6749 §2.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 */
@Singleton
public class ClientAuthenticationStep {

    /** Request attribute: the parsed form, for the audit of a refused request. */
    private static final String FORM = "getbill.oauth-form";

    /** An OAuth endpoint request whose client authenticated: its form and its client. */
    public record ClientRequest(FormParameters form, OAuthClient client) {
    }

    private final ClientAuthenticator authenticator;

    public ClientAuthenticationStep(ClientAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * @param required   the endpoint's required parameter ({@code grant_type}, {@code token})
     * @param parameters every parameter the endpoint reads; a repeated or too long one is {@code invalid_request},
     *                   whatever it is
     * @throws OAuthException {@code invalid_request}, or what {@link ClientAuthenticator#authenticate} throws
     */
    public ClientRequest authenticate(HttpRequest<?> request, String required, String... parameters) {
        return authenticate(request, false, required, parameters);
    }

    /**
     * Like {@link #authenticate(HttpRequest, String, String...)}, and a public client may also authenticate
     * (method {@code none}: {@code client_id} in the body, no secret; a secret sent for it is refused).
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.1">RFC 6749 §2.1</a>
     */
    public ClientRequest authenticateAllowingPublic(HttpRequest<?> request, String required, String... parameters) {
        return authenticate(request, true, required, parameters);
    }

    private ClientRequest authenticate(HttpRequest<?> request, boolean allowPublic, String required, String... parameters) {
        FormParameters form = OAuthRequests.form(request);
        request.setAttribute(FORM, form);
        for (String parameter : parameters) {
            form.single(parameter);
        }
        form.required(required);
        return new ClientRequest(form, authenticator.authenticate(request, form, allowPublic));
    }

    /** The client id {@code request} presented, authenticated or not (for the audit trail), if any. */
    public static Optional<String> presentedClientId(HttpRequest<?> request) {
        return ClientAuthenticator.presentedClientId(request);
    }

    /** The single value of {@code name} the request's form presented, if it was read, present and not repeated. */
    public static Optional<String> presentedParameter(HttpRequest<?> request, String name) {
        return request.getAttribute(FORM, FormParameters.class).flatMap(form -> {
            try {
                return Optional.ofNullable(form.has(name) ? form.single(name) : null);
            } catch (OAuthException e) {
                return Optional.empty();
            }
        });
    }
}
