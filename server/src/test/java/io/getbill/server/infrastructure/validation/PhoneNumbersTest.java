package io.getbill.server.infrastructure.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Phone normalisation and destination zones, without a server. */
class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "0612345678, +33612345678, FRANCE_MAINLAND",
            "612345678, +33612345678, FRANCE_MAINLAND",
            "+33 1 23 45 67 89, +33123456789, FRANCE_MAINLAND",
            "0033612345678, +33612345678, FRANCE_MAINLAND",
            "0690123456, +590690123456, DOM_TOM",
            "0692123456, +262692123456, DOM_TOM",
            "+212612345678, +212612345678, MAGHREB",
            "+4915123456789, +4915123456789, EU",
            "+14155552671, +14155552671, REST_OF_WORLD",
            "0891234567, +33891234567, PREMIUM_RATE"})
    void numberThenE164AndDestination(String raw, String e164, PhoneDestination destination) {
        PhoneNumbers.Result result = PhoneNumbers.normalise(raw);
        assertTrue(result.valid(), result.error());
        assertEquals(e164, result.e164());
        assertEquals(destination, result.destination());
    }

    @ParameterizedTest
    @CsvSource({"+331, phone number too short", "+999123456789, invalid country code", "abc, number format is not valid",
            "0012345, phone number too short"})
    void invalidNumberThenPublicMessage(String raw, String message) {
        PhoneNumbers.Result result = PhoneNumbers.normalise(raw);
        assertFalse(result.valid());
        assertEquals(message, result.error());
    }

    @Test
    void onlyMainlandFranceIsNotExpensive() {
        for (PhoneDestination d : PhoneDestination.values()) {
            assertEquals(d != PhoneDestination.FRANCE_MAINLAND, d.expensive(), d.name());
        }
    }
}
