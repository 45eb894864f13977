package org.loyaltyterminal.terminal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loyalty-terminal} command line: the daemon and the tools around it. */
@Command(
        name = "loyalty-terminal",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Offline-first loyalty terminal: member cards and barcodes in, stamps and points out.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            CampaignsCommand.class,
            CardCommand.class,
            MemberCommand.class,
            VoucherCommand.class,
            StatusCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The voucher preview draws offscreen; a DISPLAY inherited from a desktop session must
        // not make AWT reach for an X server. Set by the launcher, before any AWT class loads.
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands and the shared handling of expected failures. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new PlainFailures());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version in the jar's manifest; "development build" when run from classes. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"loyalty-terminal " + version()};
        }
    }
}
