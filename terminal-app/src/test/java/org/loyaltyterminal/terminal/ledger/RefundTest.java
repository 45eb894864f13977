package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.Award.Why;

/** Returns on a real SQLite file: proportional, cumulative, never below zero, once per refund id, reported vouchers. */
class RefundTest {
    static final EventTime T = new EventTime(Instant.parse("2026-06-12T15:30:00Z"), true, 1);
    static final String CARD = "2412000000017";

    @TempDir
    Path dir;

    private SqliteLoyaltyStore open() {
        return SqliteLoyaltyStore.open(dir.resolve("l.db"), "till-01", "boot");
    }

    /** A sale: 3 coffee stamps on item scans, then receipt R1 of 20.00 earning 20 points. */
    private static void sale(
            SqliteLoyaltyStore store, String visit, String receipt, long cents, long points, int stamps) {
        store.commit(new AwardCommit.VisitOpened(CARD, visit, List.of(), 3, T));
        if (stamps > 0) {
            store.commit(new AwardCommit.ItemAwards(
                    CARD,
                    visit,
                    "4001",
                    List.of(new Award.StampsAwarded("coffee-card", stamps, new Why("stamp-card.item", "4001", false))),
                    3,
                    T,
                    List.of()));
        }
        store.commit(new AwardCommit.ReceiptCredit(
                CARD,
                visit,
                receipt,
                List.of(new Award.PointsAwarded("points", points, new Why("points.receipt", receipt, false))),
                3,
                T,
                List.of(),
                OptionalLong.of(cents)));
    }

    @Test
    void aFullRefundTakesBackThePointsAndStampsTheSaleEarned() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            store.adjustPoints(CARD, 7, "opening balance", "mgr", T);
            sale(store, "v1", "R1", 2000, 20, 3);

            RefundResult result = store.refund(new Refund("F1", "R1", 2000, 3, T));

