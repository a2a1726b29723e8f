package io.getbill.server.resources.reports;

import java.util.List;

/**
 * Writes CSV as RFC 4180 defines it: CRLF after every record (the last one included), fields separated by commas, a
 * field enclosed in double quotes when it contains a comma, a double quote, CR or LF, and a double quote inside such
 * a field doubled. No CSV library is on the server's classpath and these few rules are the whole format, so the
 * writer is kept here with its tests rather than adding a dependency.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4180#section-2">RFC 4180 §2</a>
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    /** Appends one record; {@code null} fields are written as empty fields. */
    public Csv record(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object field = fields.get(i);
            out.append(field == null ? "" : escape(field.toString()));
        }
        out.append("\r\n");
        return this;
    }

    /** One field as RFC 4180 §2 rules 5–7 require. */
    public static String escape(String field) {
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
