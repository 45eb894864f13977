package org.loyaltyterminal.hq.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/** HQ's side fails while terminals drain: the only ingest worker restarts, or one of two leaves the group. */
class IngestRestartTest {
    private static final int TERMINALS = 3;
    private static final int BACKLOG = 1_500;
    private static final int WHILE_DOWN = 200;

    private final SyncSettings settings =
            FaultSettings.agent(10, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(4));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void anIngestRestartedOnTheSameStoreMidDrainLosesAndDoublesNothing(TestBrokers.Kind kind, @TempDir Path dir) {
        Path hqFile = dir.resolve("hq.db");
        try (TestBroker broker = kind.start(dir);
                Fleet fleet =
                        Fleet.create(dir, TERMINALS, BACKLOG, broker.url(), settings, Duration.ofSeconds(2), 31)) {
            String context = broker.name() + ", the only ingest worker restarted mid-drain";
            long storedBeforeStop;
            try (JdbcEventStore store = JdbcEventStore.open(hqFile, InstantSource.system());
                    Ingest ingest = HqWorkers.start(broker.url(), store, "ingest-1", 31)) {
                fleet.start();
                Await.until(
                        context + ": HQ stored part of the backlog",
                        Duration.ofSeconds(90),
                        () -> total(store) >= TERMINALS * BACKLOG / 5,
                        () -> store.contiguousByTerminal() + " " + fleet.terminals() + " " + ingest.stats());
                ingest.stop(Duration.ofSeconds(10));
                storedBeforeStop = total(store);
            }
            for (SimTerminal terminal : fleet.terminals()) {
                terminal.append(WHILE_DOWN); // the tills keep trading and the agents keep sending
            }
            try (JdbcEventStore store = JdbcEventStore.open(hqFile, InstantSource.system());
                    Ingest ingest = HqWorkers.start(broker.url(), store, "ingest-1", 32)) {
                assertTrue(
                        storedBeforeStop < TERMINALS * (BACKLOG + WHILE_DOWN),
                        context + ": everything was stored before the stop, so the restart tested nothing");
                ExactlyOnce.awaitAndAssert(
                        context,
                        Duration.ofMinutes(3),
                        store,
                        fleet.outboxes(),
                        () -> fleet.terminals() + ", ingest " + ingest.stats());
            }
        }
    }

    /**
     * Scaling the group down mid-drain: the busier worker leaves for good. Before workers left the
     * group on the way out, Mosquitto kept dealing every other batch to the gone worker's session
     * and terminals stopped being acknowledged (their resend always began with a batch dealt there).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void aWorkerRetiredFromTheGroupMidDrainLeavesTheRestToTheOther(TestBrokers.Kind kind, @TempDir Path dir) {
        Path hqFile = dir.resolve("hq.db");
        try (TestBroker broker = kind.start(dir);
                JdbcEventStore storeA = JdbcEventStore.open(hqFile, InstantSource.system());
                JdbcEventStore storeB = JdbcEventStore.open(hqFile, InstantSource.system());
                Ingest a = HqWorkers.start(broker.url(), storeA, "ingest-a", 41);
                Ingest b = HqWorkers.start(broker.url(), storeB, "ingest-b", 42);
                Fleet fleet =
                        Fleet.create(dir, TERMINALS, BACKLOG, broker.url(), settings, Duration.ofSeconds(2), 41)) {
            String context = broker.name() + ", two workers of one group, one retired mid-drain";
            fleet.start();
            awaitPartlyStored(context, storeA, fleet, a, b);
            // The busier one: HiveMQ CE may be giving everything to one member of the group.
            Ingest retired = a.stats().batches() >= b.stats().batches() ? a : b;
            Ingest survivor = retired == a ? b : a;
            retired.leaveGroupAndStop(Duration.ofSeconds(10));
            for (SimTerminal terminal : fleet.terminals()) {
                terminal.append(WHILE_DOWN);
            }
            ExactlyOnce.awaitAndAssert(
                    context,
                    Duration.ofMinutes(3),
                    storeA,
                    fleet.outboxes(),
                    () -> fleet.terminals() + ", a=" + a.stats() + " b=" + b.stats());
            assertTrue(
                    survivor.stats().eventsStored() > 0,
                    context + ": the remaining worker stored nothing: a=" + a.stats() + " b=" + b.stats());
        }
    }

    /** A rolling restart: one worker of two stops (staying in the group) mid-drain and comes back. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void aWorkerOfTheGroupRestartedMidDrainLosesAndDoublesNothing(TestBrokers.Kind kind, @TempDir Path dir) {
        Path hqFile = dir.resolve("hq.db");
        try (TestBroker broker = kind.start(dir);
                JdbcEventStore storeA = JdbcEventStore.open(hqFile, InstantSource.system());
                JdbcEventStore storeB = JdbcEventStore.open(hqFile, InstantSource.system());
                Ingest b = HqWorkers.start(broker.url(), storeB, "ingest-b", 52);
                Fleet fleet =
                        Fleet.create(dir, TERMINALS, BACKLOG, broker.url(), settings, Duration.ofSeconds(2), 51)) {
            String context = broker.name() + ", two workers of one group, one restarted mid-drain";
            try (Ingest a = HqWorkers.start(broker.url(), storeA, "ingest-a", 51)) {
                fleet.start();
                awaitPartlyStored(context, storeA, fleet, a, b);
                a.stop(Duration.ofSeconds(10));
            }
            for (SimTerminal terminal : fleet.terminals()) {
                terminal.append(WHILE_DOWN);
            }
            try (Ingest a = HqWorkers.start(broker.url(), storeA, "ingest-a", 53)) {
                ExactlyOnce.awaitAndAssert(
                        context,
                        Duration.ofMinutes(3),
                        storeA,
                        fleet.outboxes(),
                        () -> fleet.terminals() + ", a=" + a.stats() + " b=" + b.stats());
            }
        }
    }

    private static void awaitPartlyStored(String context, EventStore store, Fleet fleet, Ingest a, Ingest b) {
        Await.until(
                context + ": HQ stored part of the backlog",
                Duration.ofSeconds(90),
                () -> total(store) >= TERMINALS * BACKLOG / 5,
                () -> store.contiguousByTerminal() + " a=" + a.stats() + " b=" + b.stats() + " " + fleet.terminals());
    }

    private static long total(EventStore store) {
        return store.contiguousByTerminal().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
