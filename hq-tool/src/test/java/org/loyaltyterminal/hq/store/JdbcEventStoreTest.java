package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.ingest.StoreRef;
import org.loyaltyterminal.hq.store.Ledger.Spec;
import org.loyaltyterminal.hq.store.Ledger.Terminal;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.wire.EventBatch;

/** The store's rules, each on a SQLite file and on PostgreSQL. */
class JdbcEventStoreTest {
    private static final String KINDS = "org.loyaltyterminal.hq.support.TestDatabases#kinds";
    private final InstantSource wall = InstantSource.fixed(Instant.parse("2026-03-02T08:00:00Z"));

    private static Spec points(String member, String campaign, int points, int stamps, int minute) {
        return new Spec("POINTS", member, campaign, points, stamps, minute, "");
    }

    private static Spec redeemed(String member, String reference, int minute) {
        return new Spec("VOUCHER_REDEEMED", member, null, 0, 0, minute, reference);
    }

    private static final Terminal T1 = new Terminal(
            new Topics("c1", "s1", "t1"),
            List.of(
                    points("m-1", null, 10, 0, 0),
                    points("m-1", "coffee", 0, 2, 1),
                    points("m-2", null, 7, 0, 2),
                    new Spec("HQ_BALANCE", "m-1", null, 500, 9, 3, ""), // a till taking over HQ's balance
                    points("m-1", null, -4, 0, 4), // a return
                    points("m-2", "coffee", 0, -1, 5),
                    points("m-2", "coffee", 0, 3, 6),
                    new Spec("NOTE", null, null, 0, 0, 7, ""),
                    points("m-3", null, 1, 0, 8)));

