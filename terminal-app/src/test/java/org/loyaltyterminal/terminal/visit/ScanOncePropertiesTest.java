package org.loyaltyterminal.terminal.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
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

/**
 * Evaluating the same input twice awards once, through the real processor and SQLite: a receipt id
 * credits once whatever comes between, and the same barcode read again within the debounce adds nothing.
 */
class ScanOncePropertiesTest {
    private static final String ANNA = TillFiles.memberCard(1);
    private static final long MS = 1_000_000L;
    private static final List<String> ITEMS = List.of("4001234500010", "4001234500041");

    /** One read: a payload and the milliseconds since the read before. */
    record Read(String payload, Symbology symbology, long gapMs) {}

    @Provide
    Arbitrary<List<Read>> reads() {
        Arbitrary<Read> card = Arbitraries.longs().between(50, 3_000).map(gap -> new Read(ANNA, Symbology.EAN_13, gap));
        Arbitrary<Read> item = Combinators.combine(
                        Arbitraries.of(ITEMS), Arbitraries.longs().between(50, 3_000))
                .as((code, gap) -> new Read(code, Symbology.EAN_13, gap));
        Arbitrary<Read> receipt = Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.longs().between(50, 3_000))
                .as((n, gap) -> new Read(TillFiles.receipt(n, 1_000L * n), Symbology.CODE_128, gap));
        return Arbitraries.frequencyOf(Tuple.of(1, card), Tuple.of(4, item), Tuple.of(3, receipt))
                .list()
                .ofMinSize(1)
                .ofMaxSize(25)
                .map(rest -> Stream.concat(Stream.of(new Read(ANNA, Symbology.EAN_13, 5_000)), rest.stream())
                        .toList());
    }

    @Property(tries = 40)
    void theSameReceiptCreditsOnceAndARepeatWithinTheDebounceAddsNothing(@ForAll("reads") List<Read> reads)
            throws IOException {
        Path dir = Files.createTempDirectory("scan-once");
        try {
            Path config = TillFiles.write(dir, dir.resolve("scanner"));
            CampaignBundle rules = new CampaignFileLoader().load(dir.resolve("campaigns.json"));
            List<ScanOutcome> signalled = new ArrayList<>();
            AtomicInteger visitIds = new AtomicInteger();
            long[] now = {1_000_000 * MS};
            try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot")) {
                ScanClassifier classifier = new ScanClassifier(
                        List.of(new CardFormat(
                                Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
                        new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
                        Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
                        "CLOSE-VISIT",
                        "REPRINT-VOUCHER",
                        Optional.empty());
                TerminalClock clock = new TerminalClock(
                        InstantSource.fixed(Instant.parse("2026-11-23T09:00:00Z")), () -> now[0], config);
                ScanProcessor processor = new ScanProcessor(
                        classifier,
                        new VisitTracker(
                                Duration.ofMinutes(2),
                                Duration.ofMillis(1500),
                                () -> "visit-" + visitIds.incrementAndGet()),
                        new LoyaltyEngine(),
                        () -> rules,
                        store,
                        clock,
                        signalled::add,
                        new CommitLatencies(8),
                        new CardRules.Disabled(),
                        VoucherDesk.off(VoucherConfig.off(ZoneOffset.UTC), store),
                        new RuleSite("", "", ZoneOffset.UTC));

                Map<String, Long> creditedPoints = new HashMap<>();
                String previous = "";
                for (Read read : reads) {
                    now[0] += read.gapMs() * MS;
                    long rowsBefore = store.check().ledgerRows();
                    signalled.clear();
                    processor.onScan(new ScanEvent("scanner", read.symbology(), read.payload(), now[0]));
                    ScanOutcome outcome = signalled.getLast();
                    boolean repeat = read.payload().equals(previous) && read.gapMs() < 1_500;
                    previous = read.payload();
                    if (repeat) {
                        assertInstanceOf(ScanOutcome.Repeated.class, outcome, read + " within the debounce");
                        assertEquals(rowsBefore, store.check().ledgerRows(), read + " added ledger rows");
                        continue;
                    }
                    if (read.symbology() == Symbology.CODE_128) {
                        String id = read.payload().substring(2, 12);
                        if (creditedPoints.containsKey(id)) {
                            assertEquals(
                                    ScanOutcome.RefusalReason.RECEIPT_ALREADY_CREDITED,
                                    assertInstanceOf(ScanOutcome.Refused.class, outcome, read.toString())
                                            .reason());
                            assertEquals(rowsBefore, store.check().ledgerRows(), read + " credited twice");
                        } else if (outcome instanceof ScanOutcome.ReceiptCredited credited) {
                            creditedPoints.put(
                                    id,
                                    credited.entries().stream()
                                            .mapToLong(LedgerEntry::pointsDelta)
                                            .sum());
                        }
                    }
                }
                List<LedgerEntry> ledger = store.recentEntries(ANNA, 10_000);
                Set<String> seen = new HashSet<>();
                for (LedgerEntry e : ledger) {
                    if (e.kind() == LedgerKind.POINTS && e.reference().matches("[0-9]{10}")) {
                        assertTrue(
                                seen.add(e.reference() + "/" + e.campaignId()),
                                "receipt " + e.reference() + " earned twice: " + ledger);
                    }
                }
                assertEquals(
                        creditedPoints.values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        store.memberState(ANNA).points(),
                        "the balance is each credited receipt's points once");
                assertTrue(store.check().consistent(), store.check().toString());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
