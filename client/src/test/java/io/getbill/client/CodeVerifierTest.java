package io.getbill.client;

import io.getbill.client.authorization.CodeVerifier;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeVerifierTest {

    @Test
    void rfc7636AppendixBOctetsGiveTheVerifierAndItsS256Challenge() {
        int[] octets = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
                105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121};
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }

        CodeVerifier verifier = CodeVerifier.fromOctets(bytes);

        assertEquals("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", verifier.value());
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier.challenge());
    }

    @Test
    void whenGeneratedThenA43CharacterUnreservedVerifierDifferentEachTime() {
        SecureRandom random = new SecureRandom();
        CodeVerifier first = CodeVerifier.generate(random);
        CodeVerifier second = CodeVerifier.generate(random);

        assertEquals(43, first.value().length());
        assertTrue(first.value().matches("[A-Za-z0-9_-]{43}"));
        assertNotEquals(first.value(), second.value());
    }

    @Test
    void whenTooShortTooLongOrOutsideTheUnreservedSetThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodeVerifier.of("a".repeat(42)));
        assertThrows(IllegalArgumentException.class, () -> CodeVerifier.of("a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> CodeVerifier.of("a".repeat(42) + "+"));
        assertEquals(128, CodeVerifier.of("a.b_c~d-".repeat(16)).value().length());
    }

    @Test
    void toStringNeverShowsTheVerifier() {
        CodeVerifier verifier = CodeVerifier.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertFalse(verifier.toString().contains(verifier.value()));
    }
}
