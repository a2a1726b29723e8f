package io.getbill.server.infrastructure.validation;

import java.util.regex.Pattern;

/**
 * The contract's {@code format: email} is checked by Jakarta Bean Validation's {@code @Email} on the generated
 * request types; it accepts a bare host ({@code a@localhost}), which no debtor can be reached at, so the domain
 * must also be a dotted internet name with an alphabetic top-level label.
 */
public final class Emails {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$");

    private Emails() {
    }

    /** @return why the address is refused, or {@code null} */
    public static String problem(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "Email address is not valid";
        }
        if (!DOMAIN.matcher(email.substring(at + 1)).matches()) {
            return "Email address domain is not valid";
        }
        return null;
    }

    /** The matching key of an address: debtors are matched by email case-insensitively. */
    public static String key(String email) {
        return email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
