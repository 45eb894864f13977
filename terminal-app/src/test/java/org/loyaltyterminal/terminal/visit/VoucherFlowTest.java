package org.loyaltyterminal.terminal.visit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.voucher.ForeignVoucherPolicy;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.core.voucher.VoucherKey;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.print.VoucherPrinter;
import org.loyaltyterminal.terminal.testing.TillFiles;
import org.loyaltyterminal.terminal.till.OutcomeText;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.voucher.VoucherBarcode;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;
import org.loyaltyterminal.terminal.voucher.VoucherLayout;

/**
 * Vouchers through the real processor and a real SQLite file: issued when a card completes,
 * bought with points, redeemed once, and every way a code can be refused, each with its own reason.
 */
class VoucherFlowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final VoucherKey KEY = VoucherKey.of(new byte[32]);
    private static final VoucherKey OTHER_CHAIN = VoucherKey.of("another chain's key, 32 bytes ok".getBytes(UTF_8));
    private static final int HERE = 12;
    private static final int SAME_STORE = 13;
    private static final int ELSEWHERE = 40;
    private static final String ANNA = TillFiles.memberCard(1);
    private static final String BEANS = "4001234500010";

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<ScanOutcome> signalled = new ArrayList<>();
    private final VoucherCodec codec = new VoucherCodec();
    private SqliteLoyaltyStore store;
    private ScanProcessor processor;
    /** The bundle in force; a test may put another one in, as HQ would. */
    private final AtomicReference<CampaignBundle> rules = new AtomicReference<>();

    @BeforeEach
    void setUp() throws URISyntaxException {
        rules.set(bundle("/vouchers/campaigns.json"));
        store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-12", "boot");
        VoucherConfig config = new VoucherConfig(
                Optional.of(KEY),
                HERE,
                Set.of(HERE, SAME_STORE),
                new ForeignVoucherPolicy.UpToValue(500),
                List.of("Demo Coffee"),
                Optional.empty(),
                VoucherBarcode.QR,
                "REPRINT-VOUCHER",
                "€",
                BERLIN);
        InstantSource wallClock = () -> wall.get();
        VoucherPrinter printer = new VoucherPrinter(
                Optional.empty(),
                new VoucherLayout(PrinterSettings.defaults(), List.of(), Optional.empty(), VoucherBarcode.QR, "€"),
                codec,
                KEY,
                store,
                wallClock);
        ScanClassifier classifier = new ScanClassifier(
                List.of(new CardFormat(Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
                new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
                Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
                "CLOSE-VISIT",
                "REPRINT-VOUCHER");
        TerminalClock clock = new TerminalClock(wallClock, now::get, dir.resolve("no-sync-flag-needed"));
        processor = new ScanProcessor(
                classifier,
                new VisitTracker(Duration.ofMinutes(2), Duration.ofMillis(1500), () -> "visit-" + now.get()),
                new LoyaltyEngine(),
                rules::get,
                store,
                clock,
                signalled::add,
                new CommitLatencies(8),
                new CardRules.Disabled(),
                new VoucherDesk(config, codec, store, Optional.of(printer)),
                new RuleSite("", "", ZoneOffset.UTC));
    }

    private CampaignBundle bundle(String resource) throws URISyntaxException {
        return new CampaignFileLoader()
                .load(Path.of(getClass().getResource(resource).toURI()));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ScanOutcome scan(String payload) {
        now.addAndGet(2 * SECOND);
        signalled.clear();
        Symbology symbology = payload.matches("[0-9]{13}") ? Symbology.EAN_13 : Symbology.QR;
        processor.onScan(new ScanEvent("scanner", symbology, payload, now.get()));
        return signalled.getLast();
    }

    private RefusalReason refusal(ScanOutcome outcome) {
        return assertInstanceOf(ScanOutcome.Refused.class, outcome, "refused").reason();
    }

    /** Anna completes a coffee card (2 stamps) and gets its voucher; returns the printable code. */
    private String earnCoffeeVoucher() {
        scan(ANNA);
        scan(BEANS);
        ScanOutcome second = scan(BEANS);
        LedgerEntry issued = assertInstanceOf(ScanOutcome.ItemRecorded.class, second)
                .entries()
                .getLast();
        assertEquals(
                LedgerKind.VOUCHER_ISSUED, issued.kind(), "the voucher is issued with the completing stamp: " + second);
        scan("CLOSE-VISIT");
        return codec.issue(store.issuedVoucher(issued.reference()).orElseThrow().code(), KEY);
    }

    @Test
    void aCompletedCardsVoucherIsRedeemedOnceAndTheSecondScanChangesNothing() {
        String code = earnCoffeeVoucher();
        VoucherCode issued = store.lastIssuedVoucher().orElseThrow().code();
        assertEquals(LocalDate.parse("2026-12-22"), issued.validThrough(), "30 days counting the day of issue");

        ScanOutcome redeemed = scan(code);
        var ok = assertInstanceOf(ScanOutcome.VoucherRedeemed.class, redeemed);
        assertEquals("Free coffee", ok.rewardText());
        assertEquals(350, ok.valueCents());
        assertTrue(ok.issuedHere());
        assertEquals(
                Optional.of(ANNA),
                ok.entry().member(),
                "booked to the member it was issued to, even with no visit open");
        long rows = store.check().ledgerRows();

        ScanOutcome again = scan(code.toLowerCase(Locale.ROOT).replace("-", ""));
        assertEquals(RefusalReason.VOUCHER_ALREADY_REDEEMED, refusal(again));
        assertTrue(
                ((ScanOutcome.Refused) again).message().contains("already redeemed at 2026-11-23T09:00:00Z"),
                again.toString());
        assertEquals(rows, store.check().ledgerRows(), "nothing written by the second scan");
        assertTrue(store.check().consistent());
    }

    @Test
    void typosForgeriesAndExpiryAreRefusedEachWithItsOwnReason() {
        String code = earnCoffeeVoucher();
        long rows = store.check().ledgerRows();
        char last = code.charAt(code.length() - 1);
        String typo = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(RefusalReason.VOUCHER_MISTYPED, refusal(scan(typo)));
        String notInAlphabet = code.substring(0, 5) + "U" + code.substring(6);
        assertEquals(RefusalReason.VOUCHER_MALFORMED, refusal(scan(notInAlphabet)));
        VoucherCode issued = store.lastIssuedVoucher().orElseThrow().code();
        assertEquals(RefusalReason.VOUCHER_FORGED, refusal(scan(codec.issue(issued, OTHER_CHAIN))));

        // Valid through the whole of its last day, by the store's clock (CET, UTC+1 in December).
        wall.set(Instant.parse("2026-12-22T23:00:00Z"));
        assertEquals(RefusalReason.VOUCHER_EXPIRED, refusal(scan(code)));
        wall.set(Instant.parse("2026-12-22T22:59:59Z"));
        assertEquals(rows, store.check().ledgerRows(), "no refusal wrote anything");
        assertInstanceOf(ScanOutcome.VoucherRedeemed.class, scan(code), "23:59:59 local on the last day still counts");
    }

    @Test
    void aSignedCodeForThisTillThatItNeverIssuedIsUnknown() {
        String neverIssued = codec.issue(new VoucherCode(HERE, 77, LocalDate.parse("2027-01-31"), 1), KEY);
        ScanOutcome outcome = scan(neverIssued);
        assertEquals(RefusalReason.VOUCHER_UNKNOWN, refusal(outcome));
        assertTrue(
                ((ScanOutcome.Refused) outcome).message().contains("give each till its own terminal.number"),
                outcome.toString());
    }

    @Test
    void vouchersFromOtherTillsFollowTheOfflinePolicyAndTheRewardsScope() {
        LocalDate lastDay = LocalDate.parse("2027-01-31");
        var cake = assertInstanceOf(
                ScanOutcome.VoucherRedeemed.class,
                scan(codec.issue(new VoucherCode(ELSEWHERE, 5, lastDay, 2), KEY)),
                "300 cents is within the 500-cent limit");
        assertEquals(Optional.empty(), cake.entry().member(), "no visit open: a bearer voucher, booked to no member");
        assertEquals(false, cake.issuedHere());

        assertEquals(
                RefusalReason.VOUCHER_FOREIGN_REFUSED,
                refusal(scan(codec.issue(new VoucherCode(ELSEWHERE, 6, lastDay, 3), KEY))),
                "a 25.00 hamper is over the limit");
        assertEquals(
                RefusalReason.VOUCHER_NOT_VALID_HERE,
                refusal(scan(codec.issue(new VoucherCode(ELSEWHERE, 7, lastDay, 4), KEY))),
                "a store-only tote bag from another store");
        assertInstanceOf(
                ScanOutcome.VoucherRedeemed.class,
                scan(codec.issue(new VoucherCode(SAME_STORE, 7, lastDay, 4), KEY)),
                "the same tote bag from a till of this store");
        assertEquals(
                RefusalReason.VOUCHER_REWARD_UNKNOWN,
                refusal(scan(codec.issue(new VoucherCode(ELSEWHERE, 8, lastDay, 99), KEY))),
                "slot 99 is in no catalogue");

        scan(ANNA);
        var inVisit = assertInstanceOf(
                ScanOutcome.VoucherRedeemed.class, scan(codec.issue(new VoucherCode(ELSEWHERE, 9, lastDay, 2), KEY)));
        assertEquals(Optional.of(ANNA), inVisit.entry().member(), "with a visit open, booked to its member");
        assertTrue(store.check().consistent());
    }

    @Test
    void aRewardsControlCodeSpendsExactlyItsCostInAnOpenVisit() {
        assertEquals(RefusalReason.NO_VISIT_OPEN, refusal(scan("REWARD-CAKE")));
        scan(ANNA);
        scan("RC0000000001" + "0001400"); // 14.00 at 10 points per unit: 140 points
        ScanOutcome tooFew = scan("REWARD-CAKE");
        assertEquals(RefusalReason.NOT_ENOUGH_POINTS, refusal(tooFew));
        assertTrue(
                ((ScanOutcome.Refused) tooFew)
                        .message()
                        .startsWith("Slice of cake costs 150 points, the member has 140"),
                tooFew.toString());
        assertEquals(140, store.memberState(ANNA).points(), "nothing spent");

        scan("RC0000000002" + "0010000"); // +1000
        var bought = assertInstanceOf(ScanOutcome.RewardBought.class, scan("REWARD-CAKE"));
        assertEquals(990, bought.balances().points(), "1140 - 150: the cost, not the whole balance");
        assertEquals(-150, bought.entry().pointsDelta());
        assertEquals(
                LocalDate.parse("2026-12-06"),
                store.lastIssuedVoucher().orElseThrow().code().validThrough());
        assertTrue(store.check().consistent());
    }

    /** The rows of campaign-format.md's reward offer example, policy "cheapest". */
    @Test
    void theTerminalOffersARewardByPolicyAndTheTakeCodeBuysIt() throws URISyntaxException {
        rules.set(bundle("/vouchers/offer-campaigns.json"));
        assertEquals(RefusalReason.NO_VISIT_OPEN, refusal(scan("TAKE-REWARD")));
        assertEquals(
                Optional.empty(),
                assertInstanceOf(ScanOutcome.VisitOpened.class, scan(ANNA)).offer());
        var first = assertInstanceOf(ScanOutcome.ReceiptCredited.class, scan("RC0000000001" + "0001400"));
        assertEquals(140, first.balances().points());
        assertEquals(Optional.empty(), first.offer(), "nothing within 140 points");

        ScanOutcome tooFew = scan("TAKE-REWARD");
        assertEquals(RefusalReason.NOT_ENOUGH_POINTS, refusal(tooFew));
        assertEquals(
                "no reward to offer: the cheapest costs 150 points, the member has 140; no change made",
                ((ScanOutcome.Refused) tooFew).message());
        assertEquals(140, store.memberState(ANNA).points(), "nothing spent");

        var second = assertInstanceOf(ScanOutcome.ReceiptCredited.class, scan("RC0000000002" + "0000200"));
        assertEquals(
                Optional.of(new ScanOutcome.RewardOffered("Slice of cake", 150, false, "TAKE-REWARD")), second.offer());
        assertTrue(
                OutcomeText.describe(second).endsWith("; offer: Slice of cake for 150 points (scan TAKE-REWARD)"),
                second.toString());

        var taken = assertInstanceOf(ScanOutcome.RewardBought.class, scan("TAKE-REWARD"));
        assertEquals("Slice of cake", taken.rewardText());
        assertEquals(-150, taken.entry().pointsDelta(), "exactly its cost");
        assertEquals(10, taken.balances().points());
        assertTrue(store.check().consistent());
    }

    /** The rows of the example under policy "next", with the reward that spends all points. */
    @Test
    void policyNextOffersTheDearestInReachAndAnAllPointsRewardTakesTheWholeBalance() throws Exception {
        String json = new String(
                Files.readAllBytes(Path.of(
                        getClass().getResource("/vouchers/offer-campaigns.json").toURI())),
                StandardCharsets.UTF_8);
        rules.set(new CampaignFileLoader().parse(json.replace("\"cheapest\"", "\"next\""), "offer-campaigns.json"));
        scan(ANNA);
        scan("RC0000000001" + "0012100"); // 121.00: 1210 points
        scan("CLOSE-VISIT");
        var opened = assertInstanceOf(ScanOutcome.VisitOpened.class, scan(ANNA));
        assertEquals(
                Optional.of(new ScanOutcome.RewardOffered("Lunch for two", 1000, false, "TAKE-REWARD")),
                opened.offer());

        var richer = assertInstanceOf(ScanOutcome.ReceiptCredited.class, scan("RC0000000002" + "0023000")); // +2300
        assertEquals(
                Optional.of(new ScanOutcome.RewardOffered("Christmas hamper", 3000, true, "TAKE-REWARD")),
                richer.offer());
        var hamper = assertInstanceOf(ScanOutcome.RewardBought.class, scan("TAKE-REWARD"));
        assertEquals("Christmas hamper", hamper.rewardText());
        assertEquals(-3510, hamper.entry().pointsDelta(), "all points, as the reward says");
        assertEquals(
                "reward hamper for all 3510 points (at least 3000)",
                hamper.entry().why().detail());
        assertEquals(0, hamper.balances().points());

        scan("RC0000000003" + "0030000"); // +3000
        var cake = assertInstanceOf(ScanOutcome.RewardBought.class, scan("REWARD-CAKE"));
        assertEquals(-150, cake.entry().pointsDelta(), "the member's own choice, for exactly its cost");
        assertEquals(2850, store.memberState(ANNA).points());
        assertTrue(store.check().consistent());
    }

    @Test
    void aReprintWithoutAPrinterIsRefusedAndSaysWhy() {
        earnCoffeeVoucher();
        assertEquals(RefusalReason.NO_PRINTER, refusal(scan("REPRINT-VOUCHER")));
    }
}
