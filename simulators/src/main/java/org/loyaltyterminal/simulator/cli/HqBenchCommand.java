package org.loyaltyterminal.simulator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.simulator.hqbench.BenchFailure;
import org.loyaltyterminal.simulator.hqbench.HqBenchSettings;
import org.loyaltyterminal.simulator.hqbench.HqBenchmark;
import org.loyaltyterminal.simulator.hqbench.Prerequisites;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "hq-bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure HQ's ingest at chain scale: simulated tills, a real Mosquitto, HQ's workers on PostgreSQL.",
            "Starts Mosquitto on a free port and, for each worker count, creates a PostgreSQL database of its own;"
                    + " connects the tills (one MQTT connection each, light non-blocking clients speaking the sync"
                    + " protocol: event batches at QoS 1, HQ's acknowledgements, the agent's windows) and runs HQ's"
                    + " ingest workers in this process. Prints, for each worker count: the floor (a bare batched"
                    + " INSERT of the same events on as many connections), events stored and acknowledged per"
                    + " second, the drain time of a reconnect storm (every till away with a backlog, all back at"
                    + " once) and an exactly-once check of the database.",
            "Goal: 2 workers reach at least half of the floor. Exit code 0 when it is met and every run was"
                    + " exactly-once, 4 when the goal is missed, 1 when a run lost, duplicated or did not finish"
                    + " anything, 2 for a bad option or a missing broker or database."
        })
final class HqBenchCommand implements Callable<Integer> {
    static final String DEFAULT_DATABASE =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=loyalty_test&password=loyalty_test";

    /** What --quick means: proof that the benchmark works, in well under a minute. */
    private static final int QUICK_TILLS = 50;

    private static final long QUICK_EVENTS = 100;
    private static final int QUICK_BATCH = 20;
    private static final long QUICK_BACKLOG = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--tills", paramLabel = "N", description = "simulated tills, one connection each (default 1000)")
    Integer tills;

    @Option(
            names = "--events-per-till",
            paramLabel = "N",
            description = "events each till sends for the throughput figure (default 200)")
    Long eventsPerTill;

    @Option(
            names = "--batch-events",
            paramLabel = "N",
            description = "events per batch for the throughput figure and its floor (default 50; the agent's"
                    + " largest is 500)")
    Integer batchEvents;

    @Option(
            names = "--backlog",
            paramLabel = "N",
            description = "events each till accumulates while away, for the reconnect storm (default 200); sent in"
                    + " the agent's largest batches")
    Long backlog;

    @Option(
            names = "--workers",
            paramLabel = "N,N,...",
            split = ",",
            description = "ingest worker counts, one run each (default 1,2,4)")
    List<Integer> workers;

    @Option(
            names = "--database",
            paramLabel = "URL",
            defaultValue = DEFAULT_DATABASE,
            description = "PostgreSQL JDBC URL of a login that may create databases (default ${DEFAULT-VALUE})")
    String database;

    @Option(
            names = "--mosquitto",
            paramLabel = "FILE",
            description = "the mosquitto executable (default: mosquitto on PATH or in /usr/sbin)")
    Path mosquitto;

    @Option(
            names = "--client-threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "threads carrying the tills' connections (default ${DEFAULT-VALUE})")
    int clientThreads;

    @Option(
            names = "--ack-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "the tills' wait for HQ's acknowledgement before sending again, the agent's"
                    + " hq.ack-timeout-seconds (default ${DEFAULT-VALUE})")
    int ackTimeoutSeconds;

    @Option(
            names = "--phase-timeout",
            paramLabel = "SECONDS",
            defaultValue = "900",
            description = "longest wait for one phase of a run (default ${DEFAULT-VALUE})")
    int phaseTimeoutSeconds;

    @Option(
            names = "--quick",
            description = "a small run that proves the benchmark works: " + QUICK_TILLS + " tills, " + QUICK_EVENTS
                    + " events each in batches of " + QUICK_BATCH + ", a backlog of " + QUICK_BACKLOG
                    + "; options given as well win")
    boolean quick;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "folder for the brokers' configuration and logs (default: a new temporary folder)")
    Path dir;

    @Option(names = "--verbose", description = "also show the workers', the pool's and the migrations' log lines")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = tills != null ? tills : quick ? QUICK_TILLS : 1000;
        long events = eventsPerTill != null ? eventsPerTill : quick ? QUICK_EVENTS : 200;
        int batch = batchEvents != null ? batchEvents : quick ? QUICK_BATCH : 50;
        long away = backlog != null ? backlog : quick ? QUICK_BACKLOG : 200;
        List<Integer> counts = workers != null ? workers : List.of(1, 2, 4);
        if (n < 1
                || n > 10_000
                || events < 1
                || batch < 1
                || batch > HqBenchSettings.AGENT_MAX_BATCH_EVENTS
                || away < 1
                || counts.isEmpty()
                || counts.stream().anyMatch(w -> w < 1 || w > 16)
                || clientThreads < 1
                || clientThreads > 16
                || ackTimeoutSeconds < 1
                || phaseTimeoutSeconds < 10) {
            err.println("loyalty-simulators hq-bench: --tills must be 1-10000, --events-per-till and --backlog at"
                    + " least 1, --batch-events 1-" + HqBenchSettings.AGENT_MAX_BATCH_EVENTS + ", each of --workers"
                    + " 1-16, --client-threads 1-16, --ack-timeout at least 1 and --phase-timeout at least 10");
            return ExitCodes.BAD_USAGE;
        }
        if (!database.startsWith("jdbc:postgresql:")) {
            err.println("loyalty-simulators hq-bench: --database must be a jdbc:postgresql: URL, was "
                    + Prerequisites.redact(database));
            return ExitCodes.BAD_USAGE;
        }
        Optional<Path> broker = mosquitto != null ? Optional.of(mosquitto) : Prerequisites.mosquitto(System.getenv());
        if (broker.isEmpty() || !Files.isExecutable(broker.get())) {
            err.println("loyalty-simulators hq-bench: no mosquitto executable "
                    + (mosquitto != null ? "at " + mosquitto : "on PATH or in /usr/sbin")
                    + "; install it (apt-get install mosquitto) or pass --mosquitto");
            return ExitCodes.BAD_USAGE;
        }
        Optional<String> unreachable = Prerequisites.postgresUnreachable(database);
        if (unreachable.isPresent()) {
            err.println("loyalty-simulators hq-bench: PostgreSQL at " + Prerequisites.redact(database)
                    + " cannot be used (" + unreachable.get() + "); start it, or pass --database with a login that"
                    + " may create databases");
            return ExitCodes.BAD_USAGE;
        }
        if (!verbose) {
            // The figures say what matters; the workers' warnings still show.
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
        HqBenchSettings settings = new HqBenchSettings(
                n,
                events,
                batch,
                away,
                counts,
                database,
                broker.get(),
                clientThreads,
                Duration.ofSeconds(ackTimeoutSeconds),
                Duration.ofSeconds(phaseTimeoutSeconds),
                dir != null ? dir : Files.createTempDirectory("loyalty-hq-bench"));
        HqBenchmark.Outcome outcome;
        try {
            outcome = new HqBenchmark(settings, out).run();
        } catch (BenchFailure e) {
            out.flush();
            err.println("loyalty-simulators hq-bench: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (!outcome.allExactlyOnce()) {
            return ExitCodes.FAILED;
        }
        return outcome.goalMissed() ? ExitCodes.TARGET_MISSED : ExitCodes.OK;
    }
}
