package io.getbill.server.oauth.introspection;

import io.getbill.server.api.IntrospectionApi;
import io.getbill.server.api.model.IntrospectionResponse;
import io.getbill.server.api.model.IntrospectionResponseTokenType;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationStep;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.refresh.RefreshToken;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.denylist.TokenRevocations;
import io.getbill.server.oauth.bearer.AccessTokenValidator;
import io.getbill.server.oauth.bearer.AccessTokenClaims;
import io.getbill.server.oauth.protocol.FormParameters;
import io.getbill.server.oauth.protocol.OAuthRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;

/**
 * The introspection endpoint (RFC 7662): an authenticated client learns whether an access or refresh token of its
 * own company is active, and its claims. A token that is expired, revoked, unknown, malformed, of another company,
 * or a used refresh token, answers exactly {@code {"active": false}} (§2.2) — nothing that would tell an outsider
 * which of these it was.
 *
 * <p>Revocation is checked against the database as well as the in-memory denylist, so the answer is exact even in
 * the second after another instance revoked the token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
@Controller
public class IntrospectionController implements IntrospectionApi {

    private static final String[] PARAMETERS = {"token", "token_type_hint", "client_id", "client_secret"};

    private final ClientAuthenticationStep clientAuthentication;
    private final AccessTokenValidator accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final TokenRevocations revocations;
    private final Issuer issuer;
    private final AuditTrail audit;

    public IntrospectionController(ClientAuthenticationStep clientAuthentication, AccessTokenValidator accessTokens,
                                   RefreshTokenStore refreshTokens, TokenRevocations revocations, Issuer issuer,
                                   AuditTrail audit) {
        this.clientAuthentication = clientAuthentication;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<IntrospectionResponse> introspectToken(HttpRequest request) {
        String requestId = RequestIds.of(request);
        try {
            ClientAuthenticationStep.ClientRequest authenticated = clientAuthentication.authenticate(request, "token", PARAMETERS);
            OAuthClient client = authenticated.client();
            String token = authenticated.form().required("token");
            IntrospectionResponse answer = RefreshTokenStore.looksLikeRefreshToken(token)
                    ? refreshToken(client, token) : accessToken(client, token);
            return HttpResponse.ok(answer);
        } catch (OAuthException e) {
            audit.record(AuditEvent.Type.INTROSPECTION_REFUSED, ClientAuthenticationStep.presentedClientId(request).orElse(null),
                    AuditEvent.FAILURE, e.error().code(), requestId, null);
            throw e;
        }
    }

    private IntrospectionResponse accessToken(OAuthClient client, String token) {
        AccessTokenValidator.Verified verified;
        try {
            verified = accessTokens.verify(token);
        } catch (AccessTokenValidator.InvalidTokenException e) {
            return inactive();
        }
        if (!verified.companyId().equals(client.companyId())
                || revocations.isRevokedInDatabase(verified.jti(), verified.familyId())) {
            return inactive();
        }
        IntrospectionResponse answer = new IntrospectionResponse(true);
        answer.setScope(verified.scope().toString());
        answer.setClientId(verified.clientId());
        answer.setSub(verified.subject());
        answer.setTokenType(IntrospectionResponseTokenType.BEARER);
        answer.setExp(verified.expiresAtEpochSecond());
        answer.setIat(verified.issuedAtEpochSecond());
        answer.setIss(issuer.value());
        answer.setAud(issuer.resourceAudience());
        answer.setJti(verified.jti());
        answer.setCompanyId(verified.companyId());
        return answer;
    }

    private IntrospectionResponse refreshToken(OAuthClient client, String token) {
        RefreshToken row = refreshTokens.find(token).orElse(null);
        if (row == null || row.used() || row.revoked() || !row.expiresAt().isAfter(Instant.now())
                || !row.companyId().equals(client.companyId()) || revocations.isFamilyRevoked(row.familyId())) {
            return inactive();
        }
        IntrospectionResponse answer = new IntrospectionResponse(true);
        answer.setScope(row.scope());
        answer.setClientId(row.clientId());
        answer.setSub(row.userId() == null ? row.clientId() : AccessTokenClaims.userSubject(row.userId()));
        answer.setTokenType(IntrospectionResponseTokenType.REFRESH_TOKEN);
        answer.setExp(row.expiresAt().getEpochSecond());
        answer.setIat(row.issuedAt().getEpochSecond());
        answer.setIss(issuer.value());
        answer.setCompanyId(row.companyId());
        return answer;
    }

    private static IntrospectionResponse inactive() {
        return new IntrospectionResponse(false);
    }
}
