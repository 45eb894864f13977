package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.hq.HqTopics;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.printer.PrintedReceipt;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.TcpPrinterEmulator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;

/**
 * HQ's end to end: two tills in two stores of one chain (the packaged daemon twice, each with its
 * scanner on a pseudo-terminal and its printer on loopback TCP), a real Mosquitto, and HQ's
 * service ({@code hq-tool serve}, the packaged jar as a process) on PostgreSQL. Nobody types a
 * command after the start but the erasure request: a member's points and stamps earned in store 1
 * are spent in store 2, which never saw her (its till asks HQ); a voucher issued in store 1 and
 * redeemed in store 2 is then refused in store 1 (HQ tells the whole chain); an erasure leaves no
 * trace of her card at HQ and cannot be undone by a lookup. The propagation times are printed,
 * labelled {@code TwoStoresIT propagation}, and bounded generously only.
 */
class TwoStoresIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHAIN = "demo-chain";
    private static final String CARD = DemoFiles.memberCard(7);
    private static final String ESPRESSO = "4001234500010";
    private static final String CROISSANT = "4001234500041";
    private static final String KEY_ID = "hq-1";
    /**
     * The till uses HQ's answer only within this budget. The goal is under 200 ms on loopback (the
     * default budget is 300); the test must not fail on a loaded two-core machine for a slow
     * answer, so the budget is generous and the time taken is reported.
     */
    private static final long LOOKUP_BUDGET_MS = 2_000;

    private static final Pattern ANSWERED = Pattern.compile("HQ answered in (\\d+) ms");

    @TempDir
    Path dir;

    @Test
    void aMembersBalanceVoucherAndErasureFollowHerAcrossTwoStoresWithNoCommandButTheErasure() throws Exception {
        KeyPair hqKey = Ed25519Pem.generate();
        Path hqDir = Files.createDirectories(dir.resolve("hq"));
        try (TestBroker broker = mosquitto();
                FreshPostgres database = FreshPostgres.create();
                DaemonProcess hq = DaemonProcess.command(
                        PackagedJar.hqTool(),
                        List.of(
                                "serve",
                                "--config",
                                hqConfig(hqDir, hqKey, broker, database).toString()));
                HqWatch watch = new HqWatch(broker.url());
                Till a = Till.start(
                        dir.resolve("till-a"), "s1", "till-a", 21, Optional.empty(), broker, hqKey.getPublic());
                Till b = Till.start(
                        dir.resolve("till-b"),
                        "s2",
                        "till-b",
                        22,
                        Optional.of(a.dir().resolve("voucher-key")),
                        broker,
                        hqKey.getPublic())) {
            watch.awaitHqReady(hq);
            a.awaitConnected();
            b.awaitConnected();

            // 0. A first member after the start meets cold JVMs (first statements, first signature
            // checks): her figures are reported apart, so that the ones quoted are a running chain's.
            String first = DemoFiles.memberCard(8);
            int markA = a.mark();
            a.scan("]E0" + first);
            a.scan("]C0" + DemoFiles.receipt(101, 500));
            a.awaitLine(markA, l -> l.contains("accepted: receipt 0000000101"), "the first member's receipt at A");
            awaitCounted(database, first, 5, Map.of());
            a.closeVisit();
            long coldLookupMs = answeredMs(b.openVisitAskingHq(first).text());
            b.closeVisit();

            // 1. Till A: the member earns stamps, a voucher and points; HQ counts them.
            markA = a.mark();
            a.scan("]E0" + CARD);
            a.awaitLine(markA, l -> l.contains("accepted: member card"), "the visit opened at A");
            for (String item : List.of(ESPRESSO, CROISSANT, ESPRESSO, CROISSANT, ESPRESSO)) {
                a.scan("]E0" + item);
            }
            a.awaitLine(markA, l -> l.contains("accepted: item") && l.contains("voucher 21/"), "a voucher issued at A");
            List<PrintedReceipt> printedAtA = a.printer().awaitReceipts(1, WAIT);
            assertEquals(1, printedAtA.size(), "the voucher printed at A: " + a.tail());
            String voucherCode = qrPayload(printedAtA.getFirst());
            a.scan("]C0" + DemoFiles.receipt(1, 1_000));
            a.scan("]C0" + DemoFiles.receipt(2, 1_250));
            a.awaitLine(markA, l -> l.contains("accepted: receipt 0000000002"), "the second receipt credited at A");
            long pointsAtA = a.scalar("SELECT points FROM members WHERE card_number = ?", CARD);
            assertEquals(22, pointsAtA, "10 + 12 points for 10.00 and 12.50 at A: " + a.tail());
            Map<String, Long> stampsAtA = a.stamps(CARD);
            assertFalse(stampsAtA.isEmpty(), "stamps left on A's cards: " + a.tail());
            awaitCounted(database, CARD, pointsAtA, stampsAtA);
            long awardToHq = storedAfterMs(database, "till-a", CARD);
            a.closeVisit();

            // 2. Till B never saw her: it asks HQ, and her balance from A is spent at B.
            long scannedAtB = System.nanoTime();
            DaemonProcess.Line applied = b.openVisitAskingHq(CARD);
            long lookupMs = answeredMs(applied.text());
            long scanToApplied = millis(applied.readAtNanos() - scannedAtB);
            assertEquals("hq", b.latestVisitSource(), "the visit records HQ's balance: " + b.tail());
            assertEquals(pointsAtA, b.scalar("SELECT points FROM members WHERE card_number = ?", CARD));
            assertEquals(stampsAtA, b.stamps(CARD), "A's stamps are B's");
            int markB = b.mark();
            b.scan("]C0REWARD-CROISSANT");
            b.awaitLine(
                    markB,
                    l -> l.contains("accepted:") && l.contains("bought Butter croissant for 10 points"),
                    "the reward bought at B with points earned at A");
            assertEquals(pointsAtA - 10, b.scalar("SELECT points FROM members WHERE card_number = ?", CARD));
            assertEquals(1, b.printer().awaitReceipts(1, WAIT).size(), "the reward's voucher printed at B");

            // 3. A's voucher redeemed at B; A refuses it from then on, told by HQ.
            markA = a.mark();
            b.scan("]Q1" + voucherCode);
            DaemonProcess.Line redeemed = b.awaitLine(
                    markB,
                    l -> l.contains("accepted: voucher 21/")
                            && l.contains("redeemed")
                            && l.contains("issued at another till"),
                    "A's voucher redeemed at B");
            DaemonProcess.Line told = a.awaitLine(
                    markA,
                    l -> l.contains("HQ sync: applied vouchers/") && l.contains(" 1 of "),
                    "HQ told A of the redemption at B");
            long push = millis(told.readAtNanos() - redeemed.readAtNanos());
            assertEquals(
                    1,
                    a.scalar(
                            "SELECT COUNT(*) FROM voucher_redemptions WHERE source = ?",
                            "terminal till-b (reported by HQ)"),
                    "A holds the voucher as redeemed at B");
            markA = a.mark();
            a.scan("]Q1" + voucherCode);
            a.awaitLine(
                    markA,
                    l -> l.contains("refused:") && l.contains("already redeemed"),
                    "A refuses the voucher redeemed at B");
            b.closeVisit();
            Await.until(
                    "HQ holds every event of both tills",
                    WAIT,
                    () -> holds(() -> a.drainedTo(database) && b.drainedTo(database)));
            assertEquals(0, pg(database, "SELECT COUNT(*) FROM conflicts"), "the refusal at A made no conflict");
            assertFalse(
                    columnsHolding(database, CARD).isEmpty(),
                    "before the erasure HQ holds the card (the search finds it)");

            // 4. Erasure, the one command: both tills confirm, HQ keeps no trace, a lookup brings nothing back.
            PackagedJar.Result erase = PackagedJar.run(
                    PackagedJar.hqTool(),
                    "command",
                    "erase-member",
                    "--chain",
                    CHAIN,
                    "--card",
                    CARD,
                    "--database",
                    database.url(),
                    "--privacy-secret-file",
                    hqDir.resolve("hq-secret").toString(),
                    "--broker",
                    broker.url(),
                    "--key",
                    hqDir.resolve(KEY_ID + ".key").toString(),
                    "--key-id",
                    KEY_ID,
                    "--actor",
                    "support-it");
            assertEquals(0, erase.exit(), erase.output());
            assertTrue(erase.output().contains("erased in HQ's database"), erase.output());
            Await.until(
                    "both tills' MEMBER_ERASED confirmations matched at HQ",
                    WAIT,
                    () -> holds(() -> confirmations(database).equals(List.of("till-a", "till-b"))),
                    () -> describe(() -> confirmations(database) + "; A: " + a.tail() + "; B: " + b.tail()));
            String pseudonym = pgText(database, "SELECT pseudonym FROM erasures");
            for (Till till : List.of(a, b)) {
                assertEquals(0, till.scalar("SELECT COUNT(*) FROM members WHERE card_number = ?", CARD));
                assertEquals(0, till.scalar("SELECT COUNT(*) FROM ledger WHERE card_number = ?", CARD));
                assertEquals(
                        1,
                        till.scalar(
                                "SELECT COUNT(*) FROM ledger WHERE kind = 'MEMBER_ERASED' AND card_number = ?",
                                pseudonym),
                        "the till's rows carry HQ's pseudonym");
            }
            assertEquals(List.of(), columnsHolding(database, CARD), "HQ's database holds no trace of the card");

            markB = b.mark();
            b.scan("]E0" + CARD);
            DaemonProcess.Line unknown = b.awaitLine(
                    markB,
                    l -> l.contains("HQ sync: applied member/") && l.contains("holds no account"),
                    "HQ answers B that it knows no such member");
            assertEquals("hq-unknown", b.latestVisitSource());
            assertEquals(
                    0,
                    b.scalar("SELECT points FROM members WHERE card_number = ?", CARD),
                    "the old balance does not come back");
            for (DaemonProcess process : List.of(a.daemon(), b.daemon(), hq)) {
                assertEquals(
                        Optional.empty(),
                        process.output().stream().filter(l -> l.contains(CARD)).findFirst(),
                        "no card number in any log");
            }

            System.out.printf(
                    "TwoStoresIT propagation (two tills, Mosquitto, hq-tool serve on PostgreSQL, loopback):%n"
                            + "TwoStoresIT propagation: award at till A -> stored and counted at HQ: %d ms%n"
                            + "TwoStoresIT propagation: lookup at till B, question -> HQ's answer (till B's measure): %d ms%n"
                            + "TwoStoresIT propagation: award at till A -> balance usable at till B by lookup: %d ms%n"
                            + "TwoStoresIT propagation: card scanned at till B -> HQ's balance applied there (seen from outside): %d ms%n"
                            + "TwoStoresIT propagation: voucher redeemed at till B -> marked redeemed at till A by HQ's push: %d ms%n"
                            + "TwoStoresIT propagation: lookup after the erasure, answered 'not known' in: %d ms%n"
                            + "TwoStoresIT propagation: first lookup after the tills started (cold JVMs): %d ms%n",
                    awardToHq,
                    lookupMs,
                    awardToHq + lookupMs,
                    scanToApplied,
                    push,
                    answeredMs(unknown.text()),
                    coldLookupMs);
            // Bounds for a loaded machine only: the figures are reported, not unit-tested.
            assertTrue(lookupMs <= LOOKUP_BUDGET_MS, "the lookup answered within its budget: " + lookupMs);
            assertTrue(awardToHq < 10_000, "the award counted at HQ within 10 s: " + awardToHq);
            assertTrue(scanToApplied < 10_000, "HQ's balance applied at B within 10 s: " + scanToApplied);
            assertTrue(push < 30_000, "the redemption reached A within 30 s: " + push);
        }
    }

    /** Waits until HQ counted {@code points} and {@code stamps} (per campaign) for {@code card}. */
    private static void awaitCounted(FreshPostgres database, String card, long points, Map<String, Long> stamps) {
        Await.until(
                "HQ counted the points and stamps earned at A",
                WAIT,
                () -> holds(() -> hqPoints(database, card) == points
                        && hqStamps(database, card).equals(stamps)),
                () -> describe(() -> "HQ: " + hqPoints(database, card) + " points, " + hqStamps(database, card)
                        + "; A: " + points + " points, " + stamps));
    }

    /**
     * How long after the till's commit HQ stored the member's last points event from {@code
     * terminal}: the event's own time against HQ's {@code received_at}, one machine's clock, in
     * the transaction that counted it.
     */
    private static long storedAfterMs(FreshPostgres database, String terminal, String card) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT wall_time, received_at FROM events"
                        + " WHERE terminal = ? AND member = ? AND type = 'POINTS' ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, terminal);
            s.setString(2, card);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "HQ holds the points event");
                return Duration.between(Instant.parse(rs.getString(1)), Instant.parse(rs.getString(2)))
                        .toMillis();
            }
        }
    }

    /** Mosquitto, which HQ's shared subscriptions are run against in production; required on CI. */
    private TestBroker mosquitto() {
        boolean installed = TestBrokers.mosquittoBinary(System.getenv()).isPresent();
        if (!installed && "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""))) {
            throw new IllegalStateException(
                    "CI=true but mosquitto is not installed: the two-store test must run on CI (apt-get install -y mosquitto)");
        }
        assumeTrue(installed, "mosquitto not installed: the two-store test is skipped");
        return TestBrokers.Kind.MOSQUITTO.start(dir);
    }

    /** HQ's service config: PostgreSQL, the broker, HQ's signing key; one ingest worker (its state says it is up), no HTTP. */
    private static Path hqConfig(Path hqDir, KeyPair key, TestBroker broker, FreshPostgres database) throws Exception {
        Files.writeString(hqDir.resolve(KEY_ID + ".key"), Ed25519Pem.privatePem(key.getPrivate()));
        Path config = hqDir.resolve("hq.conf");
        Files.writeString(config, """
                database.url = %s
                broker.url = %s
                signing.key-file = %s.key
                signing.key-id = %s
                privacy.secret-file = hq-secret
                service.id = hq-it
                ingest.workers = 1
                http.port = 0
                """.formatted(database.url(), broker.url(), KEY_ID, KEY_ID));
        return config;
    }

    private static String qrPayload(PrintedReceipt receipt) {
        return receipt.events().stream()
                .filter(e -> e instanceof EscPosEvent.QrStore)
                .map(e -> ((EscPosEvent.QrStore) e).data())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no QR in the printed voucher: " + receipt.text()));
    }

    private static long answeredMs(String line) {
        Matcher m = ANSWERED.matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** HQ's points for the card, over every campaign. */
    private static long hqPoints(FreshPostgres database, String card) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM accounts WHERE member = ?")) {
            s.setString(1, card);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** HQ's stamps for the card, per campaign that has any. */
    private static Map<String, Long> hqStamps(FreshPostgres database, String card) throws SQLException {
        Map<String, Long> stamps = new TreeMap<>();
        try (Connection c = database.connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT campaign, stamps FROM accounts WHERE member = ? AND stamps > 0")) {
            s.setString(1, card);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stamps.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return stamps;
    }

    private static List<String> confirmations(FreshPostgres database) throws SQLException {
        List<String> terminals = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT terminal FROM erasure_confirmations ORDER BY terminal")) {
            while (rs.next()) {
                terminals.add(rs.getString(1));
            }
        }
        return terminals;
    }

    private static long pg(FreshPostgres database, String sql) throws SQLException {
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String pgText(FreshPostgres database, String sql) throws SQLException {
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /**
     * Every table.column of HQ's schema whose text holds {@code needle}: all text columns of all
     * tables, found through information_schema, so a table or column added later is searched too.
     */
    private static List<String> columnsHolding(FreshPostgres database, String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = database.connect()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT c.table_name, c.column_name FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
                    ORDER BY c.table_name, c.column_name""")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertTrue(columns.size() > 10, "HQ's text columns found: " + columns.size());
            for (String[] column : columns) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM \"" + column[0] + "\" WHERE \"" + column[1] + "\"::text LIKE ?")) {
                    s.setString(1, "%" + needle + "%");
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    /** A condition polled by Await: a database not ready yet counts as not yet. */
    private static boolean holds(Check<Boolean> check) {
        try {
            return check.get();
        } catch (Exception e) {
            return false;
        }
    }

    /** What Await reports when a condition never held. */
    private static String describe(Check<String> describe) {
        try {
            return describe.get();
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** One till: its files, scanner, printer and daemon process. */
    private record Till(
            Path dir,
            String terminal,
            PseudoTerminal scanner,
            PrinterEmulator printer,
            TcpPrinterEmulator tcp,
            DaemonProcess daemon)
            implements AutoCloseable {
        /**
         * Writes the demo till as {@code terminal} of {@code store}, with the chain's voucher key
         * ({@code voucherKey}, or a new one), HQ's public key and the broker, and starts it.
         */
        static Till start(
                Path dir,
                String store,
                String terminal,
                int number,
                Optional<Path> voucherKey,
                TestBroker broker,
                PublicKey hqKey)
                throws Exception {
            Files.createDirectories(dir);
            if (voucherKey.isPresent()) {
                Files.copy(voucherKey.get(), dir.resolve("voucher-key"), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path config = DemoFiles.asTill(DemoFiles.write(dir, dir.resolve("scanner")), store, terminal, number);
            Path keys = Files.createDirectories(dir.resolve("hq-keys"));
            Files.writeString(keys.resolve(KEY_ID + ".pub"), Ed25519Pem.publicPem(hqKey));
            Files.writeString(config, Files.readString(config) + """
                    hq.broker = %s
                    hq.allow-plain = true
                    hq.keys-dir = hq-keys
                    hq.ack-timeout-seconds = 3
                    hq.lookup-budget-ms = %d
                    """.formatted(broker.url(), LOOKUP_BUDGET_MS));
            PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
            TcpPrinterEmulator tcp = TcpPrinterEmulator.start(printer, 0);
            DemoFiles.withPrinter(config, tcp.address());
            PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
            return new Till(dir, terminal, scanner, printer, tcp, DaemonProcess.start(PackagedJar.path(), config));
        }

        void awaitConnected() throws InterruptedException {
            assertTrue(daemon.awaitSeen(l -> l.contains("ready:"), READY), terminal + " ready: " + tail());
            assertTrue(
                    daemon.awaitSeen(l -> l.contains("HQ sync: connected to"), READY),
                    terminal + " connected to the broker: " + tail());
        }

        void scan(String payload) {
            PackagedJar.send(scanner, payload);
        }

        /** How many lines the daemon printed so far: lines after this mark are what came next. */
        int mark() {
            return daemon.output().size();
        }

        DaemonProcess.Line awaitLine(int from, Predicate<String> wanted, String what) {
            AtomicInteger seen = new AtomicInteger(-1);
            Await.until(
                    terminal + ": " + what,
                    WAIT,
                    () -> {
                        List<DaemonProcess.Line> lines = daemon.timedOutput();
                        for (int i = from; i < lines.size(); i++) {
                            if (wanted.test(lines.get(i).text())) {
                                seen.set(i);
                                return true;
                            }
                        }
                        return false;
                    },
                    this::tail);
            return daemon.timedOutput().get(seen.get());
        }

        /** Scans the close-visit code and waits for the visit to close. */
        void closeVisit() {
            int mark = mark();
            scan("]C0CLOSE-VISIT");
            awaitLine(mark, l -> l.contains("visit:") && l.contains("closed"), "the visit closed");
        }

        /**
         * Scans {@code card}, which this till never saw, and waits for HQ's answer to its balance
         * question to be applied: the line that says so, and how long HQ took.
         */
        DaemonProcess.Line openVisitAskingHq(String card) {
            int mark = mark();
            scan("]E0" + card);
            awaitLine(mark, l -> l.contains("accepted: member card"), "the visit opened");
            DaemonProcess.Line applied = awaitLine(
                    mark,
                    l -> l.contains("HQ sync: applied member/")
                            && ANSWERED.matcher(l).find(),
                    "HQ's answer to the balance question applied");
            assertFalse(applied.text().contains("holds no account"), "HQ knows the member: " + applied.text());
            return applied;
        }

        String tail() {
            List<String> lines = daemon.output();
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        private Connection read() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/loyalty.db") + "?open_mode=1");
        }

        long scalar(String sql, String parameter) throws SQLException {
            try (Connection c = read();
                    PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, parameter);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), sql);
                    return rs.getLong(1);
                }
            }
        }

        Map<String, Long> stamps(String card) throws SQLException {
            Map<String, Long> stamps = new TreeMap<>();
            try (Connection c = read();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT campaign_id, stamps FROM stamp_cards WHERE card_number = ? AND stamps > 0")) {
                s.setString(1, card);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stamps.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return stamps;
        }

        /** The balance source of the visit opened last. */
        String latestVisitSource() throws SQLException {
            try (Connection c = read();
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT balance_source FROM visits ORDER BY opened_at DESC LIMIT 1")) {
                assertTrue(rs.next(), "a visit at " + terminal);
                return rs.getString(1);
            }
        }

        /** Whether HQ stored every event of this till's ledger and acknowledged them all. */
        boolean drainedTo(FreshPostgres database) throws SQLException {
            long rows;
            long waiting;
            try (Connection c = read();
                    ResultSet count = c.createStatement().executeQuery("SELECT MAX(seq) FROM ledger")) {
                count.next();
                rows = count.getLong(1);
                try (ResultSet unacked =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE acked = 0")) {
                    unacked.next();
                    waiting = unacked.getLong(1);
                }
            }
            try (Connection c = database.connect();
                    PreparedStatement s = c.prepareStatement("SELECT contiguous FROM terminals WHERE terminal = ?")) {
                s.setString(1, terminal);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getLong(1) == rows && waiting == 0;
                }
            }
        }

        @Override
        public void close() throws Exception {
            try (scanner;
                    tcp) {
                daemon.close();
            }
        }
    }

    /**
     * HQ seen from the broker: its ingest's retained state, and a balance question of a probe
     * terminal answered, so both of the service's links are up before a till relies on them.
     */
    private static final class HqWatch implements AutoCloseable {
        private final MqttClient client;
        private final Map<String, String> latest = new ConcurrentHashMap<>();
        private final ObjectMapper json = new ObjectMapper();
        private final Topics probe = new Topics(CHAIN, "probe", "probe");

        HqWatch(String url) throws MqttException {
            client = new MqttClient(url, "two-stores-it-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            for (String topic : List.of(HqTopics.state(), probe.lookupReply())) {
                client.subscribe(
                        topic,
                        1,
                        (received, message) ->
                                latest.put(received, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }
        }

        void awaitHqReady(DaemonProcess hq) {
            Await.until(
                    "HQ's ingest online",
                    READY,
                    () -> latest.containsKey(HqTopics.state()) && state().equals("online"),
                    () -> "state " + latest.get(HqTopics.state()) + "; HQ's output: " + hq.output());
            AtomicLong asked = new AtomicLong();
            Await.until(
                    "HQ answers a balance question",
                    READY,
                    () -> {
                        if (latest.containsKey(probe.lookupReply())) {
                            return true;
                        }
                        long now = System.nanoTime();
                        // Asked again each second: a question sent before HQ subscribed is not kept.
                        if (now - asked.get() > TimeUnit.SECONDS.toNanos(1)) {
                            asked.set(now);
                            try {
                                client.publish(
                                        probe.lookup(),
                                        LookupRequest.of("probe-card").encode(new Json()),
                                        1,
                                        false);
                            } catch (MqttException e) {
                                return false;
                            }
                        }
                        return false;
                    },
                    () -> "HQ's output: " + hq.output());
        }

        private String state() {
            try {
                JsonNode node = json.readTree(latest.get(HqTopics.state()));
                return node.path("state").asText();
            } catch (Exception e) {
                return "unreadable";
            }
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
