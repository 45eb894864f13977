package org.loyaltyterminal.hq.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/**
 * A chain's worth of terminals on one broker: 200 agents in this JVM, each with its own Paho
 * client and its own SQLite outbox, draining into two ingest workers of one group while some keep
 * trading. Afterwards no agent or Paho thread may outlive its terminal (checked by {@link Fleet#close()}).
 */
class ManyTerminalsTest {
    private static final int TERMINALS = 200;
    private static final int BACKLOG = 50;
    private static final int MORE = 20;

    /** Each broker with each database: on PostgreSQL the two workers are as two hosts, a pool each. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#withBrokers")
    void twoHundredTerminalsDrainIntoHqExactlyOnce(
            TestBrokers.Kind kind, TestDatabases.Kind database, @TempDir Path dir) {
        // HQ's acknowledgement may take a while with 200 terminals on two cores: no resend storm.
        SyncSettings settings =
                FaultSettings.agent(25, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30));
        try (TestBroker broker = kind.start(dir);
                TestDatabase db = database.create(dir);
                JdbcEventStore storeA = db.open(InstantSource.system());
                JdbcEventStore storeB = db.open(InstantSource.system());
                Ingest a = HqWorkers.start(broker.url(), storeA, "ingest-a", 61);
                Ingest b = HqWorkers.start(broker.url(), storeB, "ingest-b", 62)) {
            String context = broker.name() + ", " + database + ", " + TERMINALS + " terminals";
            try (Fleet fleet =
                    Fleet.create(dir, TERMINALS, BACKLOG, broker.url(), settings, Duration.ofSeconds(5), 61)) {
                fleet.start();
                for (int i = 0; i < TERMINALS; i += 4) {
                    fleet.get(i).append(MORE); // trading goes on while the backlog drains
                }
                ExactlyOnce.awaitAndAssert(
                        context,
                        Duration.ofMinutes(3),
                        storeA,
                        fleet.outboxes(),
                        () -> "a=" + a.stats() + " b=" + b.stats());
            }
        }
    }
}
