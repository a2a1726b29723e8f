package io.getbill.server.infrastructure.validation;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/** IBANs in electronic format (no spaces), checked by iban4j: country structure and ISO 7064 mod-97 check digits. */
public final class Ibans {

    private Ibans() {
    }

    /** @return why the IBAN is refused, or {@code null} when it is valid */
    public static String problem(String iban) {
        try {
            IbanUtil.validate(iban);
            return null;
        } catch (InvalidCheckDigitException e) {
            return "IBAN check digits are wrong";
        } catch (UnsupportedCountryException e) {
            return "IBAN country is not supported";
        } catch (IbanFormatException e) {
            return "IBAN format is not valid (electronic format, without spaces)";
        } catch (RuntimeException e) {
            return "IBAN is not valid";
        }
    }
}
