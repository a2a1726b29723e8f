package io.getbill.server.oauth.protocol;

import io.getbill.server.oauth.protocol.OAuthErrorCode;
import io.getbill.server.oauth.protocol.OAuthException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormParametersTest {

    private static FormParameters parse(String body) {
        return FormParameters.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalidRequest(Runnable action) {
        OAuthException e = assertThrows(OAuthException.class, action::run);
        assertEquals(OAuthErrorCode.INVALID_REQUEST, e.error());
    }

    @Test
    void singleValueIsDecoded() {
        FormParameters form = parse("grant_type=client_credentials&scope=debts%3Aread+company%3Aread");
        assertEquals("client_credentials", form.single("grant_type"));
        assertEquals("debts:read company:read", form.single("scope"));
    }

    @Test
    void absentParameterIsNull() {
        assertNull(parse("a=b").single("scope"));
        assertNull(parse("").single("scope"));
        assertNull(FormParameters.parse(null).single("scope"));
    }

    @Test
    void parameterWithoutValueCountsAsOmitted() {
        FormParameters form = parse("scope=&grant_type");
        assertNull(form.single("scope"));
        assertNull(form.single("grant_type"));
        assertFalse(form.has("scope"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        assertInvalidRequest(() -> parse("scope=a&scope=b").single("scope"));
        assertInvalidRequest(() -> parse("scope=a&scope=a").single("scope"));
        assertInvalidRequest(() -> parse("scope=&scope=").single("scope"));
    }

    @Test
    void missingRequiredParameterIsInvalidRequest() {
        assertInvalidRequest(() -> parse("a=b").required("grant_type"));
        assertInvalidRequest(() -> parse("grant_type=").required("grant_type"));
    }

    @Test
    void unknownParametersAreKeptButHarmless() {
        FormParameters form = parse("foo=1&foo=2&grant_type=x");
        assertEquals("x", form.required("grant_type"));
        assertTrue(form.has("foo"));
    }

    @Test
    void malformedPercentEncodingIsInvalidRequest() {
        assertInvalidRequest(() -> parse("scope=%zz"));
        assertInvalidRequest(() -> parse("scope=%2"));
        assertInvalidRequest(() -> parse("scope=abc%"));
    }

    @Test
    void invalidUtf8IsInvalidRequest() {
        assertInvalidRequest(() -> FormParameters.parse(new byte[]{'a', '=', (byte) 0xC3, (byte) 0x28}));
        assertInvalidRequest(() -> parse("a=%C3%28"));
    }

    @Test
    void multibyteUtf8IsDecoded() {
        assertEquals("é€", parse("a=%C3%A9%E2%82%AC").single("a"));
        assertEquals("é", parse("a=é").single("a"));
    }

    @Test
    void parameterAtTheContractsMaxLengthIsAccepted() {
        FormParameters.MAX_LENGTHS.forEach((name, max) ->
                assertEquals(max, parse(name + "=" + "x".repeat(max)).single(name).length(), name));
        assertEquals(64, parse("grant_type=" + "é".repeat(64)).single("grant_type").length());
    }

    @Test
    void parameterLongerThanTheContractsMaxLengthIsInvalidRequest() {
        FormParameters.MAX_LENGTHS.forEach((name, max) ->
                assertInvalidRequest(() -> parse(name + "=" + "x".repeat(max + 1)).single(name)));
        assertInvalidRequest(() -> parse("client_id=" + "x".repeat(129)).required("client_id"));
    }

    @Test
    void unknownParametersHaveNoLengthBound() {
        assertEquals(10_000, parse("foo=" + "x".repeat(10_000)).single("foo").length());
    }

    @Test
    void emptyPairsAreSkipped() {
        assertEquals("x", parse("&&grant_type=x&&").single("grant_type"));
    }
}
