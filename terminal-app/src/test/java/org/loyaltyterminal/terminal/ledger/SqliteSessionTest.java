package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session is the one lock: the store's companions on other threads wait for a running unit of work. */
class SqliteSessionTest {
    private static final String CARD = "2412000000017";
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), true, 42);

    @TempDir
    Path dir;

    @Test
    void theOutboxWaitsUntilAUnitOfWorkOnAnotherThreadHasCommitted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot-1")) {
            SqliteOutbox outbox = new SqliteOutbox(store, 2);
            CountDownLatch inUnit = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> unit = CompletableFuture.runAsync(
                    () -> store.inOneTransaction("a scan", () -> {
                        store.enrol(CARD, "visit-1", TIME);
                        inUnit.countDown();
                        await(release);
                        return null;
                    }),
                    threads);
            assertTrue(inUnit.await(10, TimeUnit.SECONDS), "the unit of work started");
            CompletableFuture<Long> depth =
                    CompletableFuture.supplyAsync(() -> outbox.summary().depth(), threads);
            Thread.sleep(Duration.ofMillis(200));
            assertFalse(depth.isDone(), "the outbox does not read past a running unit of work");
            release.countDown();
            unit.get(10, TimeUnit.SECONDS);
            assertEquals(1, depth.get(10, TimeUnit.SECONDS), "it reads the unit's committed enrolment");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
