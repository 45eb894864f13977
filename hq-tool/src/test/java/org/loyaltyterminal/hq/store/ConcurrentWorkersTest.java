package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.store.Ledger.Spec;
import org.loyaltyterminal.hq.store.Ledger.Terminal;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/**
 * Several ingest workers, each with its own store and pool (as on several hosts), store the same
 * terminals' batches at once, every batch several times over, in orders of their own and in
 * groups: the multi-worker rule (terminal rows locked in sorted order, accounts updated in sorted
 * order, retries on serialization failures and deadlocks) leaves no duplicate, no gap and
 * accounts equal to the events.
 */
class ConcurrentWorkersTest {
    private static final int WORKERS = 4;
    private static final int EVENTS = 120;
    private static final int BATCH = 10;
    private static final List<Topics> WHERE = List.of(
            new Topics("c1", "s1", "t1"),
            new Topics("c1", "s2", "t2"),
            new Topics("c1", "s2", "t3"),
            new Topics("c2", "s1", "t4"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void workersStoringTheSameTerminalsAtOnceStoreAndCountEachEventOnce(TestDatabases.Kind kind, @TempDir Path dir)
            throws Exception {
        Random random = new Random(20260301);
        List<Terminal> terminals = new ArrayList<>();
        for (Topics where : WHERE) {
            terminals.add(new Terminal(where, events(random)));
        }
        try (TestDatabase db = kind.create(dir)) {
            List<JdbcEventStore> stores = new ArrayList<>();
            List<Future<List<BatchOutcome>>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
                for (int w = 0; w < WORKERS; w++) {
                    JdbcEventStore store = JdbcEventStore.open(db.settings().withPoolSize(2), InstantSource.system());
                    stores.add(store);
                    List<List<EventStore.Received>> groups = groups(terminals, new Random(w));
                    results.add(workers.submit(() -> {
                        start.await();
                        List<BatchOutcome> outcomes = new ArrayList<>();
                        for (List<EventStore.Received> group : groups) {
                            outcomes.addAll(store.storeAll(group));
                        }
                        return outcomes;
                    }));
                }
                start.countDown();
                List<BatchOutcome> outcomes = new ArrayList<>();
                for (Future<List<BatchOutcome>> result : results) {
                    outcomes.addAll(result.get(5, TimeUnit.MINUTES));
                }
                assertHolds(terminals, stores.getFirst(), outcomes);
            } finally {
                stores.forEach(JdbcEventStore::close);
            }
        }
    }

    private static void assertHolds(List<Terminal> terminals, JdbcEventStore store, List<BatchOutcome> outcomes) {
        int total = WHERE.size() * EVENTS;
        assertEquals(total, outcomes.stream().mapToInt(BatchOutcome::stored).sum(), "each event stored by one worker");
        assertEquals(total, Ledger.count(store.database(), "SELECT COUNT(*) FROM events"));
        Map<String, Long> all = new TreeMap<>();
        Map<String, Set<Long>> stored = new TreeMap<>();
        for (Terminal terminal : terminals) {
            all.put(terminal.name(), (long) EVENTS);
            stored.put(
                    terminal.name(),
                    new TreeSet<>(LongStream.rangeClosed(1, EVENTS).boxed().toList()));
            assertEquals(EVENTS, store.eventCount(terminal.name()));
        }
        assertEquals(all, store.contiguousByTerminal(), "no gap");
        Map<String, List<Long>> accounts = Ledger.expectedAccounts(terminals, all);
        assertEquals(accounts, Ledger.accountsTable(store.database()), "each event counted once");
        assertEquals(Ledger.expectedStores(terminals, all), Ledger.storesTable(store.database()));
        Map<String, Integer> redemptions = Ledger.redemptions(terminals, stored);
        assertEquals(
                redemptions.size(),
                outcomes.stream().mapToInt(o -> o.newRedemptions().size()).sum());
        assertEquals(
                redemptions.values().stream().mapToInt(n -> n - 1).sum(),
                store.conflicts().size(),
                "one conflict per later redemption of a reference");
        assertEquals(0, store.rebuild().corrected());
    }

    private static List<Spec> events(Random random) {
        List<String> types = List.of("POINTS", "POINTS", "STAMPS", "HQ_BALANCE", "VOUCHER_REDEEMED");
        List<Spec> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new Spec(
                    types.get(random.nextInt(types.size())),
                    random.nextInt(10) == 0 ? null : "m-" + random.nextInt(6),
                    random.nextBoolean() ? null : List.of("coffee", "bake").get(random.nextInt(2)),
                    random.nextInt(-10, 40),
                    random.nextInt(-2, 5),
                    random.nextInt(5000),
                    "V-" + random.nextInt(15)));
        }
        return events;
    }

    /** Every batch of every terminal, plus overlapping ranges, shuffled, in groups of 1..4. */
    private static List<List<EventStore.Received>> groups(List<Terminal> terminals, Random random) {
        List<EventStore.Received> batches = new ArrayList<>();
        for (Terminal terminal : terminals) {
            for (int first = 1; first <= EVENTS; first += BATCH) {
                batches.add(Ledger.received(terminal, first, first + BATCH - 1));
            }
            for (int i = 0; i < 3; i++) {
                int first = 1 + random.nextInt(EVENTS - 2 * BATCH);
                batches.add(Ledger.received(terminal, first, first + random.nextInt(2 * BATCH)));
            }
        }
        Collections.shuffle(batches, random);
        List<List<EventStore.Received>> groups = new ArrayList<>();
        for (int next = 0; next < batches.size(); ) {
            int size = Math.min(batches.size() - next, 1 + random.nextInt(4));
            groups.add(batches.subList(next, next + size));
            next += size;
        }
        return groups;
    }
}
