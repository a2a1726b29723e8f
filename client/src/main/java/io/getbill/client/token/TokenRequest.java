package io.getbill.client.token;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One token request (RFC 6749 §4.4.2 client credentials, §4.1.3 authorization code with the RFC 7636 §4.5
 * verifier, or §6 refresh), rendered as the exact {@code application/x-www-form-urlencoded} body and
 * {@code Authorization} header it is sent with. Parameters come in a fixed order: {@code grant_type}, the grant's
 * own parameters, then {@code client_id}/{@code client_secret} for {@code client_secret_post}, or {@code client_id}
 * alone for a public client ({@code none}). Immutable.
 */
final class TokenRequest {
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String AUTHORIZATION_CODE = "authorization_code";

    private final String grantType;
    private final Map<String, String> grantParameters;

    private TokenRequest(String grantType, Map<String, String> grantParameters) {
        this.grantType = grantType;
        this.grantParameters = grantParameters;
    }

    /** {@code grant_type=client_credentials}, with {@code scope} when scopes are requested. */
    static TokenRequest clientCredentials(String scope) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (scope != null && !scope.isEmpty()) {
            parameters.put("scope", scope);
        }
        return new TokenRequest(CLIENT_CREDENTIALS, parameters);
    }

    /** {@code grant_type=refresh_token}; no {@code scope}, so the original scope is kept (RFC 6749 §6). */
    static TokenRequest refresh(String refreshToken) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("refresh_token", refreshToken);
        return new TokenRequest(REFRESH_TOKEN, parameters);
    }

    /** {@code grant_type=authorization_code} with {@code code}, {@code redirect_uri} and {@code code_verifier}. */
    static TokenRequest authorizationCode(String code, String redirectUri, String codeVerifier) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("code_verifier", codeVerifier);
        return new TokenRequest(AUTHORIZATION_CODE, parameters);
    }

    String grantType() {
        return grantType;
    }

    String formBody(ClientCredentials credentials) {
        StringJoiner body = new StringJoiner("&");
        body.add("grant_type=" + formEncode(grantType));
        grantParameters.forEach((name, value) -> body.add(name + "=" + formEncode(value)));
        if (credentials.method() == ClientAuthenticationMethod.CLIENT_SECRET_POST) {
            body.add("client_id=" + formEncode(credentials.clientId()));
            body.add("client_secret=" + formEncode(credentials.clientSecret()));
        } else if (credentials.method() == ClientAuthenticationMethod.NONE) {
            body.add("client_id=" + formEncode(credentials.clientId()));
        }
        return body.toString();
    }

    /** {@code Basic base64(urlencode(client_id) ":" urlencode(client_secret))} per RFC 6749 §2.3.1. */
    Optional<String> authorizationHeader(ClientCredentials credentials) {
        if (credentials.method() != ClientAuthenticationMethod.CLIENT_SECRET_BASIC) {
            return Optional.empty();
        }
        String pair = formEncode(credentials.clientId()) + ":" + formEncode(credentials.clientSecret());
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + grantType + "]";
    }
}
