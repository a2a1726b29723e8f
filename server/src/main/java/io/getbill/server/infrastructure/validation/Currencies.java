package io.getbill.server.infrastructure.validation;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * ISO 4217 currencies via {@link java.util.Currency}. The platform supports every currency of ISO 4217 that has
 * minor units (so not the precious metals, funds and testing codes such as {@code XAU} or {@code XXX}); an amount
 * has at most two decimals, and none in a currency without minor units (e.g. {@code JPY}).
 */
public final class Currencies {

    private Currencies() {
    }

    /** @return why the code is refused, or {@code null} when the platform supports it */
    public static String problem(String code) {
        Currency currency = find(code);
        if (currency == null) {
            return "Currency is not an ISO 4217 code";
        }
        if (currency.getDefaultFractionDigits() < 0) {
            return "Currency " + code + " is not supported";
        }
        return null;
    }

    /** @return why the amount is refused in that currency, or {@code null} */
    public static String amountProblem(BigDecimal amount, String code) {
        if (amount.signum() <= 0) {
            return "Amount must be greater than 0";
        }
        int scale = Math.max(0, amount.stripTrailingZeros().scale());
        if (scale > 2) {
            return "Amount has at most two decimals";
        }
        Currency currency = find(code);
        if (currency != null && currency.getDefaultFractionDigits() == 0 && scale > 0) {
            return "Amounts in " + code + " have no decimals";
        }
        return null;
    }

    private static Currency find(String code) {
        if (code == null || code.length() != 3) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