    private static final Terminal T2 = new Terminal(
            new Topics("c2", "s9", "t2"), List.of(points("m-1", null, 100, 0, 30), redeemed("m-1", "V-1", 31)));

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void storingABatchAgainChangesNothing(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            BatchOutcome first = store.store(T1.where(), T1.batch(1, 3));
            BatchOutcome again = store.store(T1.where(), T1.batch(1, 3));
            assertEquals(List.of(3, 0, 3L), List.of(first.stored(), first.duplicates(), first.contiguousUpTo()));
            assertEquals(List.of(0, 3, 3L), List.of(again.stored(), again.duplicates(), again.contiguousUpTo()));
            assertEquals(Set.of("m-1", "m-2"), first.membersCounted());
            assertEquals(Set.of(), again.membersCounted(), "a resend changes no account");
            assertEquals(3, store.eventCount("t1"));
            assertEquals(List.of(10L, 2L), balance(store, "m-1"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void eventsBeyondAGapCountOnlyOnceTheGapIsFilled(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            store.store(T1.where(), T1.batch(1, 2));
            BatchOutcome beyond = store.store(T1.where(), T1.batch(5, 9));
            assertEquals(2, beyond.contiguousUpTo());
            assertEquals(Set.of(), beyond.membersCounted(), "stored beyond the gap: nothing counts yet");
            assertEquals(Optional.empty(), store.account("m-3"));
            assertEquals(List.of(10L, 2L), balance(store, "m-1"));

            BatchOutcome filling = store.store(T1.where(), T1.batch(3, 4));
            assertEquals(9, filling.contiguousUpTo());
            assertEquals(
                    Set.of("m-1", "m-2", "m-3"),
                    filling.membersCounted(),
                    "filling the gap counts 3..9, its own events and those beyond it, HQ_BALANCE aside");
            assertEquals(List.of(6L, 2L), balance(store, "m-1"), "10 - 4 points; HQ_BALANCE's 500 never count");
            assertEquals(
                    Map.of("coffee", 2),
                    store.balance("m-2").orElseThrow().stamps(),
                    "-1 then +3 stamps: negative deltas count");
            assertEquals(
                    Ledger.expectedAccounts(List.of(T1), Map.of("t1", 9L)), Ledger.accountsTable(store.database()));
            assertEquals(Ledger.expectedStores(List.of(T1), Map.of("t1", 9L)), Ledger.storesTable(store.database()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void aGroupOfBatchesIsStoredInOneTransactionWithOneOutcomeEach(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            List<BatchOutcome> outcomes = store.storeAll(List.of(
                    received(T1, 7, 9),
                    received(T2, 1, 2),
                    received(T1, 1, 3),
                    received(T1, 4, 6),
                    received(T1, 1, 3)));
            assertEquals(
                    List.of(0L, 2L, 3L, 9L, 9L),
                    outcomes.stream().map(BatchOutcome::contiguousUpTo).toList());
            assertEquals(
                    List.of(3, 2, 3, 3, 0),
                    outcomes.stream().map(BatchOutcome::stored).toList());
            assertEquals(Set.of("m-1", "m-2"), outcomes.get(2).membersCounted());
            assertEquals(Set.of("m-1", "m-2", "m-3"), outcomes.get(3).membersCounted());
            assertEquals(Map.of("t1", 9L, "t2", 2L), store.contiguousByTerminal());

            // A group that fails halfway stores nothing at all: not even the new terminal of its first batch.
            Terminal t5 = new Terminal(new Topics("c1", "s1", "t5"), List.of(points("m-5", null, 1, 0, 0)));
            EventBatch.Decoded unparsed = new EventBatch.Decoded(T2.batch(1, 2), List.of());
            List<EventStore.Received> failing =
                    List.of(received(t5, 1, 1), new EventStore.Received(T2.where(), unparsed));
            assertThrows(IndexOutOfBoundsException.class, () -> store.storeAll(failing));
            assertEquals(Map.of("t1", 9L, "t2", 2L), store.contiguousByTerminal());
            assertEquals(9 + 2, Ledger.count(store.database(), "SELECT COUNT(*) FROM events"));
            assertEquals(Optional.empty(), store.account("m-5"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void aVoucherRedeemedTwiceIsAConflictAndTheFirstIsANewRedemption(TestDatabases.Kind kind, @TempDir Path dir) {
        Terminal t3 = new Terminal(new Topics("c2", "s8", "t3"), List.of(redeemed("m-9", "V-1", 40)));
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            BatchOutcome first = store.store(T2.where(), T2.batch(1, 2));
            assertEquals(
                    List.of("V-1"),
                    first.newRedemptions().stream().map(r -> r.reference()).toList());
            assertEquals("t2", first.newRedemptions().getFirst().first().terminal());
            assertEquals(List.of(), first.conflicts());

            BatchOutcome second = store.store(t3.where(), t3.batch(1, 1));
            assertEquals(List.of(), second.newRedemptions());
            assertEquals(1, second.conflicts().size());
            assertEquals("t2", second.conflicts().getFirst().first().terminal());
            assertEquals("t3", second.conflicts().getFirst().second().terminal());

            BatchOutcome resent = store.store(t3.where(), t3.batch(1, 1));
            assertEquals(List.of(), resent.conflicts(), "a resend raises no second conflict");
            assertEquals(1, store.conflicts().size());
            assertEquals(1, store.redemptions("c2", 10).size());
            assertEquals(List.of(), store.redemptions("c1", 10), "redemptions are per chain");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void anAccountIncludesTheTerminalsOfTheMembersChainsAndKnowsWhereTheyShopped(
            TestDatabases.Kind kind, @TempDir Path dir) {
        Terminal t4 = new Terminal(new Topics("c3", "s1", "t4"), List.of(points("m-2", null, 1, 0, 50)));
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            store.store(T1.where(), T1.batch(1, 9));
            store.store(T2.where(), T2.batch(1, 2));
            store.store(t4.where(), t4.batch(1, 1));

            MemberAccount m1 = store.account("m-1").orElseThrow();
            assertEquals(106, m1.points());
            assertEquals(Map.of("coffee", 2), m1.stamps());
            assertEquals(Map.of("t1", 9L, "t2", 2L), m1.includes(), "c1 and c2, where m-1 shopped; not c3");
            assertEquals(Optional.empty(), store.account("m-404"));

            assertEquals(
                    List.of(new StoreRef("c1", "s1"), new StoreRef("c2", "s9")),
                    store.storesSince("m-1", Ledger.START));
            assertEquals(
                    List.of(new StoreRef("c2", "s9")),
                    store.storesSince("m-1", Ledger.START.plusSeconds(60 * 10)),
                    "m-1 was last at c1/s1 at minute 4, at c2/s9 at minute 31");
            assertEquals(
                    Map.of("t1", 9L, "t2", 2L, "t4", 1L),
                    store.balance("m-1").orElseThrow().includes(),
                    "a snapshot's includes: every terminal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void rebuildingRecomputesAccountsThatDriftedFromTheEvents(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            store.store(T1.where(), T1.batch(1, 9));
            store.store(T2.where(), T2.batch(1, 2));
            Map<String, List<Long>> maintained = Ledger.accountsTable(store.database());
            Map<String, String> stores = Ledger.storesTable(store.database());

            AccountsRebuilt inStep = store.rebuild();
            assertEquals(0, inStep.corrected(), inStep.toString());
            assertEquals(maintained, Ledger.accountsTable(store.database()));

            store.database().transaction("test: tampering", c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE accounts SET points = points + 1 WHERE member = 'm-1' AND campaign = ''");
                    s.executeUpdate("DELETE FROM accounts WHERE member = 'm-3'");
                    s.executeUpdate("INSERT INTO accounts VALUES ('m-ghost', '', 5, 0, 'x')");
                    s.executeUpdate("DELETE FROM member_stores");
                }
                return null;
            });
            AccountsRebuilt repaired = store.rebuild();
            assertEquals(new AccountsRebuilt(2, 9, 3, 5, 4, 3), repaired);
            assertEquals(maintained, Ledger.accountsTable(store.database()));
            assertEquals(stores, Ledger.storesTable(store.database()));
        }
    }

    private static EventStore.Received received(Terminal terminal, long first, long last) {
        return Ledger.received(terminal, first, last);
    }

    private static List<Long> balance(EventStore store, String member) {
        MemberAccount b = store.balance(member).orElseThrow();
        return List.of(
                b.points(), (long) b.stamps().values().stream().mapToInt(i -> i).sum());
    }
}
