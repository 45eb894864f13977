package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.RewardPurchase;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.loyaltyterminal.terminal.ledger.VoucherGrant;
import org.loyaltyterminal.terminal.ledger.VoucherRedemption;

/** Today's figures by SQL over a real ledger, written by the real store, read on a second connection. */
class SqliteLedgerFiguresTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 30); // clocks go forward at 02:00: a 23-hour day

    private static final Reward CAKE = new Reward(
            "cake",
            2,
            "Slice of cake",
            300,
            14,
            Optional.of(1L),
            Optional.empty(),
            RewardScope.CHAIN,
            Optional.empty());

    @TempDir
    Path dir;

    private SqliteLoyaltyStore store;
    private SqliteLedgerFigures figures;
    private final AtomicLong receipts = new AtomicLong();

    @BeforeEach
    void open() {
        store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot");
        figures = SqliteLedgerFigures.open(dir.resolve("loyalty.db"));
    }

    @AfterEach
    void close() {
        figures.close();
        store.close();
    }

    @Test
    void anEmptyLedgerHasNothingToShow() {
        TodayFigures today = figures.day(DAY, BERLIN);
        assertEquals(new TodayFigures(DAY, BERLIN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), today);
        assertEquals(Optional.empty(), today.returningShare());
        assertEquals(new OutboxBacklog(0, Optional.empty()), figures.outbox());
    }

    @Test
    void theStoresLocalDayCountsVisitsMembersAndAwards() {
        // Anna: seen 10 days ago, and twice today (two visits).
        enrol("2412000000011", "v-old", local(DAY.minusDays(10), 9, 0));
        points("2412000000011", "v-old", 50, local(DAY.minusDays(10), 9, 1));
        stamps("2412000000011", "v-a1", 2, false, local(DAY, 0, 0)); // the first second of the day counts
        points("2412000000011", "v-a2", 120, local(DAY, 18, 30));
        // Ben: new today, completes a card.
        enrol("2412000000028", "v-b", local(DAY, 11, 15));
        stamps("2412000000028", "v-b", 5, true, local(DAY, 11, 16));
        // Cleo: last seen 31 days ago (outside the window), today once.
        enrol("2412000000035", "v-c-old", local(DAY.minusDays(31), 12, 0));
        points("2412000000035", "v-c", 10, local(DAY, 23, 59));
        // Dan, not today: the last minute of the day before, and the first second of the next day.
        points("2412000000053", "v-d-before", 7, local(DAY.minusDays(1), 23, 59));
        points("2412000000053", "v-d-after", 9, local(DAY.plusDays(1), 0, 0));
        // An operator's unlink from the command line is neither a visit nor a member seen.
        store.unlinkCardsOf("2412000000046", "operator:m.weber", time(local(DAY, 12, 0)));
        // Anna buys a voucher with a point in her second visit; a bearer voucher from another till is redeemed with no
        // visit open.
        store.buyReward(new RewardPurchase(
                "2412000000011",
                "v-a2",
                new VoucherGrant(12, CAKE, "cake", LocalDate.of(2030, 1, 1)),
                1,
                time(local(DAY, 18, 31))));
        store.redeem(new VoucherRedemption(
                new VoucherCode(40, 7, LocalDate.of(2030, 1, 1), 2),
                Optional.empty(),
                "cake",
                300,
                false,
                1,
                "",
                time(local(DAY, 15, 0))));

        TodayFigures today = figures.day(DAY, BERLIN);
        assertEquals(4, today.visits(), "v-a1, v-a2, v-b, v-c: " + today);
        assertEquals(3, today.membersSeen(), today.toString());
        assertEquals(1, today.enrolments(), "Ben: " + today);
        assertEquals(2 + 5, today.stamps(), "stamps added, not the ones that left the completed card: " + today);
        assertEquals(1, today.cardsCompleted(), today.toString());
        assertEquals(120 + 10, today.points(), today.toString());
        assertEquals(1, today.vouchersIssued());
        assertEquals(1, today.vouchersRedeemed(), "a redemption without a visit is no visit and no member: " + today);
        assertEquals(1, today.returningMembers(), "only Anna was seen within the 30 days before: " + today);
        assertEquals(Optional.of(1.0 / 3), today.returningShare());
    }

    @Test
    void suspiciousFlagsAndPointsDueAcrossMembers() {
        enrol("2412000000011", "v1", local(DAY, 8, 0));
        points("2412000000011", "v1", 50, local(DAY.minusDays(350), 8, 0)); // due on day 15 from now
        points("2412000000011", "v1", 70, local(DAY.minusDays(10), 8, 0)); // due in 355 days
        enrol("2412000000028", "v2", local(DAY, 9, 0));
        points("2412000000028", "v2", 30, local(DAY.minusDays(400), 8, 0)); // already due, not yet written
        store.adjustPoints("2412000000028", -20, "test", "mgr", time(local(DAY, 9, 5))); // spends the oldest lot first
        store.commit(new AwardCommit.ItemAwards(
                "2412000000028",
                "v2",
                "visit",
                List.of(new Award.ActivityFlagged("", new Award.Why("safeguard.suspicious-visits", "9 visits", false))),
                3,
                time(local(DAY, 9, 6)),
                List.of()));

        assertEquals(1, figures.day(DAY, BERLIN).suspiciousFlags());
        Instant in30Days = local(DAY.plusDays(30), 0, 0);
        assertEquals(50 + 10, figures.pointsDueBy(in30Days, Duration.ofDays(365)), "Anna's 50 and Ben's 10 left");
        assertEquals(0, figures.pointsDueBy(local(DAY, 0, 0), Duration.ofDays(3650)));
    }

    @Test
    void theOutboxBacklogNamesItsOldestEvent() {
        Instant first = local(DAY, 8, 0);
        enrol("2412000000011", "v", first);
        points("2412000000011", "v", 5, local(DAY, 8, 5));
        assertEquals(new OutboxBacklog(2, Optional.of(first)), figures.outbox());
        figures.probe();
    }

    @Test
    void aClosedConnectionFailsWithTheFileNamed() {
        figures.close();
        StorageException e = assertThrows(StorageException.class, figures::probe);
        assertEquals(true, e.getMessage().contains("loyalty.db"), e.getMessage());
        figures = SqliteLedgerFigures.open(dir.resolve("loyalty.db"));
    }

    @Test
    void theCacheRecomputesAfterItsAgeAndAtANewDay() {
        AtomicLong nanos = new AtomicLong();
        CachedFigures cached = new CachedFigures(figures, nanos::get, Duration.ofSeconds(5));
        assertEquals(0, cached.day(DAY, BERLIN).points());
        points("2412000000011", "v", 5, local(DAY, 8, 0));
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(0, cached.day(DAY, BERLIN).points(), "still cached");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(5, cached.day(DAY, BERLIN).points(), "recomputed after 5 s");
        assertEquals(0, cached.day(DAY.plusDays(1), BERLIN).points(), "a new day is computed at once");
    }

    private static Instant local(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day.atTime(hour, minute), BERLIN).toInstant();
    }

    private static EventTime time(Instant at) {
        return new EventTime(at, true, 0);
    }

    private void enrol(String card, String visit, Instant at) {
        store.enrol(card, visit, time(at));
    }

    private void points(String card, String visit, long points, Instant at) {
        if (!store.isMember(card)) {
            store.enrol(card, visit, time(at));
        }
        store.commit(new AwardCommit.ReceiptCredit(
                card,
                visit,
                "R" + receipts.incrementAndGet(),
                List.of(new Award.PointsAwarded("points", points)),
                1,
                time(at),
                List.of(),
                OptionalLong.empty()));
    }

    private void stamps(String card, String visit, int stamps, boolean completes, Instant at) {
        if (!store.isMember(card)) {
            store.enrol(card, visit, time(at));
        }
        List<Award> awards = completes
                ? List.of(
                        new Award.StampsAwarded("coffee", stamps),
                        new Award.StampCardCompleted("coffee", stamps, "coffee"))
                : List.of(new Award.StampsAwarded("coffee", stamps));
        store.commit(new AwardCommit.ItemAwards(card, visit, "4000000000001", awards, 1, time(at), List.of()));
    }
}
