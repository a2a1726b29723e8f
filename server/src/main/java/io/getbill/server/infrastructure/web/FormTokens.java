package io.getbill.server.infrastructure.web;

import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import jakarta.inject.Singleton;

/**
 * Anti-forgery tokens of the HTML forms (synchronizer token pattern): 256 random bits shown in a hidden field, of
 * which the server keeps only a keyed hash next to what the token is bound to (the pending authorization request and
 * the user session). Comparing hashes keeps the comparison independent of where the values differ.
 */
@Singleton
public class FormTokens {

    private static final int BITS = 256;

    private final KeyedDigest digest;

    public FormTokens(MasterKey masterKey) {
        this.digest = new KeyedDigest(masterKey, "getbill/form-token/v1");
    }

    /** A new token and the hash to store. */
    public Issued issue() {
        String token = RandomValues.secret(BITS);
        return new Issued(token, digest.digest(token));
    }

    /** The stored form of a presented token ({@code null} for a missing or oversized one). */
    public String hash(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 128) {
            return null;
        }
        return digest.digest(presented);
    }

    /** A token to put in a form, and its hash to keep. */
    public record Issued(String token, String hash) {
        @Override
        public String toString() {
            return "Issued{token=<redacted>}";
        }
    }
}
