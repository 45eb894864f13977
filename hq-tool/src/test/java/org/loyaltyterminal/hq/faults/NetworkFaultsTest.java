package org.loyaltyterminal.hq.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.agent.SyncStatus;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TcpProxy;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/**
 * A TCP proxy between the terminals and the broker (HQ's ingest connects directly): connections
 * cut at random points, mid-packet included, and a link that stays open while nothing flows.
 * The cut points come from a seed, random per run and printed in every failure message; rerun
 * with {@code -Dfaults.seed=N} to repeat one.
 */
class NetworkFaultsTest {
    private static final int TERMINALS = 2;
    private static final int BACKLOG = 1_500;
    private static final int CUTS = 8;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void connectionsCutAtRandomPointsLoseAndDoubleNothing(TestBrokers.Kind kind, @TempDir Path dir) {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        RandomGenerator random = new SplittableRandom(seed);
        SyncSettings settings =
                FaultSettings.agent(10, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(6));
        try (TestBroker broker = kind.start(dir);
                TcpProxy proxy = TcpProxy.to(broker.port());
                JdbcEventStore store = JdbcEventStore.open(dir.resolve("hq.db"), InstantSource.system());
                Ingest ingest = HqWorkers.start(broker.url(), store, "ingest-1", seed);
                Fleet fleet =
                        Fleet.create(dir, TERMINALS, BACKLOG, proxy.url(), settings, Duration.ofSeconds(2), seed)) {
            String context =
                    broker.name() + ", seed " + seed + " (-Dfaults.seed=" + seed + "), " + CUTS + " random cuts";
            fleet.expectPahoConnectSpins(); // a cut may land just after a TCP connect
            fleet.start();
            for (int cut = 1; cut <= CUTS; cut++) {
                long cutsBefore = proxy.cuts();
                // Somewhere in the next 8-16 KB, both directions counted: mid-PUBLISH, mid-PUBACK, mid-CONNECT.
                proxy.cutAtRandomPointAfter(8_000, random);
                for (SimTerminal terminal : fleet.terminals()) {
                    terminal.append(25); // keeps bytes flowing, so every armed cut fires
                }
                int which = cut;
                Await.until(
                        context + ": cut " + which + " happened",
                        Duration.ofSeconds(90),
                        () -> proxy.cuts() > cutsBefore,
                        () -> "proxy forwarded " + proxy.bytesForwarded() + " bytes; " + fleet.terminals());
            }
            ExactlyOnce.awaitAndAssert(
                    context,
                    Duration.ofMinutes(3),
                    store,
                    fleet.outboxes(),
                    () -> fleet.terminals() + ", ingest " + ingest.stats());
            for (SimTerminal terminal : fleet.terminals()) {
                assertTrue(
                        terminal.agent().status().session() >= 2,
                        context + ": " + terminal
                                + " was never cut off and reconnected, so the cuts tested nothing for it");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void aStalledLinkIsTornDownByThePubackTimeoutAndRebuilt(TestBrokers.Kind kind, @TempDir Path dir) {
        Duration pubackTimeout = Duration.ofSeconds(2);
        SyncSettings settings = FaultSettings.agent(10, pubackTimeout, Duration.ofSeconds(3), Duration.ofSeconds(6));
        try (TestBroker broker = kind.start(dir);
                TcpProxy proxy = TcpProxy.to(broker.port());
                JdbcEventStore store = JdbcEventStore.open(dir.resolve("hq.db"), InstantSource.system());
                Ingest ingest = HqWorkers.start(broker.url(), store, "ingest-1", 21);
                Fleet fleet = Fleet.create(dir, TERMINALS, BACKLOG, proxy.url(), settings, Duration.ofSeconds(2), 21)) {
            String context = broker.name() + ", link stalled (open, no bytes either way)";
            fleet.start();
            // Every agent must be draining when the stall hits, or one still connecting has no
            // PUBACK to miss (seen on a loaded machine).
            Await.until(
                    context + ": HQ stored part of the backlog from every terminal",
                    Duration.ofSeconds(90),
                    () -> total(store) >= TERMINALS * BACKLOG / 10
                            && fleet.terminals().stream()
                                    .allMatch(t -> t.agent().status().phase() == SyncStatus.Phase.ONLINE
                                            && t.agent().status().lastAcknowledged() > 0),
                    () -> store.contiguousByTerminal() + " " + fleet.terminals());

            proxy.stall();
            List<Long> sessionsAtStall = fleet.terminals().stream()
                    .map(t -> t.agent().status().session())
                    .toList();
            Await.until(
                    context + ": every agent gave the stalled link up for want of a PUBACK",
                    pubackTimeout.multipliedBy(5),
                    () -> fleet.terminals().stream()
                            .allMatch(t -> t.agent()
                                    .status()
                                    .lastError()
                                    .filter(e -> e.contains("acknowledged nothing"))
                                    .isPresent()),
                    () -> fleet.terminals().toString());
            proxy.resume();

            for (int i = 0; i < TERMINALS; i++) {
                SimTerminal terminal = fleet.get(i);
                long before = sessionsAtStall.get(i);
                Await.until(
                        context + ": " + terminal.id() + " online again on a new connection",
                        Duration.ofSeconds(20),
                        () -> terminal.agent().status().phase() == SyncStatus.Phase.ONLINE
                                && terminal.agent().status().session() > before,
                        () -> terminal + " (session at stall " + before + ")");
            }
            ExactlyOnce.awaitAndAssert(
                    context,
                    Duration.ofMinutes(3),
                    store,
                    fleet.outboxes(),
                    () -> fleet.terminals() + ", ingest " + ingest.stats());
        }
    }

    private static long total(EventStore store) {
        return store.contiguousByTerminal().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
