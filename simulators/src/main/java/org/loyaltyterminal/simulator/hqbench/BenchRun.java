package org.loyaltyterminal.simulator.hqbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.loyaltyterminal.hq.ingest.IngestStats;

/**
 * One worker count's run, on a broker and a database of its own: the floor, the tills'
 * throughput, the reconnect storm and the exactly-once check, each printed as it is measured.
 */
final class BenchRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration WORKERS_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** A phase that did not end in time; the message says how far it got. */
    private static final class Incomplete extends Exception {
        private static final long serialVersionUID = 1L;

        Incomplete(String message) {
            super(message);
        }
    }

    private final HqBenchSettings settings;
    private final PrintWriter out;
    private final int workers;
    private final BenchEvents events;
    private final long total;
    private final long stormTotal;
    private double floorPerSecond;

    BenchRun(HqBenchSettings settings, PrintWriter out, int workers) {
        this.settings = settings;
        this.out = out;
        this.workers = workers;
        this.events = new BenchEvents(settings.tills());
        this.total = (long) settings.tills() * settings.eventsPerTill();
        this.stormTotal = (long) settings.tills() * settings.backlog();
    }

    HqBenchmark.Run run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "%n%d ingest worker%s:%n", workers, workers == 1 ? "" : "s");
        try (BenchDatabase database = BenchDatabase.create(settings.database());
                BenchBroker broker = BenchBroker.start(
                        settings.mosquitto(), settings.dir().resolve("broker-" + workers + "-workers"));
                IngestWorkers hq = new IngestWorkers(workers, database.settings())) {
            floor(database);
            hq.start(broker.url());
            if (!hq.awaitConnected(WORKERS_CONNECT_TIMEOUT)) {
                out.printf(
                        Locale.ROOT,
                        "  the ingest workers did not connect to %s within %d s; see %s%n",
                        broker.url(),
                        WORKERS_CONNECT_TIMEOUT.toSeconds(),
                        broker.log());
                return incomplete();
            }
            Optional<Duration> clientCpu;
            FleetCounters counters;
            double perSecond;
            Duration drain;
            try (TillFleet fleet = new TillFleet(
                    settings.tills(),
                    settings.clientThreads(),
                    broker.address(),
                    events,
                    TillSettings.agent(settings.ackTimeout()))) {
                counters = fleet.counters();
                connect(fleet);
                perSecond = throughput(fleet);
                drain = storm(fleet);
                fleet.disconnectAll();
                awaitOnline(fleet, 0, "tills disconnecting");
                clientCpu = fleet.clientCpuTime();
            } catch (Incomplete e) {
                out.printf(Locale.ROOT, "  %s%n", e.getMessage());
                return incomplete();
            }
            IngestStats stats = hq.stats();
            long retries = hq.transactionRetries();
            hq.close(); // the check reads a quiet database
            out.printf(
                    Locale.ROOT,
                    "  HQ: %,d batches, %,d events stored, %,d duplicates ignored, %,d acknowledgements"
                            + " published, %,d transactions retried; tills: %,d batches sent, %,d resends after"
                            + " the acknowledgement timeout, %,d connections lost%n",
                    stats.batches(),
                    stats.eventsStored(),
                    stats.duplicates(),
                    stats.acksPublished(),
                    retries,
                    counters.batchesSent.get(),
                    counters.resends.get(),
                    counters.lostConnections.get());
            clientCpu.ifPresent(cpu -> out.printf(
                    Locale.ROOT,
                    "  client: %,d connections on %d thread%s, which used %s of CPU in all%n",
                    settings.tills(),
                    settings.clientThreads(),
                    settings.clientThreads() == 1 ? "" : "s",
                    HqBenchmark.seconds(cpu)));
            boolean exactlyOnce = check(database);
            return new HqBenchmark.Run(
                    workers, true, floorPerSecond, perSecond, drain, stormTotal / (drain.toNanos() / 1e9), exactlyOnce);
        }
    }

    private HqBenchmark.Run incomplete() {
        return new HqBenchmark.Run(workers, false, floorPerSecond, 0, Duration.ZERO, 0, false);
    }

    private void floor(BenchDatabase database) throws InterruptedException {
        database.createFloorTable();
        InsertFloor.Result floor =
                InsertFloor.measure(database.url(), workers, events, settings.eventsPerTill(), settings.batchEvents());
        database.dropFloorTable();
        floorPerSecond = floor.perSecond();
        out.printf(
                Locale.ROOT,
                "  floor: bare batched INSERT ... ON CONFLICT DO NOTHING on %d connection%s: %,d events in %,d"
                        + " batches in %s = %,.0f events/s%n",
                workers,
                workers == 1 ? "" : "s",
                floor.events(),
                floor.batches(),
                HqBenchmark.seconds(floor.elapsed()),
                floorPerSecond);
    }

    private void connect(TillFleet fleet) throws InterruptedException, Incomplete {
        long start = System.nanoTime();
        fleet.connectAll();
        awaitOnline(fleet, settings.tills(), "tills connecting");
        out.printf(
                Locale.ROOT,
                "  tills connected and subscribed: %,d in %s%n",
                settings.tills(),
                HqBenchmark.seconds(
                        Duration.ofNanos(fleet.counters().lastOnlineAt.get() - start)));
    }

    /** Every till sends its events; events stored and acknowledged per second. */
    private double throughput(TillFleet fleet) throws InterruptedException, Incomplete {
        long start = System.nanoTime();
        fleet.writeAll(settings.eventsPerTill(), settings.batchEvents());
        awaitDrained(fleet, settings.tills(), total, "throughput");
        Duration elapsed = Duration.ofNanos(fleet.counters().lastDrainedAt.get() - start);
        double perSecond = total / (elapsed.toNanos() / 1e9);
        out.printf(
                Locale.ROOT,
                "  ingest: %,d events stored and acknowledged in %s = %,.0f events/s, %.0f%% of the floor%n",
                total,
                HqBenchmark.seconds(elapsed),
                perSecond,
                100 * perSecond / floorPerSecond);
        return perSecond;
    }

    /** Every till away, a backlog each, all back at once; the time until HQ acknowledged everything. */
    private Duration storm(TillFleet fleet) throws InterruptedException, Incomplete {
        fleet.disconnectAll();
        awaitOnline(fleet, 0, "tills disconnecting");
        fleet.writeAll(settings.backlog(), HqBenchSettings.AGENT_MAX_BATCH_EVENTS);
        long start = System.nanoTime();
        fleet.connectAll();
        awaitDrained(fleet, 2L * settings.tills(), stormTotal, "reconnect storm");
        Duration drain = Duration.ofNanos(fleet.counters().lastDrainedAt.get() - start);
        out.printf(
                Locale.ROOT,
                "  reconnect storm: %,d tills back at once with %,d events each: all connected in %s,"
                        + " everything acknowledged in %s (%,.0f events/s)%n",
                settings.tills(),
                settings.backlog(),
                HqBenchmark.seconds(
                        Duration.ofNanos(fleet.counters().lastOnlineAt.get() - start)),
                HqBenchmark.seconds(drain),
                stormTotal / (drain.toNanos() / 1e9));
        return drain;
    }

    private boolean check(BenchDatabase database) {
        BenchDatabase.ExactlyOnce check =
                database.checkExactlyOnce(events, settings.eventsPerTill() + settings.backlog());
        if (check.passed()) {
            out.printf(
                    Locale.ROOT,
                    "  exactly-once: %,d of %,d events stored once, unchanged, contiguous per till and"
                            + " acknowledged; the accounts equal the events' sums: PASS%n",
                    check.events(),
                    check.expected());
        } else {
            out.printf(
                    Locale.ROOT,
                    "  exactly-once: %,d events stored, %,d expected: MISSED%n",
                    check.events(),
                    check.expected());
            for (String problem : check.problems()) {
                out.printf(Locale.ROOT, "    %s%n", problem);
            }
        }
        return check.passed();
    }

    private void awaitOnline(TillFleet fleet, long target, String phase) throws InterruptedException, Incomplete {
        if (!fleet.awaitOnline(v -> v == target, settings.phaseTimeout())) {
            throw new Incomplete(String.format(
                    Locale.ROOT,
                    "%s did not finish within %d s: %,d of %,d tills online",
                    phase,
                    settings.phaseTimeout().toSeconds(),
                    fleet.counters().online.get(),
                    fleet.size()));
        }
    }

    /** Waits until {@code tills} drains were counted since the fleet started, saying how far it got meanwhile. */
    private void awaitDrained(TillFleet fleet, long tills, long events, String phase)
            throws InterruptedException, Incomplete {
        FleetCounters counters = fleet.counters();
        long before = counters.acknowledged.get();
        long deadline = System.nanoTime() + settings.phaseTimeout().toNanos();
        while (!counters.drained.await(
                v -> v >= tills, Math.min(deadline, System.nanoTime() + PROGRESS_EVERY.toNanos()))) {
            if (System.nanoTime() >= deadline) {
                throw new Incomplete(String.format(
                        Locale.ROOT,
                        "%s did not finish within %d s: %,d of %,d events acknowledged; see the broker's log",
                        phase,
                        settings.phaseTimeout().toSeconds(),
                        counters.acknowledged.get() - before,
                        events));
            }
            out.printf(
                    Locale.ROOT,
                    "    ... %s: %,d of %,d events acknowledged so far%n",
                    phase,
                    counters.acknowledged.get() - before,
                    events);
        }
    }
}
