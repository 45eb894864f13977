package org.loyaltyterminal.hq.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.store.AccountsRebuilt;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "rebuild-accounts",
        mixinStandardHelpOptions = true,
        description = "Recompute every member's account and the stores each member shopped in from the stored events,"
                + " in one transaction, and say how many rows differed. Ingest keeps them in step by itself;"
                + " this is for repairs and checks. Safe while ingest runs.")
final class RebuildAccountsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        AccountsRebuilt done;
        String where;
        try (JdbcEventStore store = database.openStore()) {
            where = store.database().settings().describe();
            done = store.rebuild();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("rebuilt the accounts in " + where + " from " + done.countedEvents() + " counted events of "
                + done.terminals() + " terminals: " + done.accounts() + " account rows for " + done.members()
                + " members, " + done.memberStores() + " member-store rows");
        out.println(
                done.corrected() == 0
                        ? "every account was already in step with the events"
                        : done.corrected() + " account rows differed from the events and were corrected");
        return 0;
    }
}