            assertEquals(CARD, result.memberCard());
            assertEquals("v1", result.originalVisitId());
            assertEquals(20, result.pointsTaken());
            assertEquals(3, result.stampsTaken());
            assertEquals(7, store.memberState(CARD).points(), "back to the balance before the sale");
            assertEquals(0, store.memberState(CARD).stampsOn("coffee-card"));
            assertTrue(
                    result.entries().stream()
                            .allMatch(e -> e.kind() == LedgerKind.REFUND
                                    && e.reference().equals("F1")
                                    && e.why().rule().equals("refund.reversal")),
                    result.entries().toString());
            assertTrue(store.check().consistent(), "balances equal the ledger: " + store.check());
        }
    }

    @Test
    void partialRefundsAreProportionalAndAddUpToExactlyWhatTheSaleEarned() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            sale(store, "v1", "R1", 3000, 31, 0);

            // 1000 of 3000 cents: floor(31 / 3) = 10
            assertEquals(10, store.refund(new Refund("F1", "R1", 1000, 3, T)).pointsTaken());
            // 2000 of 3000 in all: floor(62 / 3) = 20, 10 already taken
            assertEquals(10, store.refund(new Refund("F2", "R1", 1000, 3, T)).pointsTaken());
            // 3000 of 3000: all 31; the rounding remainder comes back with the last part
            assertEquals(11, store.refund(new Refund("F3", "R1", 1000, 3, T)).pointsTaken());
            assertEquals(0, store.memberState(CARD).points());
            // an over-refund takes nothing more, and is still recorded for HQ
            RefundResult extra = store.refund(new Refund("F4", "R1", 500, 3, T));
            assertEquals(0, extra.pointsTaken());
            assertEquals(1, extra.entries().size());
            assertTrue(
                    extra.entries().getFirst().why().detail().contains("nothing left to take back"),
                    extra.entries().getFirst().why().detail());
            assertTrue(store.check().consistent(), store.check().toString());
        }
    }

    @Test
    void aRefundNeverTakesTheBalanceBelowZeroAndSaysItWasCut() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            sale(store, "v1", "R1", 2000, 20, 0);
            store.adjustPoints(CARD, -15, "spent elsewhere", "mgr", T);

            RefundResult result = store.refund(new Refund("F1", "R1", 2000, 3, T));

            assertEquals(5, result.pointsTaken(), "only what is left");
            assertEquals(0, store.memberState(CARD).points());
            assertTrue(
                    result.entries().getFirst().why().detail().contains("cut from 20 points"),
                    result.entries().getFirst().why().detail());
        }
    }

    @Test
    void theSameRefundTwiceReversesOnce() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            sale(store, "v1", "R1", 2000, 20, 0);
            store.refund(new Refund("F1", "R1", 1000, 3, T));
            long rows = store.check().ledgerRows();

            RefundAlreadyProcessedException e = assertThrows(
                    RefundAlreadyProcessedException.class, () -> store.refund(new Refund("F1", "R1", 1000, 3, T)));

            assertTrue(e.getMessage().contains("refund F1 of receipt R1 was already processed"), e.getMessage());
            assertEquals(10, store.memberState(CARD).points(), "reversed once");
            assertEquals(rows, store.check().ledgerRows(), "nothing appended");
        }
    }

    @Test
    void aRefundOfAReceiptThisTerminalNeverCreditedIsRefusedAndChangesNothing() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            long rows = store.check().ledgerRows();
            RefundRefusedException e = assertThrows(
                    RefundRefusedException.class, () -> store.refund(new Refund("F1", "R-ELSEWHERE", 1000, 3, T)));
            assertTrue(
                    e.getMessage().contains("receipt R-ELSEWHERE was not credited to a member at this terminal"),
                    e.getMessage());
            assertEquals(rows, store.check().ledgerRows());
            // and the refund id is still free for a later, valid refund
            sale(store, "v1", "R-ELSEWHERE", 1000, 10, 0);
            assertEquals(
                    10,
                    store.refund(new Refund("F1", "R-ELSEWHERE", 1000, 3, T)).pointsTaken());
        }
    }

    @Test
    void aVoucherRedeemedInTheOriginalSaleIsReportedInTheRowsAndTheOutboxEvent() throws Exception {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            store.commit(new AwardCommit.VisitOpened(CARD, "v1", List.of(), 3, T));
            try (Statement s = store.connection().createStatement()) {
                // a voucher redeemed in the sale's visit (the ledger row is what the refund looks at)
                s.execute(
                        "INSERT INTO ledger (seq, terminal_id, card_number, kind, campaign_id, bundle_version, stamps_delta,"
                                + " points_delta, reference, visit_id, wall_time, clock_trusted, monotonic_ns)"
                                + " VALUES ((SELECT MAX(seq) + 1 FROM ledger), 'till-01', '" + CARD
                                + "', 'VOUCHER_REDEEMED', NULL, 3, 0, 0,"
                                + " '7/12/2026-07-01', 'v1', '2026-06-12T15:30:00Z', 1, 1)");
                store.connection().commit();
            }
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v1",
                    "R1",
                    List.of(new Award.PointsAwarded("points", 12, new Why("points.receipt", "R1", false))),
                    3,
                    T,
                    List.of(),
                    OptionalLong.of(1200)));

            RefundResult result = store.refund(new Refund("F1", "R1", 1200, 3, T));

            assertEquals(List.of("7/12/2026-07-01"), result.vouchersRedeemed());
            String detail = result.entries().getFirst().why().detail();
            assertTrue(detail.contains("vouchers redeemed in the sale: "), detail);
            JsonNode event;
            try (Statement s = store.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT payload FROM outbox WHERE seq = "
                            + result.entries().getFirst().sequence())) {
                rs.next();
                event = new ObjectMapper().readTree(rs.getString(1));
            }
            assertEquals("REFUND", event.get("type").asText());
            assertEquals(-12, event.get("points").asLong());
            assertEquals("F1", event.get("reference").asText());
            assertEquals("v1", event.get("visit").asText());
            assertEquals(detail, event.get("detail").asText(), "HQ gets the report");
        }
    }

    @Test
    void aRefundDoesNotHoldBackTheMembersNextVisitUnderTheMinimumInterval() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v0", T);
            sale(store, "v1", "R1", 2000, 20, 0);
            int before = store.memberState(CARD).history().recentAwards().size();
            store.refund(new Refund("F1", "R1", 2000, 3, T));
            assertEquals(
                    before,
                    store.memberState(CARD).history().recentAwards().size(),
                    "refund rows are not awards: limits and the minimum interval ignore them");
        }
    }
}
