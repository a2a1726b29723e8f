package io.getbill.server.token;

import io.getbill.server.api.TokenApi;
import io.getbill.server.api.model.TokenResponse;
import io.getbill.server.api.model.TokenResponseTokenType;
import io.getbill.server.clients.ClientAuthenticator;
import io.getbill.server.clients.OAuthClient;
import io.getbill.server.oauth.GrantType;
import io.getbill.server.oauth.OAuthException;
import io.getbill.server.oauth.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The token endpoint (RFC 6749 §3.2) as a pipeline: parse the form once → authenticate the client → check the grant
 * type → run the grant → render. The order fixes which error wins when several apply: a malformed request
 * ({@code invalid_request}) before client authentication ({@code invalid_client}), before the grant type
 * ({@code unsupported_grant_type}, {@code unauthorized_client}), before the grant's own checks
 * ({@code invalid_grant}, {@code invalid_scope}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 */
@Controller
public class TokenController implements TokenApi {

    private static final String[] PARAMETERS = {"grant_type", "client_id", "client_secret", "scope", "refresh_token"};

    private final ClientAuthenticator authenticator;
    private final ClientCredentialsGrant clientCredentials;
    private final AccessTokenIssuer accessTokens;

    public TokenController(ClientAuthenticator authenticator, ClientCredentialsGrant clientCredentials,
                           AccessTokenIssuer accessTokens) {
        this.authenticator = authenticator;
        this.clientCredentials = clientCredentials;
        this.accessTokens = accessTokens;
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<TokenResponse> issueToken(HttpRequest request) {
        FormParameters form = OAuthRequests.form(request);
        for (String parameter : PARAMETERS) {
            form.single(parameter); // a repeated parameter is invalid_request, whatever it is
        }
        String grantTypeValue = form.required("grant_type");
        ClientAuthenticator.Credentials credentials = authenticator.credentials(request, form);
        OAuthClient client = authenticator.authenticate(credentials);

        GrantType grantType = GrantType.of(grantTypeValue)
                .orElseThrow(() -> OAuthException.unsupportedGrantType("Unsupported grant_type; use client_credentials or refresh_token"));
        if (!client.allows(grantType)) {
            throw OAuthException.unauthorizedClient("The client is not allowed the " + grantType.value() + " grant");
        }
        return switch (grantType) {
            case CLIENT_CREDENTIALS -> render(client, clientCredentials.grantedScope(client, form.single("scope")));
            case REFRESH_TOKEN -> {
                form.required("refresh_token");
                throw OAuthException.invalidGrant("The refresh token is invalid, expired or revoked");
            }
        };
    }

    private HttpResponse<TokenResponse> render(OAuthClient client, Scope scope) {
        AccessTokenIssuer.IssuedAccessToken token = accessTokens.issue(client, scope, null);
        TokenResponse body = new TokenResponse(token.value(), TokenResponseTokenType.BEARER, AccessTokenIssuer.LIFETIME_SECONDS, scope.toString());
        return HttpResponse.ok(body);
    }
}
