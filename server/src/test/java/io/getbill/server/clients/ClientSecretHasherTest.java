package io.getbill.server.clients;

import io.getbill.server.config.GetBillProperties;
import io.getbill.server.crypto.KeyedDigest;
import io.getbill.server.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSecretHasherTest {

    private static MasterKey masterKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        GetBillProperties properties = new GetBillProperties();
        properties.setMasterKey(Base64.getEncoder().encodeToString(key));
        return new MasterKey(properties, "jdbc:mysql://db/getbill");
    }

    private static final String SECRET = "a-client-secret-of-at-least-32-characters";

    @Test
    void hashIsHexHmacNeverTheSecret() {
        String hash = new ClientSecretHasher(masterKey((byte) 1)).hash(SECRET);
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertFalse(hash.contains(SECRET));
    }

    @Test
    void sameSecretSameKeyMatches() {
        ClientSecretHasher hasher = new ClientSecretHasher(masterKey((byte) 1));
        assertTrue(hasher.matches(SECRET, hasher.hash(SECRET)));
    }

    @Test
    void wrongSecretOrNullDoesNotMatch() {
        ClientSecretHasher hasher = new ClientSecretHasher(masterKey((byte) 1));
        String stored = hasher.hash(SECRET);
        assertFalse(hasher.matches(SECRET + "x", stored));
        assertFalse(hasher.matches(SECRET.substring(1), stored));
        assertFalse(hasher.matches(null, stored));
        assertFalse(hasher.matches(SECRET, null));
        assertFalse(hasher.matches(SECRET, stored.toUpperCase()));
    }

    @Test
    void anotherMasterKeyGivesAnotherHash() {
        // a stolen database is useless without the master key
        assertNotEquals(new ClientSecretHasher(masterKey((byte) 1)).hash(SECRET),
                new ClientSecretHasher(masterKey((byte) 2)).hash(SECRET));
    }

    @Test
    void purposesAreSeparated() {
        MasterKey key = masterKey((byte) 1);
        assertNotEquals(new ClientSecretHasher(key).hash(SECRET), new KeyedDigest(key, "getbill/refresh-token/v1").digest(SECRET));
    }

    @Test
    void hashingIsFastEnoughForEveryRequest() {
        ClientSecretHasher hasher = new ClientSecretHasher(masterKey((byte) 1));
        String stored = hasher.hash(SECRET);
        for (int i = 0; i < 20_000; i++) {
            hasher.matches(SECRET, stored); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            hasher.matches(SECRET, stored);
        }
        long micros = (System.nanoTime() - start) / 20_000 / 1000;
        assertTrue(micros < 100, "a check costs " + micros + " µs");
        assertEquals(stored, hasher.hash(SECRET));
    }
}
