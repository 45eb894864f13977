package org.loyaltyterminal.terminal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.ConsistencyReport;
import org.loyaltyterminal.terminal.ledger.Discrepancy;
import org.loyaltyterminal.terminal.ledger.ReadOnlyLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Recompute every member balance from the ledger and report any difference.",
            "Only reads (a read-only connection, no schema upgrade), so it runs while the daemon runs.",
            "Exit status: 0 consistent, 3 differences found, 1 cannot read, 2 bad config."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TerminalConfig terminal = new ConfigLoader().load(config);
        try (ReadOnlyLedger store = ReadOnlyLedger.open(terminal.databaseFile(), terminal.terminalId())) {
            ConsistencyReport report = store.check();
            out.printf(
                    "%s: %d ledger rows, %d members, last sequence %d%n",
                    terminal.databaseFile(), report.ledgerRows(), report.members(), report.lastSequence());
            if (report.consistent()) {
                out.println("consistent: every balance equals the sum of its ledger rows");
                return ExitCodes.OK;
            }
            for (Discrepancy d : report.discrepancies()) {
                out.println("DIFFERS " + d);
            }
            out.println(report.discrepancies().size() + " difference(s); the ledger is the record of truth");
            return ExitCodes.INCONSISTENT;
        }
    }
}
