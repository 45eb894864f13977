package org.loyaltyterminal.simulator.hqbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HQ's scale benchmark: simulated tills speaking the sync protocol to a real Mosquitto, HQ's
 * ingest workers storing to PostgreSQL, in one process. For each worker count, on a fresh broker
 * and a fresh database: the floor (a bare batched insert of the same events), the throughput of
 * the whole path (events stored and acknowledged per second), a reconnect storm (every till away,
 * a backlog each, all back at once: the time until HQ acknowledged everything), and an
 * exactly-once check of the database. Prints each figure beside its floor or target.
 */
public final class HqBenchmark {
    /** The goal: 2 workers store and acknowledge at least this share of the floor on 2 connections. */
    static final double GOAL_SHARE_OF_FLOOR = 0.5;

    static final int GOAL_WORKERS = 2;

    private final HqBenchSettings settings;
    private final PrintWriter out;

    public HqBenchmark(HqBenchSettings settings, PrintWriter out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // Flushed at every line: a run takes minutes, and its figures should show as they come.
        this.out = new PrintWriter(Objects.requireNonNull(out, "out"), true);
    }

    /** One worker count's figures; {@code completed} false when a phase did not end in time. */
    public record Run(
            int workers,
            boolean completed,
            double floorPerSecond,
            double ingestPerSecond,
            Duration stormDrain,
            double stormPerSecond,
            boolean exactlyOnce) {
        double shareOfFloor() {
            return ingestPerSecond / floorPerSecond;
        }
    }

    /** Every run's figures, and the goal's verdict when a run had {@value #GOAL_WORKERS} workers. */
    public record Outcome(List<Run> runs) {
        public boolean allExactlyOnce() {
            return !runs.isEmpty() && runs.stream().allMatch(r -> r.completed() && r.exactlyOnce());
        }

        /** The 2-worker run's share of its floor, if there was one. */
        public Optional<Double> goalShare() {
            return runs.stream()
                    .filter(r -> r.workers() == GOAL_WORKERS && r.completed())
                    .findFirst()
                    .map(Run::shareOfFloor);
        }

        public boolean goalMissed() {
            return goalShare().map(s -> s < GOAL_SHARE_OF_FLOOR).orElse(false);
        }
    }

    public Outcome run() throws IOException, InterruptedException {
        String server = BenchDatabase.serverVersion(settings.database());
        out.printf(
                Locale.ROOT,
                "HQ scale benchmark: %,d tills, one MQTT connection each on %d client thread%s; %,d events per till in"
                        + " batches of %d, then a reconnect storm with a backlog of %,d events per till; ingest"
                        + " workers: %s%n",
                settings.tills(),
                settings.clientThreads(),
                settings.clientThreads() == 1 ? "" : "s",
                settings.eventsPerTill(),
                settings.batchEvents(),
                settings.backlog(),
                settings.workers().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        out.printf(
                Locale.ROOT,
                "broker: %s, started for each run; database: %s at %s, a database of its own for each run%n",
                BenchBroker.version(settings.mosquitto()),
                server,
                describe(settings.database()));
        out.printf(
                Locale.ROOT,
                "JVM %s, %d processors available; the tills resend after %d s without HQ's acknowledgement%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                settings.ackTimeout().toSeconds());
        List<Run> runs = new ArrayList<>();
        for (int workers : settings.workers()) {
            runs.add(new BenchRun(settings, out, workers).run());
        }
        Outcome outcome = new Outcome(runs);
        summary(outcome);
        return outcome;
    }

    private void summary(Outcome outcome) {
        out.printf(
                Locale.ROOT,
                "%nsummary: events per second stored and acknowledged, beside the bare-insert floor on as many"
                        + " connections%n");
        out.printf(
                Locale.ROOT,
                "  %7s  %10s  %10s  %12s  %12s  %12s%n",
                "workers",
                "ingest/s",
                "floor/s",
                "of the floor",
                "storm drain",
                "exactly-once");
        for (Run run : outcome.runs()) {
            if (run.completed()) {
                out.printf(
                        Locale.ROOT,
                        "  %7d  %,10.0f  %,10.0f  %11.0f%%  %12s  %12s%n",
                        run.workers(),
                        run.ingestPerSecond(),
                        run.floorPerSecond(),
                        100 * run.shareOfFloor(),
                        seconds(run.stormDrain()),
                        run.exactlyOnce() ? "PASS" : "MISSED");
            } else {
                out.printf(
                        Locale.ROOT,
                        "  %7d  %10s  %,10.0f  %12s  %12s  %12s%n",
                        run.workers(),
                        "-",
                        run.floorPerSecond(),
                        "-",
                        "-",
                        "MISSED");
            }
        }
        Optional<Double> share = outcome.goalShare();
        if (share.isPresent()) {
            out.printf(
                    Locale.ROOT,
                    "goal: %d workers store and acknowledge at least %.0f%% of the floor: %.0f%%: %s%n",
                    GOAL_WORKERS,
                    100 * GOAL_SHARE_OF_FLOOR,
                    100 * share.get(),
                    share.get() >= GOAL_SHARE_OF_FLOOR ? "PASS" : "MISSED");
        } else {
            out.printf(
                    Locale.ROOT,
                    "goal: %d workers store and acknowledge at least %.0f%% of the floor: not measured (no completed"
                            + " %d-worker run)%n",
                    GOAL_WORKERS,
                    100 * GOAL_SHARE_OF_FLOOR,
                    GOAL_WORKERS);
        }
        out.printf(Locale.ROOT, "exactly-once over every run: %s%n", outcome.allExactlyOnce() ? "PASS" : "MISSED");
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    /** The URL without "jdbc:", its database and its parameters (which may hold a password). */
    private static String describe(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        int query = plain.indexOf('?');
        plain = query < 0 ? plain : plain.substring(0, query);
        int hosts = plain.indexOf("//");
        int path = plain.indexOf('/', hosts + 2);
        return path < 0 ? plain : plain.substring(0, path);
    }
}
