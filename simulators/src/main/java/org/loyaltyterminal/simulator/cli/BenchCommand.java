package org.loyaltyterminal.simulator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.simulator.bench.DaemonJar;
import org.loyaltyterminal.simulator.bench.PipelineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = RulesBenchCommand.class,
        description = {
            "Measure the real pipeline on this machine.",
            "Start the daemon as a process on an emulated scanner, push scans through pseudo-terminal,"
                    + " driver, engine and SQLite, and print scan-to-commit latency next to the floor (a bare"
                    + " single-row commit with the same durability settings), the start-up time and the resident"
                    + " memory.",
            "Run it on the till's hardware before going live.",
            "`bench rules` measures the campaign engine alone (see its --help)."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scans", defaultValue = "10000", description = "scans to push through (default ${DEFAULT-VALUE})")
    int scans;

    @Option(
            names = "--floor-commits",
            defaultValue = "2000",
            description = "bare commits for the floor (default ${DEFAULT-VALUE})")
    int floorCommits;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "work folder on the file system to measure (default: a new temporary folder)")
    Path dir;

    @Option(
            names = "--jar",
            paramLabel = "JAR",
            description = "the daemon jar to start (default: the first loyalty-terminal.jar beside this jar, in"
                    + " terminal-app/target/ of the source tree this jar was built in or of the current folder,"
                    + " or in /usr/share/loyalty-terminal/ where the package installs it)")
    Path jar;

    @Option(
            names = "--jvm-option",
            paramLabel = "OPTION",
            description =
                    "a JVM option for the daemon besides the shipped jvm.options, e.g. -XX:AOTCache=FILE (repeatable)")
    List<String> jvmOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scans < 10 || floorCommits < 10) {
            spec.commandLine()
                    .getErr()
                    .println("loyalty-simulators bench: --scans and --floor-commits must be at least 10");
            return ExitCodes.BAD_USAGE;
        }
        List<Path> candidates = jar != null
                ? List.of(jar)
                : DaemonJar.candidates(DaemonJar.simulatorsJar(), Path.of("").toAbsolutePath());
        Optional<Path> daemonJar = DaemonJar.find(candidates);
        if (daemonJar.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("loyalty-simulators bench: no daemon jar at " + candidates
                            + "; build it with ./mvnw package or pass --jar");
            return ExitCodes.BAD_USAGE;
        }
        Path work = dir != null ? dir : Files.createTempDirectory("loyalty-bench");
        var benchmark = new PipelineBenchmark(work, daemonJar.get(), out, jvmOptions);
        return benchmark.run(scans, floorCommits) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
