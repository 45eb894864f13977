package org.loyaltyterminal.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code loyalty-simulators --help} and its option checks tell the person running it. */
class HelpTextTest {

    /** A command list shows each command's first description line only; it must not stop mid-sentence. */
    @Test
    void everyCommandListedInAHelpShowsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        collect(new CommandLine(new Main()), cut);
        assertEquals(List.of(), cut, "first description lines that stop mid-sentence");
    }

    @Test
    void theCommandsAreDemoBenchWithRulesHqBenchAndHqLab() {
        CommandLine main = new CommandLine(new Main());
        assertEquals(
                List.of("demo", "bench", "hq-bench", "hq-lab", "help"),
                List.copyOf(main.getSubcommands().keySet()));
        assertEquals(
                List.of("rules"),
                List.copyOf(main.getSubcommands().get("bench").getSubcommands().keySet()));
    }

    @Test
    void rulesOptionsOutOfRangeAreAUsageError() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main())
                .setErr(new PrintWriter(err, true))
                .execute("bench", "rules", "--campaigns", "3");
        assertEquals(ExitCodes.BAD_USAGE, exit);
        assertTrue(
                err.toString().contains("loyalty-simulators bench rules: --campaigns must be at least 10"),
                err.toString());
    }

    @Test
    void hqBenchOptionsOutOfRangeAreAUsageError() {
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new Main()).setErr(new PrintWriter(err, true)).execute("hq-bench", "--workers", "1,0");
        assertEquals(ExitCodes.BAD_USAGE, exit);
        assertTrue(err.toString().contains("loyalty-simulators hq-bench: --tills must be 1-10000"), err.toString());
    }

    @Test
    void hqBenchWantsAPostgresqlUrl() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main())
                .setErr(new PrintWriter(err, true))
                .execute("hq-bench", "--quick", "--database", "jdbc:sqlite:/tmp/hq.db");
        assertEquals(ExitCodes.BAD_USAGE, exit);
        assertTrue(
                err.toString().contains("--database must be a jdbc:postgresql: URL, was jdbc:sqlite:/tmp/hq.db"),
                err.toString());
    }

    @Test
    void hqBenchWithoutItsBrokerIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main())
                .setErr(new PrintWriter(err, true))
                .execute("hq-bench", "--quick", "--mosquitto", "/no/such/mosquitto");
        assertEquals(ExitCodes.BAD_USAGE, exit);
        assertTrue(
                err.toString().contains("no mosquitto executable at /no/such/mosquitto; install it"), err.toString());
    }

    private static void collect(CommandLine command, List<String> cut) {
        for (CommandLine sub : command.getSubcommands().values()) {
            String[] header = sub.getCommandSpec().usageMessage().header();
            String[] description = sub.getCommandSpec().usageMessage().description();
            String first = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
            if (!first.endsWith(".")) {
                cut.add(sub.getCommandSpec().qualifiedName() + ": " + first);
            }
            collect(sub, cut);
        }
    }
}
