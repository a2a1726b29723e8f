package io.getbill.conformance.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** {@code application/x-www-form-urlencoded} bodies, written by hand so that a check controls every byte. */
public final class Forms {

    private Forms() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code k1=v1&k2=v2} from alternating names and values; a {@code null} value is left out. */
    public static String of(String... namesAndValues) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                j.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
            }
        }
        return j.toString();
    }
}
