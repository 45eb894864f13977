package org.loyaltyterminal.terminal.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.testing.TillFiles;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/** Points expiry and tiers through the visit flow, on a real SQLite file: written at the next visit's opening. */
class AccountUpkeepTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String ANNA = TillFiles.memberCard(1);
    private static final Instant DAY0 = Instant.parse("2025-03-01T09:00:00Z");

    @TempDir
    Path dir;

    private SqliteLoyaltyStore store;
    private ScanProcessor processor;
    private final List<ScanOutcome> signalled = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicReference<Instant> wall = new AtomicReference<>(DAY0);
    private final AtomicInteger visitIds = new AtomicInteger();

    static final String BUNDLE = """
            {"format": 3, "version": 4, "products": [],
             "campaigns": [{"id": "points", "type": "points", "pointsPerUnit": 1},
               {"id": "coffee-card", "type": "stamp-card", "qualifying": {"codes": ["4001234500010"]}, "cardSize": 5,
                "reward": "free coffee", "expiresAfterDays": 90}],
             "pointsExpiry": {"afterDays": 365},
             "referral": {"prefix": "REF-", "referrerPoints": 100, "newMemberPoints": 50},
             "tiers": {"qualifyBy": "points", "windowDays": 365, "graceDays": 30, "levels": [
               {"id": "silver", "name": "Silver", "threshold": 0},
               {"id": "gold", "name": "Gold", "threshold": 100, "multiplierPercent": 150}]}}""";

    @BeforeEach
    void setUp() {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        CampaignBundle rules = new CampaignFileLoader().parse(BUNDLE, "upkeep.json");
        store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot");
        ScanClassifier classifier = new ScanClassifier(
                List.of(new CardFormat(Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
                new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
                Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
                "CLOSE-VISIT",
                "REPRINT-VOUCHER",
                Optional.empty());
        InstantSource clockSource = wall::get;
        TerminalClock clock = new TerminalClock(clockSource, now::get, config);
        processor = new ScanProcessor(
                classifier,
                new VisitTracker(
                        Duration.ofMinutes(2), Duration.ofMillis(1500), () -> "visit-" + visitIds.incrementAndGet()),
                new LoyaltyEngine(),
                () -> rules,
                store,
                clock,
                signalled::add,
                new CommitLatencies(8),
                new CardRules.Disabled(),
                VoucherDesk.off(VoucherConfig.off(ZoneOffset.UTC), store),
                new RuleSite("", "", ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ScanOutcome scan(Symbology symbology, String payload) {
        now.addAndGet(2 * SECOND);
        signalled.clear();
        processor.onScan(new ScanEvent("scanner", symbology, payload, now.get()));
        return signalled.getLast();
    }

    /** A visit on day {@code day}: the member card, then a receipt (0 cents: none). */
    private ScanOutcome.VisitOpened visit(int day, long receipt, long cents) {
        wall.set(DAY0.plus(Duration.ofDays(day)));
        now.addAndGet(600 * SECOND); // the previous visit timed out
        ScanOutcome opened = scan(Symbology.EAN_13, ANNA);
        if (cents > 0) {
            assertInstanceOf(
                    ScanOutcome.ReceiptCredited.class, scan(Symbology.CODE_128, TillFiles.receipt(receipt, cents)));
        }
        return assertInstanceOf(ScanOutcome.VisitOpened.class, opened);
    }

    private static List<LedgerEntry> of(List<LedgerEntry> entries, LedgerKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void lotsExpireAtTheNextVisitInItsTransactionOldestFirst() {
        visit(0, 1, 6_000); // 60 points, lot of day 0
        visit(200, 2, 3_000); // 30 points, lot of day 200
        ScanOutcome.VisitOpened late = visit(366, 0, 0);

        List<LedgerEntry> expired = of(late.awards(), LedgerKind.POINTS_EXPIRED);
        assertEquals(1, expired.size(), "one expiry row at the visit's opening: " + late.awards());
        assertEquals(-60, expired.getFirst().pointsDelta());
        assertEquals(late.visitId(), expired.getFirst().visitId(), "written with the visit");
        assertTrue(
                expired.getFirst().why().detail().contains("60 of 2025-03-01"),
                expired.getFirst().why().detail());
        assertEquals(30, store.memberState(ANNA).points());
        assertEquals(30, late.balances().points(), "what the till shows is what is stored");

        ScanOutcome.VisitOpened again = visit(367, 0, 0);
        assertEquals(List.of(), of(again.awards(), LedgerKind.POINTS_EXPIRED), "nothing expires twice");
        assertTrue(store.check().consistent(), "balances equal the ledger's sums: " + store.check());
    }

    @Test
    void tiersChangeAtVisitOpenAndTheMultiplierAppliesAfterwards() {
        ScanOutcome.VisitOpened first = visit(0, 1, 12_000); // 120 points earned: gold from the next visit
        assertEquals(
                List.of("tier:silver"),
                of(first.awards(), LedgerKind.TIER_CHANGED).stream()
                        .map(LedgerEntry::reference)
                        .toList());
        ScanOutcome.VisitOpened second = visit(1, 2, 1_000);
        List<LedgerEntry> changed = of(second.awards(), LedgerKind.TIER_CHANGED);
        assertEquals("tier:gold", changed.getFirst().reference());
        assertTrue(
                changed.getFirst().why().detail().startsWith("silver → gold: 120 points earned"),
                changed.getFirst().why().detail());
        assertEquals(0, changed.getFirst().pointsDelta(), "HQ's sums stay equal: no delta on a tier row");
        assertEquals(120 + 15, store.memberState(ANNA).points(), "10.00 earns 10 points x150% in gold");
        assertEquals(Optional.of("gold"), store.memberState(ANNA).history().tier());

        visit(390, 0, 0); // 120 earned on day 0 left the window 25 days ago: within the 30-day grace
        assertEquals(Optional.of("gold"), store.memberState(ANNA).history().tier());
        ScanOutcome.VisitOpened lapsed = visit(400, 0, 0);
        assertTrue(
                of(lapsed.awards(), LedgerKind.TIER_CHANGED)
                        .getFirst()
                        .why()
                        .detail()
                        .startsWith("gold → silver"),
                lapsed.awards().toString());
        assertTrue(store.check().consistent(), store.check().toString());
    }

    @Test
    void anUnfinishedStampCardExpiresAtTheFirstVisitAfterItsAge() {
        visit(0, 0, 0);
        scan(Symbology.EAN_13, "4001234500010");
        scan(Symbology.EAN_13, "4001234500010"); // 2 s later: past the debounce
        assertEquals(2, store.memberState(ANNA).stampsOn("coffee-card"));
        assertEquals(List.of(), of(visit(89, 0, 0).awards(), LedgerKind.STAMPS_EXPIRED), "89 days: not yet");
        ScanOutcome.VisitOpened late = visit(90, 0, 0);
        List<LedgerEntry> expired = of(late.awards(), LedgerKind.STAMPS_EXPIRED);
        assertEquals(
                List.of(-2),
                expired.stream().map(LedgerEntry::stampsDelta).toList(),
                late.awards().toString());
        assertEquals(Optional.of("coffee-card"), expired.getFirst().campaignId());
        assertEquals(0, store.memberState(ANNA).stampsOn("coffee-card"));
        // a new card starts with the next stamp and its own 90 days
        scan(Symbology.EAN_13, "4001234500010");
        assertEquals(List.of(), of(visit(150, 0, 0).awards(), LedgerKind.STAMPS_EXPIRED));
        assertTrue(store.check().consistent(), store.check().toString());
    }

    @Test
    void aReferralCodeInTheEnrolmentVisitGivesBothMembersTheirPointsOnce() {
        String ben = TillFiles.memberCard(2);
        String cleo = TillFiles.memberCard(3);
        visit(0, 0, 0); // Anna is a member
        wall.set(DAY0.plus(Duration.ofDays(1)));
        now.addAndGet(600 * SECOND);
        assertTrue(assertInstanceOf(ScanOutcome.VisitOpened.class, scan(Symbology.EAN_13, ben))
                .enrolment()
                .isPresent());

        ScanOutcome referred = scan(Symbology.CODE_128, "REF-" + ANNA);
        List<LedgerEntry> rows = assertInstanceOf(ScanOutcome.ItemRecorded.class, referred, referred.toString())
                .entries();
        assertEquals(
                List.of(ben, ANNA), rows.stream().map(LedgerEntry::memberCard).toList());
        assertEquals(
                List.of(50L, 100L), rows.stream().map(LedgerEntry::pointsDelta).toList());
        assertTrue(rows.stream().allMatch(e -> e.kind() == LedgerKind.REFERRAL_BONUS), rows.toString());
        assertTrue(
                rows.stream()
                        .noneMatch(e -> e.why().detail().contains(ANNA)
                                || e.why().detail().contains(ben)),
                "details name members masked only: " + rows);
        assertEquals(50, store.memberState(ben).points());
        assertEquals(100, store.memberState(ANNA).points());

        ScanOutcome again = scan(Symbology.CODE_128, "REF-" + ANNA); // 2 s later: not a debounce repeat
        assertEquals(
                ScanOutcome.RefusalReason.REFERRAL_REFUSED,
                assertInstanceOf(ScanOutcome.Refused.class, again).reason());
        assertTrue(((ScanOutcome.Refused) again).toString().contains("referred before"), again.toString());

        // Cleo enrols and scans her own code, then an unknown member's: both refused, nothing written
        now.addAndGet(600 * SECOND);
        scan(Symbology.EAN_13, cleo);
        long rowsBefore = store.check().ledgerRows();
        assertEquals(
                ScanOutcome.RefusalReason.REFERRAL_REFUSED,
                assertInstanceOf(ScanOutcome.Refused.class, scan(Symbology.CODE_128, "REF-" + cleo))
                        .reason());
        assertEquals(
                ScanOutcome.RefusalReason.REFERRAL_REFUSED,
                assertInstanceOf(ScanOutcome.Refused.class, scan(Symbology.CODE_128, "REF-" + TillFiles.memberCard(9)))
                        .reason());
        assertEquals(rowsBefore, store.check().ledgerRows());

        // Anna in a later visit (not an enrolment) cannot be referred
        now.addAndGet(600 * SECOND);
        scan(Symbology.EAN_13, ANNA);
        assertEquals(
                ScanOutcome.RefusalReason.REFERRAL_REFUSED,
                assertInstanceOf(ScanOutcome.Refused.class, scan(Symbology.CODE_128, "REF-" + ben))
                        .reason());
        assertTrue(store.check().consistent(), store.check().toString());
    }
}
