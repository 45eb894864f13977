package org.loyaltyterminal.simulator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loyaltyterminal.simulator.demo.Demo;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Play a scripted morning at the till through the real pipeline.",
            "An emulated serial scanner on a pseudo-terminal, the driver, the engine and a SQLite file in a"
                    + " temporary folder.",
            "Needs nothing but a JDK. Prints a trace: each scan, what the till made of it, awards and balances."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "folder for the demo's config and data (default: a new temporary folder)")
    Path dir;

    @Option(names = "--verbose", description = "also show the daemon's own log lines")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            // The trace says what the log lines would; warnings (the dropped noise) still show.
            ((Logger) LoggerFactory.getLogger("org.loyaltyterminal")).setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("till")).setLevel(Level.WARN);
        }
        Path work = dir != null ? dir : Files.createTempDirectory("loyalty-demo");
        boolean asExpected = new Demo(work, spec.commandLine().getOut()).run();
        return asExpected ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
