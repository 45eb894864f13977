package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/**
 * The guarantee the cashier relies on: an award that was acknowledged ("accepted") survives a
 * kill at any moment, and is recorded exactly once. The real daemon runs as a child JVM on a
 * pseudo-terminal; the test pours scans into it, notes every acknowledgement, and kills it with
 * SIGKILL at random moments.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 20;
    private static final Pattern ACCEPTED_RECEIPT = Pattern.compile("accepted: receipt ([0-9]{10}) ");
    private static final Pattern ACCEPTED_STAMP = Pattern.compile("accepted: item ([0-9]{13}) .*\\[seq ([0-9]+)");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAwardSurvivesSigkillExactlyOnce() throws Exception {
        Path jar = PackagedJar.path();
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path config = DemoFiles.write(dir, dir.resolve("scanner"));
        Set<String> acknowledgedReceipts = new LinkedHashSet<>();
        Set<Long> acknowledgedStampSequences = new LinkedHashSet<>();
        long receiptNumber = 0;

        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
            for (int round = 0; round < ROUNDS; round++) {
                try (DaemonProcess daemon = DaemonProcess.start(jar, config)) {
                    assertTrue(
                            daemon.await(l -> l.contains("ready:"), Duration.ofSeconds(60))
                                    .isPresent(),
                            "round " + round + " (seed " + seed + "): daemon ready; output: " + daemon.output());
                    String card = DemoFiles.memberCard(1 + round % 3);
                    send(scanner, "]E0" + card);
                    assertTrue(
                            daemon.await(l -> l.contains("accepted: member card"), Duration.ofSeconds(10))
                                    .isPresent(),
                            "round " + round + ": visit opened; output: " + daemon.output());

                    long killAfterNanos =
                            Duration.ofMillis(50 + random.nextInt(700)).toNanos();
                    long start = System.nanoTime();
                    int sent = 0;
                    while (System.nanoTime() - start < killAfterNanos) {
                        // Receipts earn points, coffee earns stamps: both kinds of award are exercised.
                        if (sent % 4 == 3) {
                            send(scanner, "]E0" + coffee(sent));
                        } else {
                            receiptNumber++;
                            send(scanner, "]C0" + DemoFiles.receipt(receiptNumber, 100 + random.nextInt(5_000)));
                        }
                        sent++;
                        if (random.nextInt(4) == 0) {
                            Thread.sleep(random.nextInt(5));
                        }
                    }
                    daemon.kill();
                    for (String line : daemon.output()) {
                        Matcher receipt = ACCEPTED_RECEIPT.matcher(line);
                        if (receipt.find()) {
                            acknowledgedReceipts.add(receipt.group(1));
                        }
                        Matcher stamp = ACCEPTED_STAMP.matcher(line);
                        if (stamp.find()) {
                            acknowledgedStampSequences.add(Long.parseLong(stamp.group(2)));
                        }
                    }
                }
            }
        }

        assertTrue(
                acknowledgedReceipts.size() >= ROUNDS,
                "receipts were acknowledged across the rounds (seed " + seed + "): " + acknowledgedReceipts.size());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/loyalty.db"))) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT COUNT(*) FROM ledger WHERE kind = 'POINTS' AND reference = ?")) {
                for (String receipt : acknowledgedReceipts) {
                    s.setString(1, receipt);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertEquals(
                                1,
                                rs.getInt(1),
                                "points rows for acknowledged receipt " + receipt + " (seed " + seed + ")");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT kind FROM ledger WHERE seq = ?")) {
                for (long seq : acknowledgedStampSequences) {
                    s.setLong(1, seq);
                    try (ResultSet rs = s.executeQuery()) {
                        assertTrue(
                                rs.next(),
                                "acknowledged stamp row seq " + seq + " is in the ledger (seed " + seed + ")");
                        assertTrue(rs.getString(1).startsWith("STAMP"), "seq " + seq + " is a stamp row");
                    }
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(seq), MAX(seq) FROM ledger")) {
                rs.next();
                assertEquals(1, rs.getLong(2), "sequence starts at 1");
                assertEquals(
                        rs.getLong(1), rs.getLong(3), "sequence has no gap and no reuse over " + ROUNDS + " kills");
            }
        }
        try (SqliteLoyaltyStore store =
                SqliteLoyaltyStore.open(dir.resolve("data/loyalty.db"), "demo-till-01", "test")) {
            var report = store.check();
            assertTrue(
                    report.consistent(),
                    "balances equal the ledger after " + ROUNDS + " kills: " + report.discrepancies());
        }
    }

    private static String coffee(int n) {
        String[] coffees = {"4001234500010", "4001234500027", "4001234500034"};
        return coffees[n % coffees.length];
    }

    private static void send(PseudoTerminal scanner, String payload) {
        PackagedJar.send(scanner, payload);
    }
}
