package org.loyaltyterminal.hq.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.SyncException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hq-tool}: HQ's reference tool for the terminal sync protocol. */
@Command(
        name = "hq-tool",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Head office's side of the loyalty terminal sync protocol.",
        subcommands = {
            KeygenCommand.class,
            PublishCampaignsCommand.class,
            CommandCommand.class,
            MemberSnapshotCommand.class,
            VouchersRedeemedCommand.class,
            IngestCommand.class,
            FleetCommand.class,
            RebuildAccountsCommand.class,
            ServeCommand.class,
            MemberCommand.class,
            FiguresCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, UTF_8)), true),
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, UTF_8)), true),
                args));
    }

    /** Runs the tool; the exit code: 0 done, 1 failed (message on err), 2 usage error or a config file to fix. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Main());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("hq-tool " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            if (e instanceof HqException || e instanceof SyncException) {
                // Logged once, here, at the boundary.
                cmd.getErr().println("hq-tool " + cmd.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hq-tool " + (version == null ? "development" : version)};
        }
    }
}
