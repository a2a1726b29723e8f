package io.getbill.server.infrastructure.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.List;

/**
 * Phone numbers as the API takes them: parsed with libphonenumber, normalised to E.164, French national numbers
 * ({@code 0612345678}, {@code 612345678}) read as {@code +33}, and overseas numbers dialled the French national way
 * ({@code 0690123456}) read in their own region ({@code +590690123456}). The destination zone decides the call
 * cost (see {@link PhoneDestination}).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "FR";
    /** Regions reached from France with a national 0 prefix, in the order tried when a number is not French. */
    private static final List<String> FRENCH_NUMBERING_OVERSEAS = List.of("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF");

    private PhoneNumbers() {
    }

    /** The outcome of reading a phone number: either an E.164 number and its destination, or why it was refused. */
    public record Result(String e164, PhoneDestination destination, String error) {
        public boolean valid() {
            return error == null;
        }
    }

    public static Result normalise(String raw) {
        String input = raw == null ? "" : raw.strip();
        if (input.isEmpty()) {
            return invalid("number format is not valid");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(input, DEFAULT_REGION);
        } catch (NumberParseException e) {
            return invalid(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "invalid country code";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "phone number too short";
                case TOO_LONG -> "phone number too long";
                default -> "number format is not valid";
            });
        }
        if (!UTIL.isValidNumber(number) && !isInternational(input)) {
            for (String region : FRENCH_NUMBERING_OVERSEAS) {
                PhoneNumber overseas = parseOrNull(input, region);
                if (overseas != null && UTIL.isValidNumber(overseas)) {
                    number = overseas;
                    break;
                }
            }
        }
        if (!UTIL.isValidNumber(number)) {
            return invalid(switch (UTIL.isPossibleNumberWithReason(number)) {
                case TOO_SHORT -> "phone number too short";
                case TOO_LONG -> "phone number too long";
                case INVALID_COUNTRY_CODE -> "invalid country code";
                default -> "number format is not valid";
            });
        }
        String region = UTIL.getRegionCodeForNumber(number);
        boolean premium = UTIL.getNumberType(number) == PhoneNumberType.PREMIUM_RATE;
        return new Result(UTIL.format(number, PhoneNumberFormat.E164), PhoneDestination.of(region, premium), null);
    }

    private static boolean isInternational(String input) {
        return input.startsWith("+") || input.startsWith("00");
    }

    private static PhoneNumber parseOrNull(String input, String region) {
        try {
            return UTIL.parse(input, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Result invalid(String message) {
        return new Result(null, null, message);
    }
}
