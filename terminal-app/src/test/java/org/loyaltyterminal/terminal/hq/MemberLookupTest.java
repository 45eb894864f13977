package org.loyaltyterminal.terminal.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.ScanListener;
import org.loyaltyterminal.device.scan.ScanSource;
import org.loyaltyterminal.device.scan.ScannerStats;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TcpProxy;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.daemon.Daemon;
import org.loyaltyterminal.terminal.ledger.ReadOnlyLedger;
import org.loyaltyterminal.terminal.ledger.VisitBalance;
import org.loyaltyterminal.terminal.status.LookupFigures;
import org.loyaltyterminal.terminal.status.OutboxBacklog;
import org.loyaltyterminal.terminal.testing.TillFiles;
import org.loyaltyterminal.terminal.visit.ScanOutcome;

/**
 * A member's balance follows the member from store to store: the daemon, its scans handed in by
 * the test as the scanner's thread would, a real broker (embedded HiveMQ, and Mosquitto where
 * installed), and a small HQ in the test ({@link FakeHq}) that answers the till's questions, or
 * not, signed with the test's key.
 */
class MemberLookupTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Topics TILL = new Topics("demo-chain", "demo-store", "demo-till-01");
    private static final String ANNA = TillFiles.memberCard(1);
    private static final String BEN = TillFiles.memberCard(2);

    @TempDir
    Path dir;

    private final KeyPair hqKey = Ed25519Pem.generate();
    private final HandScanner scanner = new HandScanner();
    /** What the till was told, per thread: the scans' outcomes on the test's, a timeout's on housekeeping's. */
    private final Map<Thread, ScanOutcome> told = new ConcurrentHashMap<>();

    /** The scanner as the daemon sees it; the test presents the scans on its own thread. */
    private static final class HandScanner implements ScanSource {
        private volatile ScanListener listener;

        @Override
        public String name() {
            return "hand scanner";
        }

        @Override
        public void start(ScanListener listener) {
            this.listener = listener;
        }

        @Override
        public ConnectionState state() {
            return ConnectionState.CONNECTED;
        }

        @Override
        public ScannerStats stats() {
            return new ScannerStats(0, Map.of(), ScannerStats.HandOff.NONE);
        }

        @Override
        public void close() {}
    }

    private TerminalConfig config(String broker, long budgetMillis) throws Exception {
        Path file = TillFiles.write(dir, dir.resolve("scanner"));
        Path keys = Files.createDirectories(dir.resolve("hq-keys"));
        Files.writeString(keys.resolve(FakeHq.KEY_ID + ".pub"), Ed25519Pem.publicPem(hqKey.getPublic()));
        Files.writeString(
                file,
                Files.readString(file) + "hq.broker = " + broker + "\nhq.allow-plain = true\nhq.keys-dir = hq-keys\n"
                        + "hq.lookup-budget-ms = " + budgetMillis + "\n");
        return new ConfigLoader().load(file);
    }

    private Daemon start(TerminalConfig config) {
        return Daemon.start(
                config,
                new CampaignFileLoader().load(config.campaignsFile()),
                settings -> scanner,
                nfc -> {
                    throw new AssertionError("no card reader is configured");
                },
                link -> {
                    throw new AssertionError("no printer is configured");
                },
                outcome -> told.put(Thread.currentThread(), outcome),
                InstantSource.system(),
                Ticker.system(),
                "test");
    }

    /**
     * Presents a scan as the scanner's thread would and returns what the till was told: the call
     * returns only after the scan's commit and the cashier's signal.
     */
    private ScanOutcome scan(Symbology symbology, String payload) {
        told.remove(Thread.currentThread());
        scanner.listener.onScan(
                new ScanEvent("scanner", symbology, payload, Ticker.system().nanos()));
        ScanOutcome outcome = told.get(Thread.currentThread());
        assertNotNull(outcome, "the till was told nothing about " + payload);
        return outcome;
    }

    private static Optional<VisitBalance> visitBalance(TerminalConfig config, String visitId) {
        try (ReadOnlyLedger ledger = ReadOnlyLedger.open(config.databaseFile(), config.terminalId())) {
            return ledger.visitBalance(visitId);
        }
    }

    private static HqSync link(Daemon daemon) {
        return daemon.hqSync().orElseThrow();
    }

    private static LookupFigures figures(Daemon daemon) {
        return link(daemon).lookupFigures();
    }

    private static long refused(Daemon daemon) {
        return link(daemon)
                .statusView(() -> new OutboxBacklog(0, Optional.empty()))
                .hqLink()
                .refusedMessages();
    }

    private static void awaitOnline(Daemon daemon) {
        Await.until("the till's HQ link is up", WAIT, () -> link(daemon).online());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void anAnswerInTimeBringsHqsBalanceToTheVisitAndPushedBalancesAndErasuresArrive(TestBrokers.Kind kind)
            throws Exception {
        try (TestBroker broker = kind.start(dir);
                FakeHq hq = new FakeHq(broker.url(), hqKey)) {
            // A budget no loaded build machine misses: this test is about an answer in time.
            TerminalConfig config = config(broker.url(), 5_000);
            try (Daemon daemon = start(config)) {
                awaitOnline(daemon);
                ScanOutcome.VisitOpened opened =
                        assertInstanceOf(ScanOutcome.VisitOpened.class, scan(Symbology.EAN_13, ANNA));
                assertTrue(opened.enrolment().isPresent(), "new to this store");
                FakeHq.Question question = hq.awaitQuestion(1, WAIT);
                assertEquals(ANNA, question.request().card());
                assertEquals(TILL, question.asker(), "the question comes on this till's lookup topic");

                // Anna earned 500 points and 3 coffee stamps at other stores; HQ counted nothing of this till yet.
                hq.answer(question, true, 500, Map.of("coffee-card", 3), Map.of());
                Await.until(
                        "the visit records HQ's answer",
                        WAIT,
                        () -> visitBalance(config, opened.visitId())
                                .map(b -> b.source() == VisitBalance.Source.HQ)
                                .orElse(false),
                        () -> visitBalance(config, opened.visitId()).toString());
                String used =
                        visitBalance(config, opened.visitId()).orElseThrow().describe();
                assertTrue(used.matches("HQ \\(answered in \\d+ ms\\)"), used);
                long here = opened.balances().points();
                assertEquals(500 + here, daemon.store().memberState(ANNA).points(), "HQ's balance plus this visit's");
                assertEquals(
                        3 + opened.balances().stampsOn("coffee-card"),
                        daemon.store().memberState(ANNA).stampsOn("coffee-card"));

                // The visit's next scan works on HQ's balance.
                ScanOutcome.ReceiptCredited receipt = assertInstanceOf(
                        ScanOutcome.ReceiptCredited.class, scan(Symbology.CODE_128, TillFiles.receipt(1, 1_299)));
                assertEquals(500 + here + 12, receipt.balances().points(), "12.99 earns 12 on top of HQ's 500");
                assertTrue(daemon.store().check().consistent(), "the ledger still sums to the balances");
                assertEquals(new LookupFigures(1, 1, 0, 0, 0), figures(daemon));

                // HQ pushes Ben's balance to the store where he shops: he is known here before his first visit.
                ObjectNode snapshot =
                        JsonNodeFactory.instance.objectNode().put("card", BEN).put("points", 80);
                snapshot.putObject("stamps");
                snapshot.putObject("includes");
                hq.publish(
                        TILL.storeMembers(),
                        HqMessageCodec.Kind.MEMBER_SNAPSHOT,
                        Target.store("demo-chain", "demo-store"),
                        snapshot);
                Await.until(
                        "the pushed snapshot is applied",
                        WAIT,
                        () -> daemon.store().isMember(BEN)
                                && daemon.store().memberState(BEN).points() == 80);

                // Erased at HQ's request under HQ's pseudonym, which the till's rows then carry.
                hq.publish(
                        TILL.terminalCommands(),
                        HqMessageCodec.Kind.COMMAND,
                        Target.terminal("demo-chain", "demo-store", "demo-till-01"),
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("type", "erase-member")
                                .put("card", ANNA)
                                .put("pseudonym", "erased-hq-0001"));
                Await.until(
                        "Anna erased under HQ's pseudonym",
                        WAIT,
                        () -> !daemon.store().isMember(ANNA) && daemon.store().isMember("erased-hq-0001"));
                assertEquals(
                        500 + here + 12,
                        daemon.store().memberState("erased-hq-0001").points());
                assertEquals(0, refused(daemon));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void withoutAnAnswerTheScanDoesNotWaitAndALateAnswerIsIgnored(TestBrokers.Kind kind) throws Exception {
        try (TestBroker broker = kind.start(dir);
                FakeHq hq = new FakeHq(broker.url(), hqKey)) {
            TerminalConfig config = config(broker.url(), 300);
            try (Daemon daemon = start(config)) {
                awaitOnline(daemon);
                // HQ holds every answer: the scan is committed and the cashier told all the same.
                ScanOutcome.VisitOpened opened =
                        assertInstanceOf(ScanOutcome.VisitOpened.class, scan(Symbology.EAN_13, ANNA));
                assertEquals(
                        Optional.of(VisitBalance.asked(300)),
                        visitBalance(config, opened.visitId()),
                        "committed while HQ has not answered");
                FakeHq.Question question = hq.awaitQuestion(1, WAIT);
                Await.until(
                        "the budget passes without an answer",
                        WAIT,
                        () -> figures(daemon).unanswered() == 1,
                        () -> figures(daemon).toString());
                assertEquals(
                        "this till's (no answer within 300 ms)",
                        visitBalance(config, opened.visitId()).orElseThrow().describe());

                hq.answer(question, true, 500, Map.of(), Map.of());
                Await.until(
                        "the late answer is seen and ignored",
                        WAIT,
                        () -> figures(daemon).late() == 1,
                        () -> figures(daemon).toString());
                assertEquals(
                        opened.balances().points(),
                        daemon.store().memberState(ANNA).points());
                assertEquals(Optional.of(VisitBalance.asked(300)), visitBalance(config, opened.visitId()));
                assertEquals(0, refused(daemon), "late is not wrong: no refusal");

                // An answer to a question never asked, or naming another card, is refused like any bad message.
                hq.answer(TILL, UUID.randomUUID(), ANNA, true, 900, Map.of(), Map.of());
                Await.until("the unasked answer is refused", WAIT, () -> refused(daemon) == 1);
                ScanOutcome.VisitOpened ben =
                        assertInstanceOf(ScanOutcome.VisitOpened.class, scan(Symbology.EAN_13, BEN));
                FakeHq.Question forBen = hq.awaitQuestion(2, WAIT);
                hq.answer(TILL, forBen.request().request(), ANNA, true, 900, Map.of(), Map.of());
                Await.until("the answer naming another card is refused", WAIT, () -> refused(daemon) == 2);
                assertEquals(
                        opened.balances().points(),
                        daemon.store().memberState(ANNA).points());
                assertEquals(
                        ben.balances().points(), daemon.store().memberState(BEN).points());
                assertEquals(List.of(), hq.unreadable(), "every question the till sent reads at HQ");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void withTheLinkDownNoQuestionIsAskedAndNoneIsSentLater(TestBrokers.Kind kind) throws Exception {
        try (TestBroker broker = kind.start(dir);
                TcpProxy proxy = TcpProxy.to(broker.port());
                FakeHq hq = new FakeHq(broker.url(), hqKey)) {
            TerminalConfig config = config(proxy.url(), 5_000);
            try (Daemon daemon = start(config)) {
                awaitOnline(daemon);
                // Nothing flows and the connection drops: the till notices and stays offline.
                proxy.stall();
                proxy.cutAll();
                Await.until(
                        "the till sees the link down", WAIT, () -> !link(daemon).online());

                ScanOutcome.VisitOpened offline =
                        assertInstanceOf(ScanOutcome.VisitOpened.class, scan(Symbology.EAN_13, ANNA));
                assertEquals(Optional.of(VisitBalance.hqOffline()), visitBalance(config, offline.visitId()));
                assertEquals(
                        "this till's (HQ offline)",
                        visitBalance(config, offline.visitId()).orElseThrow().describe());
                assertEquals(new LookupFigures(0, 0, 0, 0, 1), figures(daemon));

                proxy.resume();
                awaitOnline(daemon);
                scan(Symbology.EAN_13, BEN);
                FakeHq.Question first = hq.awaitQuestion(1, WAIT);
                assertEquals(
                        BEN, first.request().card(), "the question asked offline was never sent: " + hq.questions());
                assertFalse(
                        hq.questions().stream().anyMatch(q -> q.request().card().equals(ANNA)));
            }
        }
    }
}
