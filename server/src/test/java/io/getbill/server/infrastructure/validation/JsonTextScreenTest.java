package io.getbill.server.infrastructure.validation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTextScreenTest {

    private static Map<String, List<String>> screen(String json) {
        return JsonTextScreen.screen(json.getBytes(StandardCharsets.UTF_8)).asMap();
    }

    @Test
    void cleanBodyPassesAndMalformedJsonIsLeftToTheBinder() {
        assertTrue(screen("{\"a\":\"x\",\"b\":[\"y\",{\"c\":\"z\"}],\"n\":1}").isEmpty());
        assertTrue(screen("{\"a\":").isEmpty());
    }

    @Test
    void controlCharacterIsNamedByItsPathAtAnyDepth() {
        assertEquals(Map.of("debts[1].email", List.of("Must not contain control characters (U+0000)")),
                screen("{\"debts\":[{\"email\":\"a\"},{\"email\":\"b\\u0000\"}]}"));
        assertEquals(Map.of("tags[2]", List.of("Must not contain control characters (U+007F)")),
                screen("{\"tags\":[\"a\",\"b\",\"c\u007f\"]}"));
    }

    @Test
    void lineBreaksAndTabsAreAllowedOnlyInFreeTextFields() {
        assertTrue(screen("{\"description\":\"line 1\\nline 2\\tend\\r\\n\"}").isEmpty());
        assertEquals(Map.of("name", List.of("Must not contain control characters (U+000A)")), screen("{\"name\":\"a\\nb\"}"));
        assertEquals(Map.of("description", List.of("Must not contain control characters (U+0000)")),
                screen("{\"description\":\"a\\u0000\"}"));
    }

    @Test
    void bidiOverrideAndIsolateAreRefused() {
        assertEquals(Map.of("lastname", List.of("Must not contain bidirectional override or isolate characters (U+202E)")),
                screen("{\"lastname\":\"abc\\u202Edef\"}"));
        assertEquals(1, screen("{\"lastname\":\"\u2066x\u2069\"}").size());
    }

    @Test
    void duplicateKeyIsNamedInItsObjectOnly() {
        assertEquals(Map.of("a.b", List.of("Duplicate key \"b\": each field may appear once")),
                screen("{\"a\":{\"b\":1,\"b\":2},\"c\":{\"b\":3}}"));
        assertTrue(screen("[{\"b\":1},{\"b\":2}]").isEmpty());
    }

    @Test
    void invalidUtf8IsNamedAsSuch() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertEquals(Map.of("body", List.of("The body is not valid UTF-8")), JsonTextScreen.screen(body).asMap());
    }
}
