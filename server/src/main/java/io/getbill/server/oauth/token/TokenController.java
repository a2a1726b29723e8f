package io.getbill.server.oauth.token;

import io.getbill.server.oauth.protocol.AccessTokenLifetime;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;

import io.getbill.server.api.TokenApi;
import io.getbill.server.api.model.TokenResponse;
import io.getbill.server.api.model.TokenResponseTokenType;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationStep;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.refresh.RefreshToken;
import io.getbill.server.oauth.refresh.RefreshTokenRotation;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The token endpoint (RFC 6749 §3.2) — grants client credentials, authorization code and refresh token — as a pipeline: parse the form once → authenticate the client → check the grant
 * type → run the grant → render. The order fixes which error wins when several apply: a malformed request
 * ({@code invalid_request}) before client authentication ({@code invalid_client}, or 429 when throttled), before the
 * grant type ({@code unsupported_grant_type}, {@code unauthorized_client}), before the grant's own checks
 * ({@code invalid_grant}, {@code invalid_scope}).
 *
 * <p>A client holding the {@code refresh_token} grant also receives a refresh token with a client-credentials access
 * token; both start a new token family, whose id the access token carries as {@code fid}. For other clients, issuing
 * a token touches no database at all (the client record is cached, its last use is written later in batches).
 *
 * <p>Every outcome is recorded in the {@link AuditTrail} (asynchronously).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5">RFC 6749 §5</a>
 */
@Controller
public class TokenController implements TokenApi {

    private static final String[] PARAMETERS = {"grant_type", "client_id", "client_secret", "scope", "refresh_token",
            "code", "redirect_uri", "code_verifier"};

    private final ClientAuthenticationStep clientAuthentication;
    private final ClientCredentialsGrant clientCredentials;
    private final RefreshTokenRotation refreshTokens;
    private final RefreshTokenStore refreshTokenStore;
    private final AccessTokenIssuer accessTokens;
    private final AuthorizationCodeGrant authorizationCode;
    private final AuditTrail audit;

    public TokenController(ClientAuthenticationStep clientAuthentication, ClientCredentialsGrant clientCredentials,
                           RefreshTokenRotation refreshTokens, RefreshTokenStore refreshTokenStore,
                           AccessTokenIssuer accessTokens, AuthorizationCodeGrant authorizationCode, AuditTrail audit) {
        this.authorizationCode = authorizationCode;
        this.clientAuthentication = clientAuthentication;
        this.clientCredentials = clientCredentials;
        this.refreshTokens = refreshTokens;
        this.refreshTokenStore = refreshTokenStore;
        this.accessTokens = accessTokens;
        this.audit = audit;
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<TokenResponse> issueToken(HttpRequest request) {
        String requestId = RequestIds.of(request);
        OAuthClient client = null;
        try {
            ClientAuthenticationStep.ClientRequest authenticated = clientAuthentication.authenticateAllowingPublic(request, "grant_type", PARAMETERS);
            FormParameters form = authenticated.form();
            client = authenticated.client();
            String grantTypeValue = form.required("grant_type");

            GrantType grantType = GrantType.of(grantTypeValue)
                    .orElseThrow(() -> OAuthException.unsupportedGrantType("Unsupported grant_type; use client_credentials, authorization_code or refresh_token"));
            if (!client.allows(grantType)) {
                throw OAuthException.unauthorizedClient("The client is not allowed the " + grantType.value() + " grant");
            }
            return switch (grantType) {
                case CLIENT_CREDENTIALS -> clientCredentials(client, form.single("scope"), requestId);
                case AUTHORIZATION_CODE -> authorizationCode(client, form, requestId);
                case REFRESH_TOKEN -> refresh(client, form.required("refresh_token"), form.single("scope"), requestId);
            };
        } catch (OAuthException e) {
            String clientId = client != null ? client.clientId() : ClientAuthenticationStep.presentedClientId(request).orElse(null);
            String grantTypeValue = ClientAuthenticationStep.presentedParameter(request, "grant_type").orElse(null);
            audit.record(AuditEvent.Type.TOKEN_REFUSED, clientId, AuditEvent.FAILURE, e.error().code(), requestId,
                    GrantType.of(grantTypeValue).map(GrantType::value).orElse(null));
            throw e;
        }
    }

    private HttpResponse<TokenResponse> clientCredentials(OAuthClient client, String requestedScope, String requestId) {
        Scope scope = clientCredentials.grantedScope(client, requestedScope);
        RefreshTokenStore.Issued refresh = client.allows(GrantType.REFRESH_TOKEN)
                ? refreshTokenStore.issueNewFamily(client, scope) : null;
        AccessTokenIssuer.IssuedAccessToken token = accessTokens.issue(client, scope, refresh == null ? null : refresh.familyId());
        audit.record(AuditEvent.Type.TOKEN_ISSUED, client.clientId(), AuditEvent.SUCCESS, GrantType.CLIENT_CREDENTIALS.value(),
                requestId, refresh == null ? "jti:" + token.jti() : "fid:" + refresh.familyId());
        return render(token, scope, refresh);
    }

    private HttpResponse<TokenResponse> authorizationCode(OAuthClient client, FormParameters form, String requestId) {
        AuthorizationCodeGrant.Exchanged exchanged = authorizationCode.exchange(client, form, requestId);
        audit.record(AuditEvent.Type.TOKEN_ISSUED, client.clientId(), AuditEvent.SUCCESS, GrantType.AUTHORIZATION_CODE.value(),
                requestId, "fid:" + exchanged.familyId());
        return render(exchanged.accessToken(), exchanged.scope(), exchanged.refreshToken());
    }

    private HttpResponse<TokenResponse> refresh(OAuthClient client, String presented, String requestedScope, String requestId) {
        RefreshTokenRotation.Refreshed refreshed = refreshTokens.refresh(client, presented, requestedScope, requestId);
        RefreshToken row = refreshed.refreshToken().row();
        AccessTokenIssuer.IssuedAccessToken token = row.userId() == null
                ? accessTokens.issue(client, refreshed.scope(), refreshed.refreshToken().familyId())
                : accessTokens.issueForUser(client, row.userId(), row.companyId(), refreshed.scope(), row.familyId());
        audit.record(AuditEvent.Type.REFRESH_ROTATED, client.clientId(), AuditEvent.SUCCESS, GrantType.REFRESH_TOKEN.value(),
                requestId, "fid:" + refreshed.refreshToken().familyId());
        return render(token, refreshed.scope(), refreshed.refreshToken());
    }

    private static HttpResponse<TokenResponse> render(AccessTokenIssuer.IssuedAccessToken token, Scope scope,
                                                      RefreshTokenStore.Issued refresh) {
        TokenResponse body = new TokenResponse(token.value(), TokenResponseTokenType.BEARER,
                AccessTokenLifetime.SECONDS, scope.toString());
        if (refresh != null) {
            body.setRefreshToken(refresh.value());
        }
        return HttpResponse.ok(body);
    }
}
