package io.getbill.server.oauth.token;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.refresh.FamilyRevocation;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.authorization.AuthorizationCodeRow;
import io.getbill.server.oauth.authorization.AuthorizationCodes;
import io.getbill.server.oauth.authorization.Pkce;
import io.getbill.server.oauth.protocol.FormParameters;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5), for an already authenticated
 * client (a public client identified by its {@code client_id}).
 *
 * <ul>
 *   <li>unknown code, a code of another client, a {@code redirect_uri} other than the authorization request's, a
 *       missing or wrong {@code code_verifier}: {@code invalid_grant}, and nothing is revoked — such a request proves
 *       nothing about who holds the code (OAuth 2.1 §7.5.2);</li>
 *   <li>a code already redeemed, presented with everything else right: {@code invalid_grant} <em>and</em> every token
 *       issued from it is revoked (its family), since the code leaked (RFC 6749 §4.1.2, §10.5);</li>
 *   <li>an expired code: {@code invalid_grant};</li>
 *   <li>redemption is one conditional UPDATE: of two concurrent exchanges exactly one gets tokens, the other is
 *       handled as the replay it is.</li>
 * </ul>
 * Every access token from the code carries the family ({@code fid}), with or without a refresh token, so revoking
 * the family reaches all of them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3">RFC 6749 §4.1.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.6">RFC 7636 §4.6</a>
 */
@Singleton
public class AuthorizationCodeGrant {

    private static final String INVALID = "The authorization code is invalid, expired or already used";

    private final AuthorizationCodes codes;
    private final CompanyUserRepository users;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final FamilyRevocation families;
    private final AuditTrail audit;

    /** Tokens issued for a code. {@code refreshToken} is {@code null} for a client without the refresh grant. */
    public record Exchanged(AccessTokenIssuer.IssuedAccessToken accessToken, Scope scope,
                            RefreshTokenStore.Issued refreshToken, String familyId) {
    }

    public AuthorizationCodeGrant(AuthorizationCodes codes, CompanyUserRepository users, RefreshTokenStore refreshTokens,
                                  AccessTokenIssuer accessTokens, FamilyRevocation families, AuditTrail audit) {
        this.codes = codes;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.families = families;
        this.audit = audit;
    }

    public Exchanged exchange(OAuthClient client, FormParameters form, String requestId) {
        String code = form.required("code");
        String redirectUri = form.required("redirect_uri");
        String verifier = form.single("code_verifier");
        AuthorizationCodeRow row = codes.find(code).orElseThrow(() -> OAuthException.invalidGrant(INVALID));
        if (!row.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant(INVALID);
        }
        if (!row.redirectUri().equals(redirectUri)) {
            throw OAuthException.invalidGrant("redirect_uri differs from the authorization request's");
        }
        if (!Pkce.verifies(verifier, row.codeChallenge())) {
            throw OAuthException.invalidGrant("The code_verifier does not match the code_challenge");
        }
        if (row.redeemedAt() != null) {
            throw replay(row, requestId);
        }
        if (!row.expiresAt().isAfter(Instant.now())) {
            throw OAuthException.invalidGrant(INVALID);
        }
        String familyId = RandomValues.id();
        if (!codes.redeem(row, familyId)) {
            throw replay(codes.find(code).orElse(row), requestId);
        }
        CompanyUser user = users.findById(row.userId())
                .filter(u -> u.active() && u.companyId().equals(row.companyId()))
                .orElseThrow(() -> OAuthException.invalidGrant("The user who authorized the code can no longer be served"));
        Scope scope = Scope.parseLenient(row.scope()).intersect(client.registeredScope());
        if (scope.isEmpty()) {
            throw OAuthException.invalidGrant("The client is no longer registered for any scope of the code");
        }
        RefreshTokenStore.Issued refresh = client.allows(GrantType.REFRESH_TOKEN)
                ? refreshTokens.issueUserFamily(familyId, client, user.id(), user.companyId(), scope) : null;
        AccessTokenIssuer.IssuedAccessToken token = accessTokens.issueForUser(client, user.id(), user.companyId(), scope, familyId);
        return new Exchanged(token, scope, refresh, familyId);
    }

    private OAuthException replay(AuthorizationCodeRow row, String requestId) {
        audit.record(AuditEvent.Type.CODE_REUSE_DETECTED, row.clientId(), AuditEvent.FAILURE, "invalid_grant", requestId,
                row.familyId() == null ? null : "fid:" + row.familyId());
        if (row.familyId() != null) {
            families.revoke(row.familyId(), row.clientId(), "authorization_code_reuse", requestId);
        }
        return OAuthException.invalidGrant(INVALID);
    }
}
