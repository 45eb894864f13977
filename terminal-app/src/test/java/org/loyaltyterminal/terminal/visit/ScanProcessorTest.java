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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.testing.TillFiles;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/** The visit flow on a real SQLite file and the real engine, with scans built directly. */
class ScanProcessorTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String ANNA = TillFiles.memberCard(1);
    private static final String BEN = TillFiles.memberCard(2);
    private static final String ESPRESSO = "4001234500010";

    @TempDir
    Path dir;

    private SqliteLoyaltyStore store;
    private ScanProcessor processor;
    private final List<ScanOutcome> signalled = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger visitIds = new AtomicInteger();
    private final CommitLatencies latencies = new CommitLatencies(8);
    /** Runs once, the next time the processor reads the wall clock: inside a scan's transaction. */
    private volatile Runnable midScan = () -> {};

    @BeforeEach
    void setUp() {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        CampaignBundle rules = new CampaignFileLoader().load(dir.resolve("campaigns.json"));
        store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot");
        ScanClassifier classifier = new ScanClassifier(
                List.of(new CardFormat(Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
                new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
                Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
                "CLOSE-VISIT",
                "REPRINT-VOUCHER",
                Optional.of(new RefundFormat(
                        Pattern.compile("^RF(?<id>[0-9]{6})(?<original>[0-9]{10})-(?<cents>[0-9]{7})$"))));
        Instant fixed = Instant.parse("2026-11-23T09:00:00Z");
        InstantSource wall = () -> {
            Runnable hook = midScan;
            midScan = () -> {};
            hook.run();
            return fixed;
        };
        TerminalClock clock = new TerminalClock(wall, now::get, config);
        processor = new ScanProcessor(
                classifier,
                new VisitTracker(
                        Duration.ofMinutes(2), Duration.ofMillis(1500), () -> "visit-" + visitIds.incrementAndGet()),
                new LoyaltyEngine(),
                () -> rules,
                store,
                clock,
                signalled::add,
                latencies,
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

    @Test
    void aNewCardEnrolsAndItsAwardsReachTheLedgerBeforeTheSignal() {
        ScanOutcome opened = scan(Symbology.EAN_13, ANNA);
        assertTrue(
                assertInstanceOf(ScanOutcome.VisitOpened.class, opened)
                        .enrolment()
                        .isPresent(),
                "enrolled: " + opened);
        ScanOutcome item = scan(Symbology.EAN_13, ESPRESSO);
        MemberState signalled =
                assertInstanceOf(ScanOutcome.ItemRecorded.class, item).balances();
        assertEquals(Map.of("coffee-card", 2), signalled.stampsOnCard());
        assertEquals(0, signalled.points());
        ScanOutcome receipt = scan(Symbology.CODE_128, TillFiles.receipt(1, 1_299));
        assertEquals(
                12,
                assertInstanceOf(ScanOutcome.ReceiptCredited.class, receipt)
                        .balances()
                        .points(),
                "12.99 rounds down");
        assertEquals(Map.of("coffee-card", 2), store.memberState(ANNA).stampsOnCard(), "what was signalled is stored");
        assertEquals(12, store.memberState(ANNA).points(), "what was signalled is stored");
        assertEquals(3, latencies.summary().orElseThrow().scans(), "enrolment, stamps and points were commits");
        assertTrue(store.check().consistent());
    }

    @Test
    void anHqMemberUpdateArrivingMidScanWaitsUntilTheScanCommitted() throws InterruptedException {
        scan(Symbology.EAN_13, ANNA);
        SqliteHqUpdates updates = new SqliteHqUpdates(store);
        HqMessage.MemberSnapshot snapshot = new HqMessage.MemberSnapshot(
                Target.chain("acme"),
                1,
                Instant.parse("2026-11-23T08:00:00Z"),
                ANNA,
                40,
                Map.of(),
                Map.of("till-01", 0L));
        Thread hq = new Thread(
                () -> updates.applySnapshot(snapshot, new EventTime(Instant.parse("2026-11-23T09:00:00Z"), true, 1)),
                "hq-update");
        AtomicBoolean appliedMidScan = new AtomicBoolean();
        midScan = () -> {
            hq.start();
            long deadline = System.nanoTime() + 10 * SECOND;
            // the update either finishes (the scan's reads and writes are apart) or waits for the store
            while (hq.isAlive() && hq.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            appliedMidScan.set(!hq.isAlive());
        };
        ScanOutcome receipt = scan(Symbology.CODE_128, TillFiles.receipt(3, 1_000));
        hq.join(30_000);
        assertTrue(
                !appliedMidScan.get(),
                "HQ's member update waited for the scan's transaction instead of changing the "
                        + "member between the scan's read and its commit");
        assertEquals(
                10,
                assertInstanceOf(ScanOutcome.ReceiptCredited.class, receipt)
                        .balances()
                        .points(),
                "the scan judged the member as it was when it read");
        assertEquals(50, store.memberState(ANNA).points(), "HQ's 40 plus the receipt's 10 HQ has not counted");
        assertTrue(store.check().consistent(), "consistent: " + store.check().discrepancies());
    }

    @Test
    void aMemberCardNumberInASymbologyItsFormatDoesNotAllowIsRefusedMaskedNotTakenForAProduct() {
        ScanOutcome outcome = scan(Symbology.CODE_128, ANNA);
        ScanOutcome.Refused refused = assertInstanceOf(ScanOutcome.Refused.class, outcome);
        assertEquals(RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD, refused.reason());
        assertTrue(!refused.message().contains(ANNA), "the number is masked like a card: " + refused.message());
        assertTrue(refused.message().contains("CODE_128") && refused.message().contains("EAN_13"), refused.message());
        assertEquals(0, store.check().ledgerRows(), "nothing recorded");
    }

    @Test
    void itemsAndReceiptsWithoutAMemberCardAreRefusedAndChangeNothing() {
        ScanOutcome item = scan(Symbology.EAN_13, ESPRESSO);
        assertEquals(
                RefusalReason.NO_VISIT_OPEN,
                assertInstanceOf(ScanOutcome.Refused.class, item).reason());
        ScanOutcome receipt = scan(Symbology.CODE_128, TillFiles.receipt(1, 500));
        assertEquals(
                RefusalReason.NO_VISIT_OPEN,
                assertInstanceOf(ScanOutcome.Refused.class, receipt).reason());
        assertEquals(0, store.check().ledgerRows());
        assertTrue(!store.receiptCredited("0000000001"), "a refused receipt is not used up");
    }

    @Test
    void aReceiptCreditsOnceEvenInALaterVisitOfAnotherMember() {
        scan(Symbology.EAN_13, ANNA);
        scan(Symbology.CODE_128, TillFiles.receipt(7, 1_000));
        scan(Symbology.EAN_13, BEN);
        ScanOutcome again = scan(Symbology.CODE_128, TillFiles.receipt(7, 1_000));
        assertEquals(
                RefusalReason.RECEIPT_ALREADY_CREDITED,
                assertInstanceOf(ScanOutcome.Refused.class, again).reason());
        assertEquals(0, store.memberState(BEN).points());
        assertEquals(10, store.memberState(ANNA).points());
    }

    @Test
    void theSameScanWithinTheDebounceWindowAddsNothing() {
        scan(Symbology.EAN_13, ANNA);
        scan(Symbology.EAN_13, ESPRESSO);
        signalled.clear();
        now.addAndGet(SECOND); // 1 s after the first read
        processor.onScan(new ScanEvent("scanner", Symbology.EAN_13, ESPRESSO, now.get()));
        assertInstanceOf(ScanOutcome.Repeated.class, signalled.getLast());
        assertEquals(2, store.memberState(ANNA).stampsOn("coffee-card"), "one read's stamps only");
    }

    @Test
    void anIdleVisitClosesAfterTheTimeoutAndTheNextItemIsRefused() {
        scan(Symbology.EAN_13, ANNA);
        now.addAndGet(120 * SECOND);
        ScanOutcome item = scan(Symbology.EAN_13, ESPRESSO);
        assertEquals(
                RefusalReason.NO_VISIT_OPEN,
                assertInstanceOf(ScanOutcome.Refused.class, item).reason());
    }

    @Test
    void housekeepingClosesAnIdleVisitWithoutAScan() {
        scan(Symbology.EAN_13, ANNA);
        signalled.clear();
        now.addAndGet(121 * SECOND);
        processor.expireIdleVisit();
        ScanOutcome closed = signalled.getLast();
        assertEquals(
                CloseReason.TIMEOUT,
                assertInstanceOf(ScanOutcome.VisitClosed.class, closed).visit().reason());
    }

    @Test
    void theNextMemberCardClosesThePreviousVisit() {
        scan(Symbology.EAN_13, ANNA);
        ScanOutcome ben = scan(Symbology.EAN_13, BEN);
        var opened = assertInstanceOf(ScanOutcome.VisitOpened.class, ben);
        assertEquals(CloseReason.NEXT_MEMBER, opened.previous().orElseThrow().reason());
        assertEquals("visit-2", opened.visitId());
    }

    @Test
    void aVoucherCodeIsRefusedWhileVouchersAreOff() {
        scan(Symbology.EAN_13, ANNA);
        ScanOutcome voucher = scan(Symbology.QR, "0C00-AS1H-C3HA-PD89");
        assertEquals(
                RefusalReason.VOUCHER_REDEMPTION_OFF,
                assertInstanceOf(ScanOutcome.Refused.class, voucher).reason());
        assertEquals(1, store.check().ledgerRows(), "only the enrolment");
    }

    @Test
    void aCardNumberOutsideTheMemberRangeIsAProductNotAMember() {
        ScanOutcome outcome = scan(Symbology.EAN_13, "4006381333931");
        assertEquals(
                RefusalReason.NO_VISIT_OPEN,
                assertInstanceOf(ScanOutcome.Refused.class, outcome).reason());
        ScanOutcome code128 = scan(Symbology.CODE_128, ANNA);
        assertInstanceOf(ScanOutcome.Refused.class, code128, "a card format bound to EAN-13 ignores Code 128");
    }

    @Test
    void aRefundBarcodeTakesBackWhatTheSaleEarnedOnceWithoutAnOpenVisit() {
        scan(Symbology.EAN_13, ANNA);
        scan(Symbology.EAN_13, ESPRESSO); // 2 coffee stamps
        scan(Symbology.CODE_128, TillFiles.receipt(7, 2_000)); // 20 points
        scan(Symbology.CODE_128, "CLOSE-VISIT");

        // half of receipt 0000000007 comes back: 10 points and 1 stamp go
        ScanOutcome half = scan(Symbology.CODE_128, "RF000001" + "0000000007" + "-0001000");
        ScanOutcome.RefundProcessed processed = assertInstanceOf(ScanOutcome.RefundProcessed.class, half);
        assertEquals(10, processed.balances().points());
        assertEquals(Map.of("coffee-card", 1), processed.balances().stampsOnCard());
        assertEquals(10, store.memberState(ANNA).points(), "what was signalled is stored");

        ScanOutcome again = scan(Symbology.CODE_128, "RF000001" + "0000000007" + "-0001000");
        assertEquals(
                RefusalReason.REFUND_ALREADY_PROCESSED,
                assertInstanceOf(ScanOutcome.Refused.class, again).reason());
        ScanOutcome unknown = scan(Symbology.CODE_128, "RF000002" + "0000000099" + "-0001000");
        assertEquals(
                RefusalReason.REFUND_ORIGINAL_UNKNOWN,
                assertInstanceOf(ScanOutcome.Refused.class, unknown).reason());

        ScanOutcome rest = scan(Symbology.CODE_128, "RF000003" + "0000000007" + "-0001000");
        assertEquals(
                0,
                assertInstanceOf(ScanOutcome.RefundProcessed.class, rest)
                        .balances()
                        .points(),
                "the whole sale is undone");
        assertEquals(0, store.memberState(ANNA).stampsOn("coffee-card"));
        assertTrue(store.check().consistent(), store.check().toString());
    }
}
