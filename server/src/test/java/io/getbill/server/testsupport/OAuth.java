package io.getbill.server.testsupport;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Requests to the OAuth endpoints of a running server, as a partner sends them (raw form bodies). */
public final class OAuth {

    public static final String FORM = "application/x-www-form-urlencoded";

    private OAuth() {
    }

    /** A form body from name/value pairs, each form-urlencoded. */
    public static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** POST {@code path} with HTTP Basic client authentication. */
    public static Response postBasic(String base, String path, String clientId, String secret, String body) {
        return Tokens.at(base).auth().preemptive().basic(clientId, secret).contentType(FORM).body(body).post(path);
    }

    /** POST {@code path} with no Authorization header (credentials in the body, or none). */
    public static Response post(String base, String path, String body) {
        return Tokens.at(base).contentType(FORM).body(body).post(path);
    }

    public static RequestSpecification given(String base) {
        return Tokens.at(base);
    }

    /** A client-credentials token response (200 expected) for a client, with its registered scope. */
    public static Response clientCredentials(String base, String clientId, String secret) {
        Response response = postBasic(base, "/token", clientId, secret, form("grant_type", "client_credentials"));
        response.then().statusCode(200);
        return response;
    }

    /** A refresh request with HTTP Basic. */
    public static Response refresh(String base, String clientId, String secret, String refreshToken) {
        return postBasic(base, "/token", clientId, secret, form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** GET the company profile with a bearer token. */
    public static Response profile(String base, String accessToken) {
        return Tokens.at(base).header("Authorization", "Bearer " + accessToken).get("/external-api/v1/company/profile");
    }
}
