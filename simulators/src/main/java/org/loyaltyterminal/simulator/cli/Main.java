package org.loyaltyterminal.simulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loyalty-simulators} command line: the demo and the benchmarks, which need emulated
 * devices and so are not part of the daemon's jar.
 */
@Command(
        name = "loyalty-simulators",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Emulated scanner, NFC reader and printer for the loyalty terminal: the demo and the benchmarks.",
        subcommands = {
            DemoCommand.class,
            BenchCommand.class,
            HqBenchCommand.class,
            HqLabCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
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
            return new String[] {"loyalty-simulators " + version()};
        }
    }
}
