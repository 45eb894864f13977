package org.loyaltyterminal.hq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyterminal.hq.support.Cli;

/** docs/hq-tool.md promises --help on every command. */
class HelpTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "keygen",
                "publish-campaigns",
                "command erase-member",
                "command resend-from",
                "member-snapshot",
                "vouchers-redeemed",
                "ingest",
                "fleet",
                "rebuild-accounts",
                "serve",
                "member export",
                "member consent"
            })
    void everyCommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ", -1);
        Cli help = Cli.run(words);
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: hq-tool " + command), help.out());
    }
}
