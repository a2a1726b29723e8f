package io.getbill.server.infrastructure.conditional;

import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.conditional.EntityTags;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 9110 If-Match evaluation, without a server. */
class EntityTagsTest {

    private final EntityTags tags = new EntityTags(JsonMapper.createDefault());

    @Test
    void tagIsStrongQuotedAndFollowsTheRepresentation() {
        String a = tags.of(Map.of("a", 1));
        assertEquals(a, tags.of(Map.of("a", 1)));
        assertNotEquals(a, tags.of(Map.of("a", 2)));
        assertEquals('"', a.charAt(0));
    }

    @Test
    void ifMatchAbsentStarOrListedTagThenAccepted() {
        assertDoesNotThrow(() -> tags.checkIfMatch(null, "\"x\""));
        assertDoesNotThrow(() -> tags.checkIfMatch("*", "\"x\""));
        assertDoesNotThrow(() -> tags.checkIfMatch("\"a\", \"x\"", "\"x\""));
    }

    @Test
    void ifMatchWeakOrOtherTagThenPreconditionFailed() {
        assertEquals(HttpStatus.PRECONDITION_FAILED, assertThrows(ApiException.class, () -> tags.checkIfMatch("W/\"x\"", "\"x\"")).status());
        assertEquals(HttpStatus.PRECONDITION_FAILED, assertThrows(ApiException.class, () -> tags.checkIfMatch("\"y\"", "\"x\"")).status());
    }

    @Test
    void ifMatchMalformedThenBadRequest() {
        assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class, () -> tags.checkIfMatch("x", "\"x\"")).status());
        assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class, () -> tags.checkIfMatch("\"x", "\"x\"")).status());
    }
}
