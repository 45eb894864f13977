package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/** The packaged daemon as a process, observed from outside as an operator or systemd would. */
class DaemonProcessIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path jar;
    private Path config;

    @BeforeEach
    void setUp() {
        jar = PackagedJar.path();
        config = DemoFiles.write(dir, dir.resolve("scanner"));
    }

    @Test
    void sigtermFinishesCleanlyAndTheLedgerChecksOut() throws Exception {
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            send(scanner, "]E0" + DemoFiles.memberCard(5));
            send(scanner, "]C0" + DemoFiles.receipt(42, 2_050));
            assertTrue(
                    daemon.await(l -> l.contains("accepted: receipt 0000000042"), Duration.ofSeconds(10))
                            .isPresent(),
                    "receipt accepted: " + daemon.output());
            int exit = daemon.terminate(Duration.ofSeconds(15));
            assertEquals(0, exit, "orderly stop after SIGTERM exits 0: " + daemon.output());
            assertTrue(
                    daemon.output().stream().anyMatch(l -> l.contains("Daemon: stopped")),
                    "logged its stop: " + daemon.output());
            assertTrue(
                    daemon.output().stream().anyMatch(l -> l.contains("closed (shutdown)")),
                    "ended the open visit: " + daemon.output());
            assertTrue(
                    daemon.output().stream().noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR")),
                    "a clean run and stop logs no warning: " + daemon.output());
        }
        PackagedJar.Result check = runJar("check", "--config", config.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(
                check.output().contains("2 ledger rows, 1 members")
                        && check.output().contains("consistent"),
                check.output());
    }

    @Test
    void theDaemonRidesOutAnUnpluggedScannerAndResumesWhenItReturns() throws Exception {
        Path link = dir.resolve("scanner");
        PseudoTerminal first = PseudoTerminal.openLinkedAt(link);
        try (DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            assertTrue(
                    daemon.awaitSeen(l -> l.contains(": opened,"), Duration.ofSeconds(10)),
                    "scanner opened: " + daemon.output());
            first.close();
            assertTrue(
                    daemon.await(l -> l.contains("WARN") && l.contains("retrying"), Duration.ofSeconds(10))
                            .isPresent(),
                    "one warning when the scanner goes: " + daemon.output());
            Thread.sleep(1_500);
            assertTrue(daemon.isAlive(), "daemon still running without its scanner");
            try (PseudoTerminal second = PseudoTerminal.openLinkedAt(link)) {
                assertTrue(
                        daemon.await(l -> l.contains("reconnected"), Duration.ofSeconds(15))
                                .isPresent(),
                        "reconnected: " + daemon.output());
                send(second, "]E0" + DemoFiles.memberCard(9));
                assertTrue(
                        daemon.await(l -> l.contains("accepted: member card"), Duration.ofSeconds(10))
                                .isPresent(),
                        "scans flow again: " + daemon.output());
                // Counted before the second pty closes, which is an unplug of its own.
                long warnings = daemon.output().stream()
                        .filter(l -> l.startsWith("WARN") && l.contains("retrying"))
                        .count();
                assertEquals(1, warnings, "one warning for the whole outage, not one per retry: " + daemon.output());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void cardUnlinkRefusesWhileTheDaemonHoldsTheDataFolder() throws Exception {
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            PackagedJar.Result unlink = runJar(
                    "card",
                    "unlink",
                    "--config",
                    config.toString(),
                    "--member",
                    DemoFiles.memberCard(1),
                    "--operator",
                    "m.weber");
            assertEquals(1, unlink.exit(), unlink.output());
            assertTrue(unlink.output().contains("in use by another loyalty-terminal process"), unlink.output());
        }
        PackagedJar.Result unlink = runJar(
                "card",
                "unlink",
                "--config",
                config.toString(),
                "--member",
                DemoFiles.memberCard(1),
                "--operator",
                "m.weber");
        assertEquals(0, unlink.exit(), unlink.output());
        assertTrue(unlink.output().contains("0 card(s) unlinked"), unlink.output());
    }

    @Test
    void aBadConfigStopsStartupWithTheKeyAndExitStatusTwo() throws Exception {
        Files.writeString(config, Files.readString(config) + "scanner.baud = fast\n");
        PackagedJar.Result run = runJar("run", "--config", config.toString());
        assertEquals(2, run.exit(), run.output());
        assertTrue(
                run.output().contains("key 'scanner.baud'") && run.output().contains("use a whole number"),
                run.output());
        assertFalse(Files.exists(dir.resolve("data/loyalty.db")), "nothing was created before the config was valid");
    }

    @Test
    void aBadCampaignFileStopsStartupWithTheJsonPath() throws Exception {
        Path campaigns = dir.resolve("campaigns.json");
        Files.writeString(campaigns, Files.readString(campaigns).replace("\"cardSize\": 5", "\"cardSize\": 0"));
        PackagedJar.Result run = runJar("run", "--config", config.toString());
        assertEquals(2, run.exit(), run.output());
        assertTrue(
                run.output().contains("coffee-card") && run.output().contains("campaigns[0].cardSize"), run.output());
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"run", "check", "card", "card unlink", "status", "doctor"})
    void everySubcommandHasHelp(String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        PackagedJar.Result help = runJar(args.toArray(String[]::new));
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: loyalty-terminal " + command), help.output());
    }

    private PackagedJar.Result runJar(String... args) throws IOException, InterruptedException {
        return PackagedJar.run(jar, args);
    }

    private static void send(PseudoTerminal scanner, String payload) {
        PackagedJar.send(scanner, payload);
    }
}
