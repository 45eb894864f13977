package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.voucher.VoucherCode;

/** Vouchers in SQLite: issued with the award, bought with points, redeemed once, every print recorded. */
class VoucherStoreTest {
    private static final String CARD = "2412000000017";
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), true, 42);
    private static final Reward COFFEE = new Reward(
            "free-coffee",
            3,
            "Free coffee",
            350,
            30,
            Optional.of(100L),
            Optional.of("REWARD-COFFEE"),
            RewardScope.CHAIN,
            Optional.of("One per visit."));
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-12-22");

    @TempDir
    Path dir;

    private SqliteLoyaltyStore open() {
        return SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot-1");
    }

    private static AwardCommit completedCard(List<VoucherGrant> vouchers) {
        return new AwardCommit.ItemAwards(
                CARD,
                "visit-1",
                "4006381333931",
                List.of(
                        new Award.StampsAwarded("coffee-card", 10),
                        new Award.StampCardCompleted("coffee-card", 10, "Free coffee")),
                7,
                TIME,
                vouchers);
    }

    private static AwardCommit points(String receipt, long points) {
        return new AwardCommit.ReceiptCredit(
                CARD,
                "visit-1",
                receipt,
                List.of(new Award.PointsAwarded("points", points)),
                7,
                TIME,
                List.of(),
                OptionalLong.empty());
    }

    @Test
    void aCompletedCardIssuesItsVoucherInTheSameTransaction() throws Exception {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            List<LedgerEntry> entries =
                    store.commit(completedCard(List.of(new VoucherGrant(12, COFFEE, "coffee-card", LAST_DAY))));

            assertEquals(
                    List.of(LedgerKind.STAMPS, LedgerKind.STAMP_CARD_COMPLETED, LedgerKind.VOUCHER_ISSUED),
                    entries.stream().map(LedgerEntry::kind).toList());
            LedgerEntry issued = entries.getLast();
            IssuedVoucher voucher = store.issuedVoucher(issued.reference()).orElseThrow();
            assertEquals(12, voucher.code().terminal());
            assertEquals(LAST_DAY, voucher.code().validThrough());
            assertEquals(3, voucher.code().rewardSlot());
            assertEquals("Free coffee", voucher.rewardText());
            assertEquals(350, voucher.valueCents());
            assertEquals(Optional.of("One per visit."), voucher.terms());
            assertEquals(CARD, voucher.memberCard());
            assertEquals(voucher.reference(), issued.reference(), "the ledger names the voucher by its reference");
            assertEquals(Optional.of(voucher), store.lastIssuedVoucher());
            assertEquals(0, store.memberState(CARD).points(), "a stamp-card voucher costs no points");

            JsonNode event = lastOutboxEvent();
            assertEquals("VOUCHER_ISSUED", event.get("type").asText());
            assertEquals(
                    voucher.reference(), event.get("voucher").get("reference").asText());
            assertEquals(350, event.get("voucher").get("valueCents").asLong());
            assertEquals("free-coffee", event.get("voucher").get("reward").asText());
            assertTrue(store.check().consistent(), store.check().discrepancies().toString());
        }
    }

    @Test
    void aVoucherThatCannotBeRecordedTakesTheStampsDownWithIt() throws Exception {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            store.commit(completedCard(List.of(new VoucherGrant(12, COFFEE, "coffee-card", LAST_DAY))));
            long rows = store.check().ledgerRows();
            // The same sequence again: the reference collides, so the whole award must roll back.
            execute(
                    "UPDATE meta SET value = (SELECT CAST(sequence AS TEXT) FROM vouchers) WHERE key = 'voucher_next_sequence'");

            assertThrows(
                    StorageException.class,
                    () -> store.commit(completedCard(List.of(new VoucherGrant(12, COFFEE, "coffee-card", LAST_DAY)))));

            assertEquals(rows, store.check().ledgerRows(), "no stamps, no completion, no voucher");
            assertEquals(rows, store.outboxDepth());
        }
    }

    @Test
    void buyingARewardSpendsExactlyItsCostOrNothing() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            store.commit(points("R1", 99));
            RewardPurchase purchase =
                    new RewardPurchase(CARD, "visit-1", new VoucherGrant(12, COFFEE, "free-coffee", LAST_DAY), 7, TIME);

            NotEnoughPointsException tooFew =
                    assertThrows(NotEnoughPointsException.class, () -> store.buyReward(purchase));
            assertEquals("Free coffee costs 100 points, the member has 99", tooFew.getMessage());
            assertEquals(99, store.memberState(CARD).points(), "nothing spent");
            assertEquals(Optional.empty(), store.lastIssuedVoucher(), "nothing issued");

            store.commit(points("R2", 150));
            LedgerEntry bought = store.buyReward(purchase);
            assertEquals(LedgerKind.VOUCHER_ISSUED, bought.kind());
            assertEquals(-100, bought.pointsDelta());
            assertEquals(149, store.memberState(CARD).points(), "exactly the cost, not the whole balance");
            assertTrue(store.check().consistent(), store.check().discrepancies().toString());
        }
    }

    @Test
    void aVoucherIsRedeemedOnceEvenAcrossARestart() throws Exception {
        VoucherCode code;
        long rows;
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            List<LedgerEntry> entries =
                    store.commit(completedCard(List.of(new VoucherGrant(12, COFFEE, "coffee-card", LAST_DAY))));
            code = store.issuedVoucher(entries.getLast().reference())
                    .orElseThrow()
                    .code();
            LedgerEntry redeemed = store.redeem(
                    new VoucherRedemption(code, Optional.of(CARD), "free-coffee", 350, true, 7, "visit-2", TIME));
            assertEquals(LedgerKind.VOUCHER_REDEEMED, redeemed.kind());
            assertEquals(
                    Optional.of(
                            new RedeemedVoucher(code.reference(), redeemed.sequence(), TIME.wall(), "this terminal")),
                    store.redemption(code.reference()));
            rows = store.check().ledgerRows();
        }
        try (SqliteLoyaltyStore store = open()) {
            VoucherAlreadyRedeemedException again = assertThrows(
                    VoucherAlreadyRedeemedException.class,
                    () -> store.redeem(new VoucherRedemption(
                            code, Optional.of(CARD), "free-coffee", 350, true, 7, "visit-3", TIME)));
            assertTrue(again.getMessage().contains("already redeemed at 2026-11-23T09:15:00Z"), again.getMessage());
            assertEquals(rows, store.check().ledgerRows(), "the second attempt wrote nothing");
            assertEquals(rows, store.outboxDepth());
        }
    }

    @Test
    void aBearerVoucherFromAnotherTillIsRedeemedWithoutAMember() throws Exception {
        VoucherCode foreign = new VoucherCode(40, 7, LAST_DAY, 3);
        try (SqliteLoyaltyStore store = open()) {
            LedgerEntry entry = store.redeem(
                    new VoucherRedemption(foreign, Optional.empty(), "free-coffee", 350, false, 7, "", TIME));
            assertEquals(Optional.empty(), entry.member());
            JsonNode event = lastOutboxEvent();
            assertFalse(event.has("member"), "no member in the event: " + event);
            assertEquals(40, event.get("voucher").get("issuingTerminal").asInt());
            assertFalse(event.get("voucher").get("issuedHere").asBoolean());
            assertTrue(store.check().consistent());
        }
        // Only a redemption may lack a member: the ledger's own CHECK says so.
        SQLException refused = assertThrows(
                SQLException.class,
                () -> execute("INSERT INTO ledger VALUES (99, 'till-01', NULL, "
                        + "'POINTS', 'points', 1, 0, 5, 'R', 'v', '2026-01-01T00:00:00Z', 1, 1, '', '', 0)"));
        assertTrue(refused.getMessage().contains("CHECK"), refused.getMessage());
        SQLException appendOnly = assertThrows(SQLException.class, () -> execute("DELETE FROM ledger"));
        assertTrue(
                appendOnly.getMessage().contains("append-only"),
                "the rebuilt ledger keeps its triggers: " + appendOnly.getMessage());
    }

    @Test
    void voucherNumbersFollowEachOtherAndWrapAfterTwentyBits() throws Exception {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            store.commit(points("R1", 1_000));
            execute("INSERT OR REPLACE INTO meta VALUES ('voucher_next_sequence', '" + VoucherCode.MAX_SEQUENCE + "')");
            RewardPurchase purchase =
                    new RewardPurchase(CARD, "visit-1", new VoucherGrant(12, COFFEE, "free-coffee", LAST_DAY), 7, TIME);
            LedgerEntry last = store.buyReward(purchase);
            LedgerEntry wrapped = store.buyReward(purchase);
            assertEquals(
                    VoucherCode.MAX_SEQUENCE,
                    store.issuedVoucher(last.reference()).orElseThrow().code().sequence());
            assertEquals(
                    0,
                    store.issuedVoucher(wrapped.reference())
                            .orElseThrow()
                            .code()
                            .sequence());
        }
    }

    @Test
    void everyPrintIsRecordedAndOneThatNeverEndedIsFoundAfterARestart() {
        IssuedVoucher voucher;
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "visit-1", TIME);
            List<LedgerEntry> entries =
                    store.commit(completedCard(List.of(new VoucherGrant(12, COFFEE, "coffee-card", LAST_DAY))));
            voucher = store.issuedVoucher(entries.getLast().reference()).orElseThrow();
            VoucherPrint first = store.recordPrint(voucher, VoucherPrint.Kind.ISSUE, TIME);
            VoucherPrint reprint = store.recordPrint(voucher, VoucherPrint.Kind.REPRINT, TIME);
            store.printEnded(first.printId(), VoucherPrint.State.PRINTED, "", TIME.wall());
            store.printEnded(first.printId(), VoucherPrint.State.REFUSED, "late", TIME.wall());
            assertEquals(List.of(reprint), store.unfinishedPrints(), "only the reprint is still queued");
        }
        try (SqliteLoyaltyStore store = open()) {
            List<VoucherPrint> unfinished = store.unfinishedPrints();
            assertEquals(1, unfinished.size());
            assertEquals(VoucherPrint.Kind.REPRINT, unfinished.getFirst().kind());
            assertEquals(voucher, unfinished.getFirst().voucher());
        }
    }

    private JsonNode lastOutboxEvent() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            return new ObjectMapper().readTree(rs.getString(1));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
