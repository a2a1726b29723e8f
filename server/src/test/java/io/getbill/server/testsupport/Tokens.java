package io.getbill.server.testsupport;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Obtains tokens from a running server over HTTP, as a partner would. */
public final class Tokens {

    private Tokens() {
    }

    public static RequestSpecification at(String baseUri) {
        return RestAssured.given().baseUri(baseUri).urlEncodingEnabled(false);
    }

    /** A client-credentials access token for {@code clientId}, with its registered scopes or {@code scope}. */
    public static String accessToken(String baseUri, String clientId, String secret, String scope) {
        String body = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
        return at(baseUri)
                .auth().preemptive().basic(clientId, secret)
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
