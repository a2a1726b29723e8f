package io.getbill.server.oauth.clients;

import io.getbill.server.infrastructure.config.GetBillProperties;
import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    void concurrentChecksEachGetTheirOwnDigest() throws Exception {
        // requests hash on many threads at once, sharing the initialised Macs: none may see another's state
        MasterKey key = masterKey((byte) 1);
        ClientSecretHasher shared = new ClientSecretHasher(key);
        List<String> secrets = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            secrets.add(SECRET + i);
            expected.add(new ClientSecretHasher(key).hash(SECRET + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < secrets.size(); i++) {
                    int n = i;
                    results.add(threads.submit(() -> shared.hash(secrets.get(n)).equals(expected.get(n))
                            && shared.matches(secrets.get(n), expected.get(n))));
                }
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
