package io.getbill.server.resources.reports;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 4180 §2: CRLF after every record, quoting only where needed, inner quotes doubled. */
class CsvTest {

    @Test
    void plainFieldsWhenWrittenThenSeparatedByCommasAndEndedByCrlf() {
        assertEquals("a,b,1\r\nc,,2.50\r\n", new Csv().record(List.of("a", "b", 1)).record(Arrays.asList("c", null, "2.50")).toString());
    }

    @Test
    void fieldWithCommaQuoteOrLineBreakWhenWrittenThenQuotedWithInnerQuotesDoubled() {
        assertEquals("\"a,b\"", Csv.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.escape("say \"hi\""));
        assertEquals("\"line\r\nbreak\"", Csv.escape("line\r\nbreak"));
        assertEquals("\"lf\nonly\"", Csv.escape("lf\nonly"));
        assertEquals("\"cr\ronly\"", Csv.escape("cr\ronly"));
    }

    @Test
    void fieldWithoutSpecialCharactersWhenWrittenThenUnquoted() {
        assertEquals("Financial report - January 2024", Csv.escape("Financial report - January 2024"));
        assertEquals("", Csv.escape(""));
    }
}
