package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command says an expected failure in one line, "loyalty-terminal: what is wrong", with the
 * exit status the systemd unit relies on (2: fix the file; 1: storage or a device), never a stack
 * trace; and it changes nothing.
 */
class PlainFailuresTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, """
                terminal.id = till-01
                store.id = store-0042
                chain.id = acme
                data.dir = data
                campaigns.file = campaigns.json
                scanner.port = /dev/ttyACM0
                member.card.1.pattern = ^2412[0-9]{9}$
                """ + extra);
        return file;
    }

    private static void assertOneLine(Run run, String expected) {
        assertTrue(run.err().startsWith("loyalty-terminal: "), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aConfigFileThatIsWrongIsExitTwoNamingTheKey() throws Exception {
        Path config = config("scanner.baud = fast\n");
        for (String[] command : new String[][] {
            {"check", "--config", config.toString()},
            {"member", "show", "--config", config.toString(), "2412000000001"},
            {"card", "unlink", "--config", config.toString(), "--member", "2412000000001", "--operator", "o1"},
            {"status", "--config", config.toString()}
        }) {
            Run run = run(command);
            assertEquals(ExitCodes.BAD_CONFIG, run.exit(), String.join(" ", command) + ": " + run.err());
            assertOneLine(run, "scanner.baud");
        }
        assertFalse(Files.exists(dir.resolve("data")), "a refused command creates no data folder");
    }

    @Test
    void aCampaignFileThatIsWrongIsExitTwo() throws Exception {
        Path bundle = dir.resolve("campaigns.json");
        Files.writeString(bundle, "{\"format\": 3, \"version\": 1, \"campaigns\": [");
        Run run = run("campaigns", "check", bundle.toString());
        assertEquals(ExitCodes.BAD_CONFIG, run.exit(), run.err());
        assertOneLine(run, "campaigns.json");
        assertEquals("", run.out());
    }

    @Test
    void storageThatCannotBeReadIsExitOne() throws Exception {
        Path config = config("");
        Run run = run("check", "--config", config.toString());
        assertEquals(ExitCodes.STARTUP_FAILED, run.exit(), run.err());
        assertOneLine(run, "data");
    }
}
