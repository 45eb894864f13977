package org.loyaltyterminal.terminal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Manage contactless cards.",
        subcommands = CardCommand.Unlink.class)
final class CardCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "unlink",
            mixinStandardHelpOptions = true,
            description = {
                "Unlink every contactless card of a member (a lost or stolen card).",
                "Each unlink is a ledger row and an outbox event for HQ. Runs while the daemon is stopped: it"
                        + " takes the data folder's lock.",
                "Exit status: 0 done (also when no card was linked), 1 storage or lock, 2 bad config."
            })
    static final class Unlink implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
        Path config;

        @Option(names = "--member", required = true, paramLabel = "CARD", description = "the member's card number")
        String member;

        @Option(
                names = "--operator",
                required = true,
                paramLabel = "ID",
                description = "who unlinks (recorded in the ledger)")
        String operator;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoppedTill till = StoppedTill.open(new ConfigLoader().load(config))) {
                List<LedgerEntry> entries = till.store()
                        .unlinkCardsOf(
                                member, "operator:" + operator, till.clock().now());
                out.printf(
                        "member %s: %d card(s) unlinked%s%n",
                        Redaction.mask(member),
                        entries.size(),
                        entries.isEmpty()
                                ? ""
                                : " [seq " + entries.getFirst().sequence() + "-"
                                        + entries.getLast().sequence() + "]");
                return ExitCodes.OK;
            }
        }
    }
}
