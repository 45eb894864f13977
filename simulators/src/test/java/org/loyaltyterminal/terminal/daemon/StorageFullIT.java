package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.sync.testing.Ports;
import org.loyaltyterminal.terminal.ledger.Mounts;

/**
 * The repro against the packaged daemon: data.dir on a small real file system that fills
 * while scanning. Scans are refused and nothing half-written, the status page says the disk is
 * full, and once space is freed the problem clears and scans commit again, with no restart.
 * Needs root to mount the tmpfs (CI runs as root; elsewhere it skips, under CI it fails).
 */
class StorageFullIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration ANSWER = Duration.ofSeconds(15);
    private static final String ANNA = DemoFiles.memberCard(3);

    @TempDir
    Path dir;

    private Path data;

    @AfterEach
    void unmount() throws Exception {
        if (data != null) {
            Mounts.run("umount", "-l", data.toString());
        }
    }

    @Test
    void aFullDiskRefusesScansShowsOnTheStatusPageAndScanningResumesWhenSpaceIsFreed() throws Exception {
        Mounts.requireRoot("a 3 MB tmpfs as the daemon's data folder");
        Path mount = dir.resolve("data");
        Files.createDirectories(mount);
        Mounts.run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString());
        data = mount;
        Path jar = PackagedJar.path();
        Path config = DemoFiles.write(dir, dir.resolve("scanner"));
        int port = Ports.free();
        Files.writeString(config, Files.readString(config).replace("data.dir = data", "data.dir = " + mount));
        DemoFiles.withStatusPage(config, port);
        HttpClient http = HttpClient.newHttpClient();
        Path filler = mount.resolve("filler");
        List<Integer> accepted = new ArrayList<>();
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            PackagedJar.send(scanner, "]E0" + ANNA);
            assertTrue(
                    daemon.await(l -> l.contains("accepted:"), ANSWER).isPresent(),
                    "the member's visit: " + daemon.output());

            Mounts.fillLeaving(filler, 32 * 1024);
            int refusedAt = -1;
            for (int i = 1; i <= 200 && refusedAt < 0; i++) {
                int receipt = i;
                PackagedJar.send(scanner, "]C0" + DemoFiles.receipt(receipt, 1_000));
                String answer = daemon.await(
                                l -> l.contains("receipt " + String.format("%010d", receipt))
                                        || (l.contains("refused:") && l.contains("storage")),
                                ANSWER)
                        .orElseThrow(
                                () -> new AssertionError("no answer to receipt " + receipt + ": " + daemon.output()));
                if (answer.contains("refused:")) {
                    refusedAt = receipt;
                } else {
                    accepted.add(receipt);
                }
            }
            assertTrue(refusedAt > 0, "the disk filled and a scan was refused: " + daemon.output());
            JsonNode full = awaitStatus(http, port, s -> problem(s, "storage") != null);
            assertFalse(full.path("health").path("healthy").asBoolean(), full.toString());
            assertTrue(problem(full, "storage").toString().contains("full"), "the page says the disk is full: " + full);

            Files.delete(filler);
            awaitStatus(http, port, s -> problem(s, "storage") == null);
            int after = refusedAt;
            PackagedJar.send(scanner, "]C0" + DemoFiles.receipt(after, 1_000));
            assertTrue(
                    daemon.await(l -> l.contains("accepted: receipt " + String.format("%010d", after)), ANSWER)
                            .isPresent(),
                    "the refused receipt is accepted once space is freed, without a restart: " + daemon.output());
            accepted.add(after);
            assertEquals(0, daemon.terminate(Duration.ofSeconds(15)), String.join("\n", daemon.output()));
        }
        PackagedJar.Result check = PackagedJar.run(jar, "check", "--config", config.toString());
        assertEquals(0, check.exit(), "the ledger is consistent after the full disk: " + check.output());
        assertEquals(
                accepted.stream().map(r -> String.format("%010d", r)).toList(),
                creditedReceipts(mount.resolve("loyalty.db")),
                "exactly the receipts the daemon accepted are credited, each once: the refused attempt left nothing");
    }

    private static List<String> creditedReceipts(Path database) throws SQLException {
        List<String> credited = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1");
                PreparedStatement s =
                        c.prepareStatement("SELECT receipt_id FROM credited_receipts ORDER BY receipt_id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                credited.add(rs.getString(1));
            }
        }
        return credited;
    }

    /** A database file the service user cannot write: the daemon does not report ready, it exits 1 with the fix. */
    @Test
    void aReadOnlyDatabaseFileStopsStartUpWithExitOneAndTheFix() throws Exception {
        Mounts.requireRoot("a read-only bind mount of the database file");
        Path jar = PackagedJar.path();
        Path config = DemoFiles.write(dir, dir.resolve("scanner"));
        PackagedJar.Result created = PackagedJar.run(jar, "check", "--config", config.toString());
        Path db = dir.resolve("data").resolve("loyalty.db");
        if (!Files.exists(db)) {
            // check reads only and creates nothing: let a daemon create the file, then stop it
            try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                    DaemonProcess daemon = DaemonProcess.start(jar, config)) {
                assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
                assertEquals(0, daemon.terminate(Duration.ofSeconds(15)), String.join("\n", daemon.output()));
            }
        }
        assertTrue(Files.exists(db), "the database exists: " + created.output());
        Mounts.run("mount", "--bind", db.toString(), db.toString());
        try {
            Mounts.run("mount", "-o", "remount,bind,ro", db.toString());
            try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
                PackagedJar.Result run = PackagedJar.run(jar, "run", "--config", config.toString());
                assertEquals(1, run.exit(), "start-up refused: " + run.output());
                assertFalse(run.output().contains("ready:"), "never reported ready: " + run.output());
                assertTrue(
                        run.output().contains("read-only") && run.output().contains("chown loyalty:"),
                        "the message says what is wrong and the fix: " + run.output());
            }
        } finally {
            Mounts.run("umount", "-l", db.toString());
        }
    }

    private static JsonNode problem(JsonNode status, String component) {
        for (JsonNode problem : status.path("health").path("problems")) {
            if (component.equals(problem.path("component").asText())) {
                return problem;
            }
        }
        return null;
    }

    private static JsonNode awaitStatus(HttpClient http, int port, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        JsonNode status;
        do {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status.json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = new ObjectMapper().readTree(response.body());
            if (wanted.test(status)) {
                return status;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the status never showed what was expected within " + ANSWER + ": " + status);
    }
}
