package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit of new refresh tokens ({@link RefreshTokenWriter}) on the real MariaDB. */
@MicronautTest(transactional = false)
class RefreshTokenWriterMariaDbTest extends ServerTest {

    private static final int CALLERS = 48;

    @Inject
    RefreshTokenWriter writer;

    @Inject
    RefreshTokenRepository repository;

    private static RefreshToken row(String hash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new RefreshToken(hash, RandomValues.id(), "writer-test", "writer-test-company", "debts:read", now,
                now.plusSeconds(3600), false, false, null, null);
    }

    private static boolean sameToken(RefreshToken expected, RefreshToken stored) {
        return expected.tokenHash().equals(stored.tokenHash()) && expected.familyId().equals(stored.familyId())
                && expected.clientId().equals(stored.clientId()) && !stored.used() && !stored.revoked();
    }

    private static String freshHash() {
        return String.format("%064x", new java.math.BigInteger(1, RandomValues.bytes(32)));
    }

    @Test
    void concurrentInsertsWhenGroupCommittedThenEachCallerFindsItsRowStoredWhenItReturns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                results.add(pool.submit(() -> {
                    RefreshToken row = row(freshHash());
                    start.await();
                    writer.insert(row);
                    // read back on another connection right away: committed, not merely queued
                    return repository.findById(row.tokenHash()).map(stored -> sameToken(row, stored)).orElse(false);
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "a caller returned before its row was committed");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchWithACollidingRowWhenWrittenThenOnlyThatCallerFailsAndTheOthersAreStored() throws Exception {
        RefreshToken existing = row(freshHash());
        repository.save(existing);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<RefreshToken> rows = new ArrayList<>();
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                RefreshToken row = i == CALLERS / 2 ? row(existing.tokenHash()) : row(freshHash());
                rows.add(row);
                results.add(pool.submit(() -> {
                    start.await();
                    writer.insert(row);
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < CALLERS; i++) {
                if (i == CALLERS / 2) {
                    Future<?> colliding = results.get(i);
                    assertThrows(Exception.class, colliding::get);
                } else {
                    results.get(i).get();
                    assertTrue(sameToken(rows.get(i), repository.findById(rows.get(i).tokenHash()).orElseThrow()));
                }
            }
            assertTrue(sameToken(existing, repository.findById(existing.tokenHash()).orElseThrow()), "the stored row is unchanged");
        } finally {
            pool.shutdownNow();
        }
    }
}
