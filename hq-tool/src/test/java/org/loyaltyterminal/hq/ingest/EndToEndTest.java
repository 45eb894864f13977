package org.loyaltyterminal.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.agent.StatusFacts;
import org.loyaltyterminal.sync.agent.SyncAgent;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.PahoMqttLink;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/** The whole loop: a real SyncAgent drains a terminal's outbox through the broker into HQ's ingest. */
class EndToEndTest {
    private static final int EVENTS = 5_000;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#withBrokers")
    void aTerminalsOutboxDrainsIntoHqExactlyOnce(
            TestBrokers.Kind kind, TestDatabases.Kind database, @TempDir Path dir) {
        InstantSource wall = InstantSource.system();
        Topics me = new Topics("c1", "s1", "t1");
        try (TestBroker broker = kind.start(dir);
                SqliteTestOutbox outbox = SqliteTestOutbox.open(dir.resolve("t1.db"), "t1", wall);
                TestDatabase db = database.create(dir);
                JdbcEventStore store = db.open(wall);
                Ingest ingest = new Ingest(
                        IngestSettings.of(broker.url(), "hq-ingest", "ingest-1"),
                        store,
                        events -> new PahoBrokerClient(broker.url(), "ingest-1", events),
                        new Random(1))) {
            ingest.start();
            outbox.append(EVENTS / 2);
            LinkSettings link = new LinkSettings(
                    URI.create(broker.url()),
                    "terminal-t1",
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    9);
            SyncSettings settings = SyncSettings.defaults()
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3))
                    .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
            SyncAgent agent = new SyncAgent(
                    me,
                    outbox,
                    message -> new InboundResult.Refused(Refusal.NOT_FOR_THIS_TERMINAL, "this test applies nothing"),
                    facts(outbox),
                    new HqKeyRing(Map.of("hq", Ed25519Pem.generate().getPublic())),
                    settings,
                    events -> new PahoMqttLink(link, events),
                    broker.name(),
                    System::nanoTime,
                    wall,
                    new Random(2));
            try {
                agent.start();
                outbox.append(EVENTS / 2); // while the agent drains
                agent.nudge();
                Await.until(
                        "HQ holds all " + EVENTS + " events and the outbox is empty",
                        Duration.ofMinutes(2),
                        () -> store.contiguousUpTo("t1") == EVENTS && outbox.depth() == 0,
                        () -> "HQ contiguous " + store.contiguousUpTo("t1") + ", outbox " + outbox.summary()
                                + ", agent " + agent.status() + ", ingest " + ingest.stats());
            } finally {
                agent.stop(Duration.ofSeconds(5));
            }
            assertEquals(EVENTS, store.eventCount("t1"), "every event exactly once");
            assertEquals(EVENTS, store.contiguousUpTo("t1"));
            assertEquals(EVENTS, outbox.summary().highestAcknowledged());
            assertEquals(0, outbox.depth());
            assertEquals(
                    outbox.pointsByMember(), IngestTest.points(store), "HQ's balances equal the terminal's ledger");
        }
    }

    static StatusFacts facts(SqliteTestOutbox outbox) {
        return new StatusFacts() {
            @Override
            public String software() {
                return "test";
            }

            @Override
            public String bootId() {
                return outbox.bootId();
            }

            @Override
            public boolean clockSynchronized() {
                return true;
            }

            @Override
            public Map<String, Long> campaignVersions() {
                return Map.of();
            }

            @Override
            public Map<String, String> devices() {
                return Map.of();
            }
        };
    }
}
