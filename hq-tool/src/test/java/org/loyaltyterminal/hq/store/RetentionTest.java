package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.privacy.CardKeys;
import org.loyaltyterminal.hq.store.Ledger.Spec;
import org.loyaltyterminal.hq.store.Ledger.Terminal;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/** The retention period pseudonymises members not seen for that long, and only them; the sums stay. */
class RetentionTest {
    private static final Terminal T1 = new Terminal(
            new Topics("c1", "s1", "t1"),
            List.of(
                    new Spec("POINTS", "6000000000001", null, 10, 0, 0, ""),
                    new Spec("POINTS", "6000000000002", null, 7, 0, 0, ""),
                    new Spec("POINTS", "6000000000002", "coffee", 0, 2, 60 * 24 * 40, "")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void aDormantMemberTakesAPseudonymAndTheActiveOneStays(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(InstantSource.system())) {
            store.store(T1.where(), T1.batch(1, 3));
            Map<String, List<Long>> before = Ledger.accountsTable(store.database());
            Retention retention = new Retention(store.database(), CardKeys.fromFile(dir.resolve("secret")));

            int retired = retention.retireBefore(Ledger.START.plus(Duration.ofDays(30)));

            assertEquals(1, retired);
            Map<String, List<Long>> after = Ledger.accountsTable(store.database());
            assertEquals(before.get("6000000000002|"), after.get("6000000000002|"), "seen 40 days in: kept");
            assertTrue(after.keySet().stream().noneMatch(k -> k.startsWith("6000000000001")), after.toString());
            String pseudonym = after.keySet().stream()
                    .filter(k -> k.startsWith("retired-"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(List.of(10L, 0L), after.get(pseudonym), "the sum stays, under the pseudonym");
            assertEquals(0, retention.retireBefore(Ledger.START.plus(Duration.ofDays(30))), "idempotent");
            store.rebuildAccounts();
            assertEquals(after, Ledger.accountsTable(store.database()), "a rebuild from the events agrees");
        }
    }
}
