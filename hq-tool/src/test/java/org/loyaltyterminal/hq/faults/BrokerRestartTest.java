package org.loyaltyterminal.hq.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/** The broker goes away while terminals drain a large backlog in small batches, and comes back. */
class BrokerRestartTest {
    private static final int TERMINALS = 3;
    private static final int BACKLOG = 3_000;
    private static final int DURING_OUTAGE = 100;
    private static final long SEED = 11;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void terminalsReconnectOnTheirOwnAndFinishAfterABrokerRestartMidBatch(TestBrokers.Kind kind, @TempDir Path dir) {
        SyncSettings settings =
                FaultSettings.agent(10, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(6));
        try (TestBroker broker = kind.start(dir);
                JdbcEventStore store = JdbcEventStore.open(dir.resolve("hq.db"), InstantSource.system());
                Ingest ingest = HqWorkers.start(broker.url(), store, "ingest-1", SEED);
                Fleet fleet =
                        Fleet.create(dir, TERMINALS, BACKLOG, broker.url(), settings, Duration.ofSeconds(2), SEED)) {
            String context = broker.name() + ", " + TERMINALS + " terminals x " + BACKLOG + " events, broker restarted";
            fleet.start();
            Await.until(
                    context + ": HQ stored part of the backlog",
                    Duration.ofSeconds(90),
                    () -> store.contiguousByTerminal().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            >= TERMINALS * BACKLOG / 10,
                    () -> store.contiguousByTerminal() + " " + fleet.terminals());
            List<Long> sessionsBefore = fleet.terminals().stream()
                    .map(t -> t.agent().status().session())
                    .toList();

            broker.stop();
            long depthAtStop = fleet.depth();
            for (SimTerminal terminal : fleet.terminals()) {
                terminal.append(DURING_OUTAGE); // the tills keep trading while the broker is away
            }
            broker.start();

            assertTrue(
                    depthAtStop > 0,
                    context + ": the backlog was drained before the broker stopped, so the"
                            + " restart hit nothing in flight; raise BACKLOG");
            ExactlyOnce.awaitAndAssert(
                    context,
                    Duration.ofMinutes(3),
                    store,
                    fleet.outboxes(),
                    () -> fleet.terminals() + ", ingest " + ingest.stats());
            for (int i = 0; i < TERMINALS; i++) {
                SimTerminal terminal = fleet.get(i);
                assertTrue(
                        terminal.agent().status().session() > sessionsBefore.get(i),
                        context + ": " + terminal + " never connected again after the restart (session was "
                                + sessionsBefore.get(i) + ")");
            }
        }
    }
}
