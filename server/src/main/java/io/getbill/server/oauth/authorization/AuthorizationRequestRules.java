package io.getbill.server.oauth.authorization;

import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.ScopeRules;
import io.getbill.server.oauth.protocol.FormParameters;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) in the order that decides how it is answered.
 *
 * <p>First what makes the redirect URI trustworthy — {@code client_id} present once, known, enabled;
 * {@code redirect_uri} present once and registered for it. Failing any of these is an error page, never a redirect
 * (RFC 6749 §4.1.2.1), since the browser would be sent to a URI nobody vouched for.
 *
 * <p>Then everything else, whose failure is reported to the client by redirect (after sign-in): a repeated parameter,
 * a missing or non-{@code code} {@code response_type}, a client without the grant, missing or malformed PKCE or a
 * method other than {@code S256}, an unknown or unregistered scope.
 */
@Singleton
public class AuthorizationRequestRules {

    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method");
    private static final int MAX_QUERY = 8 * 1024;
    private static final int MAX_STATE = 1024;

    private final ClientRegistry clients;

    public AuthorizationRequestRules(ClientRegistry clients) {
        this.clients = clients;
    }

    /** The outcome: either an error page ({@code pageError}), or a request to keep, with a deferred {@code error}. */
    public record Checked(String pageError, OAuthClient client, String redirectUri, String scope, String state,
                          String codeChallenge, String error, String errorDescription) {

        static Checked page(String message) {
            return new Checked(message, null, null, null, null, null, null, null);
        }
    }

    public Checked check(String rawQuery) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY) {
            return Checked.page("The authorization request is too long.");
        }
        FormParameters query;
        try {
            query = FormParameters.parse(rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.UTF_8));
        } catch (OAuthException e) {
            return Checked.page("The authorization request is malformed (percent-encoding or UTF-8).");
        }
        String clientId;
        String redirectUri;
        try {
            clientId = query.single("client_id");
            redirectUri = query.single("redirect_uri");
        } catch (OAuthException e) {
            return Checked.page("client_id and redirect_uri must each be sent once.");
        }
        if (clientId == null) {
            return Checked.page("The request names no client (client_id is missing).");
        }
        OAuthClient client = clients.find(clientId).filter(OAuthClient::enabled).orElse(null);
        if (client == null) {
            return Checked.page("The client is unknown or disabled.");
        }
        if (redirectUri == null) {
            return Checked.page("The request has no redirect_uri.");
        }
        if (!RedirectUris.matchesAny(client.registeredRedirectUris(), redirectUri)) {
            return Checked.page("The redirect_uri is not registered for this client.");
        }
        String state = null;
        try {
            state = query.single("state");
        } catch (OAuthException e) {
            return deferred(client, redirectUri, null, "invalid_request", "state is repeated");
        }
        if (state != null && state.length() > MAX_STATE) {
            return deferred(client, redirectUri, null, "invalid_request", "state is too long");
        }
        for (String parameter : PARAMETERS) {
            try {
                query.single(parameter);
            } catch (OAuthException e) {
                return deferred(client, redirectUri, state, "invalid_request", parameter + " is repeated");
            }
        }
        String responseType = query.single("response_type");
        if (responseType == null) {
            return deferred(client, redirectUri, state, "invalid_request", "response_type is missing");
        }
        if (!responseType.equals("code")) {
            return deferred(client, redirectUri, state, "unsupported_response_type", "Only response_type=code is supported");
        }
        if (!client.allows(GrantType.AUTHORIZATION_CODE)) {
            return deferred(client, redirectUri, state, "unauthorized_client", "The client is not allowed the authorization_code grant");
        }
        String challenge = query.single("code_challenge");
        String method = query.single("code_challenge_method");
        if (challenge == null) {
            return deferred(client, redirectUri, state, "invalid_request", "PKCE is required: code_challenge is missing");
        }
        if (!Pkce.S256.equals(method)) {
            return deferred(client, redirectUri, state, "invalid_request", "code_challenge_method must be S256");
        }
        if (!Pkce.wellFormed(challenge) || challenge.length() != 43) {
            return deferred(client, redirectUri, state, "invalid_request", "code_challenge is not an S256 challenge");
        }
        Scope scope;
        try {
            scope = ScopeRules.narrow(query.single("scope"), client.registeredScope());
        } catch (OAuthException e) {
            return deferred(client, redirectUri, state, "invalid_scope", e.description());
        }
        return new Checked(null, client, redirectUri, scope.toString(), state, challenge, null, null);
    }

    private static Checked deferred(OAuthClient client, String redirectUri, String state, String error, String description) {
        return new Checked(null, client, redirectUri, null, state, null, error, description);
    }
}
