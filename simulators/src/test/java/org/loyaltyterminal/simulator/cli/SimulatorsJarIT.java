package org.loyaltyterminal.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyterminal.terminal.daemon.PackagedJar;

/** The packaged simulators as a process: the README's demo command, the benchmark, and help on every command. */
class SimulatorsJarIT {
    @TempDir
    Path dir;

    private Path simulators;

    @BeforeEach
    void setUp() {
        simulators = PackagedJar.simulators();
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"demo", "bench", "bench rules", "hq-bench"})
    void everySubcommandHasHelp(String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        PackagedJar.Result help = PackagedJar.run(simulators, args.toArray(String[]::new));
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: loyalty-simulators " + command), help.output());
    }

    @Test
    void theDemoPlaysThroughAndEndsConsistent() throws Exception {
        PackagedJar.Result demo =
                PackagedJar.run(simulators, "demo", "--dir", dir.resolve("demo").toString());
        assertEquals(0, demo.exit(), demo.output());
        assertTrue(demo.output().contains("card complete, reward earned (coffee-card)"), demo.output());
        assertTrue(demo.output().contains("REFUSED: receipt 0000001002 was already credited"), demo.output());
        assertTrue(demo.output().contains("balances equal the ledger's sums"), demo.output());
        assertTrue(
                demo.output().contains("linked to member ••••0016 (card linked"),
                "the key fob is linked: " + demo.output());
        assertTrue(
                demo.output()
                        .contains(
                                "Anna is back and just taps her key fob\n  NFC reader      a card (UID 7 bytes) enters the field\n"
                                        + "  till            accepted: member card ••••0016;"),
                "the fob opens Anna's visit: " + demo.output());
    }

    /** Without --jar: the daemon's jar is found in terminal-app/target beside this module. */
    @Test
    void theBenchmarkFindsTheDaemonAndPrintsItsFigures() throws Exception {
        PackagedJar.Result bench = PackagedJar.run(
                simulators,
                "bench",
                "--scans",
                "60",
                "--floor-commits",
                "20",
                "--dir",
                dir.resolve("bench").toString());
        assertEquals(0, bench.exit(), bench.output());
        for (String figure : List.of(
                "daemon " + PackagedJar.path().toAbsolutePath().normalize(),
                "floor: bare single-row commit",
                "start-up: process start to ready-for-scans",
                "end to end: scan written to the pty",
                "(n=60)",
                "memory after 60 scans: resident",
                "in the daemon: scan-to-commit latency (frame complete to commit done): p50",
                "target: scan-to-commit p99",
                "cards: in the field -> 'accepted' (visit opened) line read here  p50",
                "(n=200)",
                "cards: the emulator's own answer to a poll  p50")) {
            assertTrue(bench.output().contains(figure), "'" + figure + "' in: " + bench.output());
        }
    }

    @Test
    void aMissingDaemonJarIsAUsageError() throws Exception {
        Path missing = dir.resolve("no-such/loyalty-terminal.jar");
        PackagedJar.Result bench = PackagedJar.run(simulators, "bench", "--jar", missing.toString());
        assertEquals(2, bench.exit(), bench.output());
        assertTrue(bench.output().contains("no daemon jar at [" + missing + "]"), bench.output());
    }
}
