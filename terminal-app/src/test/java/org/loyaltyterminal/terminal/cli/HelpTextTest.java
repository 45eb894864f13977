package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code --help} tells an operator: whole sentences, and the right names. */
class HelpTextTest {

    /** A command list shows each command's first description line only; it must not stop mid-sentence. */
    @Test
    void everyCommandListedInAHelpShowsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        collect(Main.commandLine(), cut);
        assertEquals(List.of(), cut, "first description lines that stop mid-sentence");
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

    @Test
    void reprintNamesTheServiceUserOfTheSysusersFile() {
        StringWriter out = new StringWriter();
        Main.commandLine().setOut(new PrintWriter(out, true)).execute("voucher", "reprint", "--help");
        assertTrue(out.toString().contains("sudo -u loyalty)"), out.toString());
        assertFalse(out.toString().contains("-u loyalty-terminal"), out.toString());
    }
}
