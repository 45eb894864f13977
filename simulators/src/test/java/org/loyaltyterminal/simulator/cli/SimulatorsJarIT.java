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

/** The packaged simulators as a process: the README's demo command, and help on every command. */
class SimulatorsJarIT {
    @TempDir
    Path dir;

    private Path simulators;

    @BeforeEach
    void setUp() {
        simulators = PackagedJar.simulators();
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"demo"})
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
}
