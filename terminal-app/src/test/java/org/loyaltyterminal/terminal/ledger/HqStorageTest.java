package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.outbox.OutboxEvent;

/** The outbox as the sync agent sees it, and HQ's updates applied to a real SQLite file. */
class HqStorageTest {
    private static final String CARD = "2412000000017";
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), true, 42);
    private static final Target CHAIN = Target.chain("acme");

    @TempDir
    Path dir;

    private SqliteLoyaltyStore open() {
        return SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot-1");
    }

    private static void earn(SqliteLoyaltyStore store, String receipt, long points) {
        if (!store.isMember(CARD)) {
            store.enrol(CARD, "v", TIME);
        }
        store.commit(new AwardCommit.ReceiptCredit(
                CARD,
                "v",
                receipt,
                List.of(new Award.PointsAwarded("pts", points)),
                1,
                TIME,
                List.of(),
                OptionalLong.empty()));
    }

    @Test
    void eventsLeaveTheQueueOnlyOnAcknowledgementAndComeBackOnAResendRequest() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteOutbox outbox = new SqliteOutbox(store, 2);
            for (int i = 0; i < 5; i++) {
                earn(store, "R" + i, 10);
            }
            List<OutboxEvent> first = outbox.pendingAfter(0, 4, 1 << 20);
            assertEquals(
                    List.of(1L, 2L, 3L, 4L),
                    first.stream().map(OutboxEvent::sequence).toList());
            assertEquals(6, outbox.summary().depth());
            assertEquals(1, outbox.pendingAfter(0, 10, 10).size(), "the byte limit still lets one event through");

            outbox.acknowledgeUpTo(4);
            assertEquals(2, outbox.summary().depth());
            assertEquals(4, outbox.summary().highestAcknowledged());
            assertEquals(
                    List.of(5L, 6L),
                    outbox.pendingAfter(0, 10, 1 << 20).stream()
                            .map(OutboxEvent::sequence)
                            .toList());
            assertEquals(2, store.outboxDepth(), "the status figure counts unacknowledged events only");

            assertEquals(3, outbox.reopenFrom(1), "only the last 2 acknowledged events are kept; 3 is the oldest held");
            assertEquals(4, outbox.summary().depth());
            assertEquals(2, outbox.summary().highestAcknowledged());
            assertTrue(outbox.nextSession() < outbox.nextSession(), "sessions increase");
        }
        try (SqliteLoyaltyStore store = open()) {
            SqliteOutbox outbox = new SqliteOutbox(store, 2);
            assertEquals(3, outbox.nextSession(), "the session counter survives a restart");
            assertEquals(2, outbox.summary().highestAcknowledged());
        }
    }

    @Test
    void aSnapshotSetsHqsBalancePlusTheLocalEventsHqHasNotCounted() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            earn(store, "R1", 10); // seq 1 enrol, 2 points
            earn(store, "R2", 5); // seq 3
            // HQ counted this till up to seq 2 and knows 100 points earned elsewhere: 110.
            InboundResult result = updates.applySnapshot(snapshot(4, 110, Map.of("coffee", 2), 2), TIME);
            assertInstanceOf(InboundResult.Applied.class, result);
            assertEquals(115, store.memberState(CARD).points(), "HQ's 110 plus the local 5 it has not counted");
            assertEquals(2, store.memberState(CARD).stampsOn("coffee"));
            assertTrue(
                    store.check().consistent(),
                    "balances still equal the ledger's sums: " + store.check().discrepancies());
            assertEquals(5, store.check().ledgerRows(), "two HQ_BALANCE rows appended, nothing rewritten");

            assertInstanceOf(
                    InboundResult.AlreadyInForce.class, updates.applySnapshot(snapshot(4, 999, Map.of(), 3), TIME));
            InboundResult older = updates.applySnapshot(snapshot(3, 0, Map.of(), 3), TIME);
            assertEquals(
                    Refusal.NOT_NEWER,
                    assertInstanceOf(InboundResult.Refused.class, older).refusal());
            assertEquals(115, store.memberState(CARD).points(), "an older snapshot changes nothing");
        }
    }

    @Test
    void aSnapshotOfAMemberNeverSeenHereMakesThemKnown() {
        try (SqliteLoyaltyStore store = open()) {
            new SqliteHqUpdates(store).applySnapshot(snapshot(1, 40, Map.of(), 0), TIME);
            assertTrue(store.isMember(CARD));
            assertEquals(40, store.memberState(CARD).points());
        }
    }

    @Test
    void erasureLeavesNoCardNumberAnywhereAndConfirmsToHq() throws SQLException {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            earn(store, "R1", 10);
            store.linkCard("uid-hash-1", CARD, "v", TIME);
            InboundResult result = updates.erase(new HqMessage.EraseMember(CHAIN, 8, TIME.wall(), CARD), TIME);
            assertInstanceOf(InboundResult.Applied.class, result);
            assertFalse(store.isMember(CARD));
            assertTrue(store.memberForCard("uid-hash-1").isEmpty(), "card links deleted");
            assertTrue(store.check().consistent(), store.check().discrepancies().toString());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "members", "ledger", "stamp_cards", "vouchers", "card_links", "outbox", "hq_versions", "visits")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            assertFalse(
                                    value != null && value.contains(CARD),
                                    "card number left in " + table + ": " + value);
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT kind, card_number FROM ledger ORDER BY seq DESC LIMIT 1")) {
                rs.next();
                assertEquals("MEMBER_ERASED", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("erased-"));
            }
            SQLException refused = assertThrows(
                    SQLException.class, () -> s.executeUpdate("UPDATE ledger SET points_delta = 99 WHERE seq = 2"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("UPDATE ledger SET card_number = 'someone' WHERE seq = 2"));
        }
    }

    @Test
    void erasureUnderHqsPseudonymLeavesTheSamePseudonymOnEveryRowAndConfirmsUnderIt() throws SQLException {
        Target till = Target.terminal("acme", "s1", "till-01");
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            earn(store, "R1", 10);
            InboundResult result = updates.erase(
                    new HqMessage.EraseMember(till, 8, TIME.wall(), CARD, Optional.of("erased-hq-42")), TIME);
            assertInstanceOf(InboundResult.Applied.class, result);
            assertTrue(result.toString().contains("erased-hq-42"), result.toString());
            assertEquals(10, store.memberState("erased-hq-42").points(), "the balance stays, under the pseudonym");
            assertTrue(store.check().consistent(), store.check().discrepancies().toString());

            // A second member erased under the same pseudonym would merge two balances: refused, nothing changes.
            String other = "2412000000024";
            store.enrol(other, "v2", TIME);
            InboundResult clash = updates.erase(
                    new HqMessage.EraseMember(till, 9, TIME.wall(), other, Optional.of("erased-hq-42")), TIME);
            assertEquals(
                    Refusal.INVALID_CONTENT,
                    assertInstanceOf(InboundResult.Refused.class, clash).refusal());
            assertTrue(store.isMember(other));

            // The same erasure again (say, sent to the store too): the card is gone, the erasure is confirmed.
            InboundResult again = updates.erase(
                    new HqMessage.EraseMember(
                            Target.store("acme", "s1"), 1, TIME.wall(), CARD, Optional.of("erased-hq-42")),
                    TIME);
            assertInstanceOf(InboundResult.Applied.class, again);
            assertEquals(10, store.memberState("erased-hq-42").points());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT card_number, reference FROM ledger WHERE kind = 'MEMBER_ERASED' ORDER BY seq")) {
            assertTrue(rs.next());
            assertEquals("erased-hq-42", rs.getString(1));
            assertEquals("erase-8", rs.getString(2));
            assertTrue(rs.next());
            assertEquals("erased-hq-42", rs.getString(1));
            assertEquals("erase-1", rs.getString(2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%" + CARD + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the events waiting for HQ carry the pseudonym too");
        }
    }

    @Test
    void anAnswerInTimeIsAppliedLikeASnapshotAndTheVisitRecordsIt() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            earn(store, "R1", 10); // seq 1 enrol, 2 points: HQ counted both
            store.commit(new AwardCommit.VisitOpened(CARD, "visit-7", List.of(), 1, TIME, VisitBalance.asked(300)));
            earn(store, "R2", 5); // seq 3, not yet at HQ
            assertEquals(Optional.of(VisitBalance.asked(300)), store.ledger().visitBalance("visit-7"));

            InboundResult applied = updates.applyLookupAnswer(answer(6, true, 110, 2), "visit-7", 42, TIME);
            assertInstanceOf(InboundResult.Applied.class, applied);
            assertEquals(115, store.memberState(CARD).points(), "HQ's 110 and the 5 it has not counted");
            assertEquals(
                    Optional.of(VisitBalance.answered(true, 42)), store.ledger().visitBalance("visit-7"));
            assertEquals(
                    "HQ (answered in 42 ms)", VisitBalance.answered(true, 42).describe());
            LedgerEntry row = store.recentEntries(CARD, 1).getFirst();
            assertEquals(LedgerKind.HQ_BALANCE, row.kind());
            assertEquals("visit-7", row.visitId(), "the balance taken over belongs to the visit that asked");
            assertEquals("hq-lookup-6", row.reference());
            assertTrue(store.check().consistent(), store.check().discrepancies().toString());

            // The version rule holds as for snapshots: scope member/{card}, newest wins.
            assertInstanceOf(
                    InboundResult.AlreadyInForce.class,
                    updates.applyLookupAnswer(answer(6, true, 999, 3), "visit-7", 10, TIME));
            assertEquals(
                    Refusal.NOT_NEWER,
                    assertInstanceOf(
                                    InboundResult.Refused.class,
                                    updates.applySnapshot(snapshot(5, 0, Map.of(), 3), TIME))
                            .refusal());
            assertEquals(115, store.memberState(CARD).points());
        }
    }

    @Test
    void anAnswerThatHqKnowsNoAccountChangesNoBalanceAndRecordsNoVersion() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            earn(store, "R1", 10);
            store.commit(new AwardCommit.VisitOpened(CARD, "visit-8", List.of(), 1, TIME, VisitBalance.asked(300)));
            long rows = store.check().ledgerRows();
            InboundResult applied = updates.applyLookupAnswer(answer(9, false, 0, 0), "visit-8", 17, TIME);
            assertInstanceOf(InboundResult.Applied.class, applied);
            assertEquals(10, store.memberState(CARD).points());
            assertEquals(rows, store.check().ledgerRows(), "nothing appended");
            assertEquals(0, updates.versionInForce("member/" + CARD), "no version: a later snapshot is never refused");
            assertEquals(
                    Optional.of(VisitBalance.answered(false, 17)),
                    store.ledger().visitBalance("visit-8"));
        }
    }

    @Test
    void vouchersRedeemedElsewhereAreRefusedHereAndALocalRedemptionStays() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            updates.recordRedeemedElsewhere(
                    new HqMessage.VouchersRedeemed(
                            CHAIN,
                            1,
                            TIME.wall(),
                            List.of(new HqMessage.RedeemedElsewhere("7/12/2026-12-31", "t2", TIME.wall()))),
                    TIME);
            RedeemedVoucher redeemed = store.redemption("7/12/2026-12-31").orElseThrow();
            assertTrue(redeemed.where().contains("t2"), redeemed.where());
        }
    }

    @Test
    void campaignBundlesAndCommandsKeepTheirVersionsPerScope() {
        try (SqliteLoyaltyStore store = open()) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            HqMessage.CampaignBundle v5 = new HqMessage.CampaignBundle(CHAIN, 5, TIME.wall(), "{\"version\":5}");
            InboundResult belowFile = updates.storeCampaigns(v5, 6, TIME);
            assertEquals(
                    Refusal.NOT_NEWER,
                    assertInstanceOf(InboundResult.Refused.class, belowFile).refusal(),
                    "a bundle must be newer than the campaign file's too");
            assertInstanceOf(InboundResult.Applied.class, updates.storeCampaigns(v5, 3, TIME));
            assertEquals(5, updates.campaignsInForce().orElseThrow().version());
            assertEquals(
                    "{\"version\":5}", updates.campaignsInForce().orElseThrow().json());
            assertInstanceOf(
                    InboundResult.Applied.class,
                    updates.recordCommand(
                            new HqMessage.ResendFrom(Target.terminal("acme", "s1", "till-01"), 2, TIME.wall(), 1),
                            TIME));
            assertEquals(Map.of("campaigns", 5L, "commands/acme/s1/till-01", 2L), updates.versionsInForce());
        }
    }

    private static HqMessage.MemberAccount answer(long version, boolean known, long points, long counted) {
        Target till = Target.terminal("acme", "s1", "till-01");
        return known
                ? new HqMessage.MemberAccount(
                        till,
                        version,
                        TIME.wall(),
                        UUID.randomUUID(),
                        CARD,
                        true,
                        points,
                        Map.of(),
                        Map.of("till-01", counted))
                : HqMessage.MemberAccount.unknown(till, version, TIME.wall(), UUID.randomUUID(), CARD);
    }

    private static HqMessage.MemberSnapshot snapshot(
            long version, long points, Map<String, Integer> stamps, long counted) {
        return new HqMessage.MemberSnapshot(
                CHAIN, version, TIME.wall(), CARD, points, stamps, Map.of("till-01", counted));
    }
}
