package io.getbill.server.infrastructure.validation;

import io.getbill.server.infrastructure.errors.FieldErrors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a JSON request body must be before it is bound to its operation's type, checked on the raw bytes because
 * binding hides it or misreports it:
 * <ul>
 *   <li>valid UTF-8 (RFC 8259 §8.1) — otherwise the binder reports a type error on whatever field it was reading;</li>
 *   <li>no member name twice in one object (RFC 8259 §4 leaves duplicates to the receiver; this API refuses them
 *       rather than silently keeping one of the values);</li>
 *   <li>no control characters in text: C0 (U+0000–U+001F; TAB, LF and CR are allowed only in the free-text fields
 *       {@value #MULTILINE_NOTE}), DEL, C1 (U+0080–U+009F), and no bidirectional embedding, override or isolate
 *       characters (U+202A–U+202E, U+2066–U+2069), which make a stored name display differently from what it is
 *       (CVE-2021-42574 "Trojan Source"). Member names are held to the same rule.</li>
 * </ul>
 * A body that is not well-formed JSON is left to the binder, which reports it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259#section-8.1">RFC 8259 §8.1</a>
 * @see <a href="https://www.unicode.org/reports/tr9/">Unicode Bidirectional Algorithm</a>
 */
public final class JsonTextScreen {

    /** Fields whose text may span lines. */
    static final Set<String> MULTILINE = Set.of("description", "notes", "summary");
    static final String MULTILINE_NOTE = "description, notes, summary";

    static final String NOT_UTF8 = "The body is not valid UTF-8";
    static final String CONTROL = "Must not contain control characters";
    static final String BIDI = "Must not contain bidirectional override or isolate characters";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonTextScreen() {
    }

    /** The violations of {@code body}, per field (empty when it passes or is not well-formed JSON). */
    public static FieldErrors screen(byte[] body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || body.length == 0) {
            return errors;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return errors.add("body", NOT_UTF8);
        }
        try (JsonParser parser = JSON.createParser(body)) {
            walk(parser, errors);
        } catch (IOException | RuntimeException e) {
            // not well-formed: the binder answers it
        }
        return errors;
    }

    private static void walk(JsonParser parser, FieldErrors errors) throws IOException {
        Deque<Frame> frames = new ArrayDeque<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            Frame top = frames.peek();
            switch (token) {
                case START_OBJECT -> frames.push(new Frame(childPath(top), true));
                case START_ARRAY -> frames.push(new Frame(childPath(top), false));
                case END_OBJECT, END_ARRAY -> {
                    frames.pop();
                    advance(frames.peek());
                }
                case FIELD_NAME -> {
                    String name = parser.currentName();
                    String path = top.path.isEmpty() ? name : top.path + "." + name;
                    String problem = problem(name, false);
                    if (problem != null) {
                        errors.add(top.path.isEmpty() ? "body" : top.path, "Field names m" + problem.substring(1));
                        path = top.path.isEmpty() ? "body" : top.path;
                    } else if (!top.names.add(name)) {
                        errors.add(path, "Duplicate key \"" + name + "\": each field may appear once");
                    }
                    top.field = name;
                    top.fieldPath = path;
                }
                case VALUE_STRING -> {
                    String field = top == null ? "body" : top.object ? top.fieldPath : top.path + "[" + top.index + "]";
                    String leaf = top == null ? "" : top.object ? top.field : top.lastName();
                    String problem = problem(parser.getText(), MULTILINE.contains(leaf));
                    if (problem != null) {
                        errors.add(field, problem);
                    }
                    advance(top);
                }
                default -> advance(top);
            }
        }
    }

    private static String childPath(Frame parent) {
        if (parent == null) {
            return "";
        }
        return parent.object ? parent.fieldPath : parent.path + "[" + parent.index + "]";
    }

    private static void advance(Frame frame) {
        if (frame != null && !frame.object) {
            frame.index++;
        }
    }

    /** Why {@code text} is refused, or {@code null}. */
    static String problem(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (multiline && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return CONTROL + " (" + codePoint(c) + ")";
            }
            if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                return CONTROL + " (" + codePoint(c) + ")";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return BIDI + " (" + codePoint(c) + ")";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static final class Frame {
        final String path;
        final boolean object;
        final Set<String> names = new HashSet<>();
        String field = "";
        String fieldPath = "";
        int index;

        Frame(String path, boolean object) {
            this.path = path;
            this.object = object;
        }

        /** The name of the field holding this array, for the multi-line rule of its string items. */
        String lastName() {
            int dot = path.lastIndexOf('.');
            String name = dot < 0 ? path : path.substring(dot + 1);
            int bracket = name.indexOf('[');
            return bracket < 0 ? name : name.substring(0, bracket);
        }
    }
}
