package io.getbill.server.oauth.revocation;
import io.getbill.server.oauth.denylist.TokenRevocations;

import io.getbill.server.api.RevocationApi;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationStep;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.refresh.FamilyRevocation;
import io.getbill.server.oauth.refresh.RefreshToken;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.bearer.AccessTokenValidator;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;

/**
 * The revocation endpoint (RFC 7009): an authenticated client revokes one of its own access or refresh tokens.
 * <ul>
 *   <li>a refresh token revokes its whole family — every refresh token rotated from the same grant and every access
 *       token issued with them (§2.1);</li>
 *   <li>an access token is denylisted by {@code jti} until it expires: refused at once here, within about a second
 *       by every other instance ({@link Denylist});</li>
 *   <li>a token that is unknown, malformed, expired or already revoked answers 200 as well (§2.2): the client's
 *       goal, an unusable token, is met;</li>
 *   <li>a valid token issued to another client is {@code invalid_grant} and stays valid: a client may only revoke
 *       its own tokens (§2.1).</li>
 * </ul>
 * {@code token_type_hint} is accepted and ignored (§2.1 allows it): the token's shape tells which kind it is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 */
@Controller
public class RevocationController implements RevocationApi {

    private static final String[] PARAMETERS = {"token", "token_type_hint", "client_id", "client_secret"};

    private final ClientAuthenticationStep clientAuthentication;
    private final RefreshTokenStore refreshTokens;
    private final FamilyRevocation families;
    private final AccessTokenValidator accessTokens;
    private final TokenRevocations revocations;
    private final AuditTrail audit;

    public RevocationController(ClientAuthenticationStep clientAuthentication, RefreshTokenStore refreshTokens,
                                FamilyRevocation families, AccessTokenValidator accessTokens,
                                TokenRevocations revocations, AuditTrail audit) {
        this.clientAuthentication = clientAuthentication;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.audit = audit;
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> revokeToken(HttpRequest request) {
        String requestId = RequestIds.of(request);
        OAuthClient client = null;
        try {
            ClientAuthenticationStep.ClientRequest authenticated = clientAuthentication.authenticateAllowingPublic(request, "token", PARAMETERS);
            client = authenticated.client();
            String token = authenticated.form().required("token");
            if (RefreshTokenStore.looksLikeRefreshToken(token)) {
                revokeRefreshToken(client, token, requestId);
            } else {
                revokeAccessToken(client, token, requestId);
            }
            return HttpResponse.ok();
        } catch (OAuthException e) {
            String clientId = client != null ? client.clientId() : ClientAuthenticationStep.presentedClientId(request).orElse(null);
            audit.record(AuditEvent.Type.REVOCATION_REFUSED, clientId, AuditEvent.FAILURE, e.error().code(), requestId, null);
            throw e;
        }
    }

    private void revokeRefreshToken(OAuthClient client, String token, String requestId) {
        Optional<RefreshToken> found = refreshTokens.find(token);
        if (found.isEmpty()) {
            return;
        }
        RefreshToken row = found.get();
        if (!row.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant("The token was issued to another client");
        }
        if (!row.revoked()) {
            families.revoke(row.familyId(), client.clientId(), "revocation_request", requestId);
        }
    }

    private void revokeAccessToken(OAuthClient client, String token, String requestId) {
        AccessTokenValidator.Verified verified;
        try {
            verified = accessTokens.verify(token);
        } catch (AccessTokenValidator.InvalidTokenException e) {
            return; // not a valid token now (unknown, expired, already revoked): nothing to do (RFC 7009 §2.2)
        }
        if (!verified.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant("The token was issued to another client");
        }
        revocations.revokeAccessToken(verified.jti(), client.clientId(), verified.expiresAtEpochSecond());
        audit.record(AuditEvent.Type.TOKEN_REVOKED, client.clientId(), AuditEvent.SUCCESS, "revocation_request",
                requestId, "jti:" + verified.jti());
    }
}
