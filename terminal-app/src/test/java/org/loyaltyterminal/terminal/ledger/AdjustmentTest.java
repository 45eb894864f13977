package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdjustmentTest {
    static final EventTime T = new EventTime(Instant.parse("2026-06-12T15:30:00Z"), true, 1);

    @Test
    void anAdjustmentIsAnAuditedRowAndNeverTakesTheBalanceBelowZero(@TempDir Path dir) {
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(dir.resolve("l.db"), "till-01", "boot")) {
            store.enrol("1000", "v1", T);
            LedgerEntry added = store.adjustPoints("1000", 25, "goodwill: broken machine", "mgr-7", T);
            assertEquals(LedgerKind.ADJUSTMENT, added.kind());
            assertEquals("operator:mgr-7", added.reference());
            assertEquals("goodwill: broken machine", added.why().detail());

            AdjustmentRefusedException e = assertThrows(
                    AdjustmentRefusedException.class, () -> store.adjustPoints("1000", -26, "typo", "mgr-7", T));
            assertTrue(
                    e.getMessage().contains("has 25 points; taking 26 would leave a negative balance"), e.getMessage());
            assertEquals(25, store.memberState("1000").points(), "a refused adjustment changes nothing");
            assertThrows(AdjustmentRefusedException.class, () -> store.adjustPoints("2000", 5, "x", "mgr-7", T));
            assertThrows(IllegalArgumentException.class, () -> store.adjustPoints("1000", 5, " ", "mgr-7", T));

            List<LedgerEntry> rows = store.recentEntries("1000", 10);
            assertEquals(
                    List.of(LedgerKind.ENROLLED, LedgerKind.ADJUSTMENT),
                    rows.stream().map(LedgerEntry::kind).toList());
            assertEquals("manual.adjustment", rows.getLast().why().rule(), "read back with its reason");
            assertTrue(store.check().consistent(), "balances equal the ledger");
        }
    }
}
