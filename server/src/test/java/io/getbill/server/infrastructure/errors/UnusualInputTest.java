package io.getbill.server.infrastructure.errors;

import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the transport or the binder would misjudge, over HTTP against MariaDB: an oversized header section (431),
 * request line (414) or OAuth form body (413, declared or chunked, refused without reading it), and JSON text with
 * control or bidirectional-override characters, repeated keys or invalid UTF-8 (400 naming the field). The OAuth
 * endpoints answer in the RFC 6749 §5.2 shape, the resources in the API's envelope.
 */
@MicronautTest(transactional = false)
class UnusualInputTest extends ResourceTest {

    private static final String PROFILE = V1 + "/company/profile";

    @Test
    void headerOf64KilobytesOnResourceThenRequestHeaderFieldsTooLargeInEnvelope() throws IOException {
        String answer = exchange("GET " + PROFILE + " HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(64 * 1024) + "\r\n\r\n", List.of());
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("\"code\":431"), answer);
        assertTrue(answer.contains("\"message\":\"Request header fields too large\""), answer);
    }

    @Test
    void headerOf64KilobytesOnTokenEndpointThenRequestHeaderFieldsTooLargeAsOAuthError() throws IOException {
        String body = "grant_type=client_credentials";
        String answer = exchange("POST /token HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + basic() + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "X-Padding: " + "a".repeat(64 * 1024) + "\r\n\r\n" + body, List.of());
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("cache-control: no-store"), answer);
        assertTrue(answer.contains("\"error\":\"invalid_request\""), answer);
    }

    @Test
    void requestLineOverTheLimitThenUriTooLongInEnvelope() {
        acme.request().get(V1 + "/debts?status=" + "p".repeat(16 * 1024)).then()
                .statusCode(414)
                .body("error", equalTo(true))
                .body("code", equalTo(414));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/token", "/revoke", "/introspect"})
    void oauthFormDeclaringFiveMegabytesThenPayloadTooLargeBeforeTheBodyIsSent(String path) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + basic() + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + (5 * 1024 * 1024) + "\r\n\r\n";
        String answer = exchange(head, List.of());
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"invalid_request\""), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/token", "/revoke", "/introspect"})
    void chunkedOauthFormPastTheLimitThenPayloadTooLargeWithoutReadingTheRest(String path) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + basic() + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        String chunk = Integer.toHexString(8192) + "\r\n" + "grant_type=client_credentials&x=".concat("y".repeat(8192 - 32)) + "\r\n";
        // four chunks (32 KB) and no terminating chunk: the answer must not wait for the end of the body
        String answer = exchange(head, List.of(chunk, chunk, chunk, chunk));
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"invalid_request\""), answer);
    }

    @Test
    void textFieldWithNulThenBadRequestNamingTheField() {
        acme.post("/debts", debt("firstname", "Jo\u0000hn")).then()
                .statusCode(400)
                .body("code", equalTo(400))
                .body("details.firstname[0]", containsString("control characters (U+0000)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\u0009", "\n", "\u001b", "\u007f", "\u0085", "\u009b"})
    void textFieldWithControlCharacterThenBadRequestNamingTheField(String control) {
        acme.post("/debts", debt("lastname", "Do" + control + "e")).then()
                .statusCode(400)
                .body("details.lastname[0]", containsString("control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"})
    void textFieldWithBidiOverrideThenBadRequestNamingTheField(String bidi) {
        acme.post("/debts", debt("object", "Invoice " + bidi + "1")).then()
                .statusCode(400)
                .body("details.object[0]", containsString("bidirectional"));
    }

    @Test
    void nestedTextWithControlCharacterThenBadRequestNamingItsPath() {
        acme.post("/debts", debt("metadata", map("crm", "a\u0000b"))).then()
                .statusCode(400)
                .body("details.'metadata.crm'[0]", containsString("U+0000"));
        acme.post("/debts/batch", map("debts", List.of(debt(), debt("email", "x\u0007@example.com")))).then()
                .statusCode(400)
                .body("details.'debts[1].email'[0]", containsString("U+0007"));
    }

    @Test
    void ordinaryAccentsQuotesAndEmojiAreAccepted() {
        acme.post("/debts", debt("firstname", "Zoë \"Jo\" O'Brien ☕", "lastname", "Müller-Łukasz")).then()
                .statusCode(201)
                .body("data.id", notNullValue());
    }

    @Test
    void duplicateKeyThenBadRequestSayingTheKeyIsDuplicated() {
        String body = "{\"firstname\":\"John\",\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"email\":\"j@example.com\","
                + "\"amount\":10,\"currency\":\"EUR\"}";
        acme.post("/debts", body).then()
                .statusCode(400)
                .body("details.firstname", hasItem(containsString("Duplicate key \"firstname\"")));
    }

    @Test
    void invalidUtf8ThenBadRequestSayingTheBodyIsNotUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"firstname\":\"Jo".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28});
        body.writeBytes("\",\"lastname\":\"Doe\",\"email\":\"j@example.com\",\"amount\":10,\"currency\":\"EUR\"}"
                .getBytes(StandardCharsets.UTF_8));
        acme.request().contentType("application/json").body(body.toByteArray()).post(V1 + "/debts").then()
                .statusCode(400)
                .body("details.body[0]", equalTo("The body is not valid UTF-8"));
    }

    @Test
    void badBodyWithoutTokenIsStillUnauthorizedFirst() {
        Response response = Tokens.at(base()).contentType("application/json").body("{\"firstname\":\"a\u0000\"}")
                .post(V1 + "/debts");
        response.then().statusCode(401);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (TestClients.FULL_ID + ":" + TestClients.FULL_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code head} and {@code chunks} on a raw connection and reads the answer (a hang fails by timeout). */
    private String exchange(String head, List<String> chunks) throws IOException {
        URL url = server.getURL();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                for (String chunk : chunks) {
                    out.write(chunk.getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (SocketException refused) {
                // The server answered before reading the whole request and closed the connection, as it does for a
                // request it refuses unread: the rest of the request has nowhere to go; the answer is read below.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0 && text.indexOf('}', end) > 0) {
                        return text;
                    }
                }
            } catch (SocketException reset) {
                // a reset after the answer: what arrived before it is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
