package org.loyaltyterminal.terminal.hq;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.store.JdbcEventStore;
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
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.SqliteOutbox;

/**
 * The drain's throughput against plain Paho, on loopback, printed (not asserted: a timing belongs
 * in a benchmark, not in a test that can flake). Run explicitly, it is not part of the suite:
 *
 * <pre>./mvnw -B -pl terminal-app -am test -Dtest=SyncDrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <ul>
 *   <li>drain: 100,000 events queued in the terminal's own SQLite store (the real {@link SqliteOutbox},
 *       rows shaped by a real commit), drained by the real agent in
 *       batches to HQ's real ingest, which stores them in SQLite and acknowledges; timed until the
 *       last event is acknowledged and marked in the outbox (durable at both ends);</li>
 *   <li>plain: the same events' JSON published one per message at QoS 1 by a Paho async client
 *       with a 10-publish window (Paho's default), timed until the last PUBACK; no HQ
 *       acknowledgement, nothing stored: the rate a naive per-event design gets at best.</li>
 * </ul>
 */
class SyncDrainBenchmark {
    private static final int DRAIN_EVENTS = Integer.getInteger("bench.drain.events", 100_000);
    private static final int PLAIN_EVENTS = Integer.getInteger("bench.plain.events", 20_000);

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void drainAgainstPlainQos1(TestBrokers.Kind kind, @TempDir Path dir) throws Exception {
        InstantSource wall = InstantSource.system();
        Topics me = new Topics("bench", "s1", "t1");
        Path db = dir.resolve("loyalty.db");
        String template = seed(db);
        try (TestBroker broker = kind.start(dir);
                SqliteLoyaltyStore terminal = SqliteLoyaltyStore.open(db, "t1", "bench-boot");
                JdbcEventStore store = JdbcEventStore.open(dir.resolve("hq.db"), wall);
                Ingest ingest = new Ingest(
                        IngestSettings.of(broker.url(), "hq-ingest", "ingest-1"),
                        store,
                        events -> new PahoBrokerClient(broker.url(), "ingest-1", events),
                        new Random(1))) {
            SqliteOutbox outbox = new SqliteOutbox(terminal, 50_000);
            ingest.start();
            Await.until("ingest connected", Duration.ofSeconds(30), ingest::isConnected);
            int eventBytes = template.getBytes(StandardCharsets.UTF_8).length;
            long total = outbox.summary().depth();

            LinkSettings link = new LinkSettings(
                    URI.create(broker.url()),
                    "bench-terminal",
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    9);
            SyncAgent agent = new SyncAgent(
                    me,
                    outbox,
                    message ->
                            new InboundResult.Refused(Refusal.NOT_FOR_THIS_TERMINAL, "the benchmark applies nothing"),
                    facts(),
                    new HqKeyRing(Map.of("hq", Ed25519Pem.generate().getPublic())),
                    SyncSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)),
                    events -> new PahoMqttLink(link, events),
                    broker.name(),
                    System::nanoTime,
                    wall,
                    new Random(2));
            long drainStart = System.nanoTime();
            long drainNanos;
            try {
                agent.start();
                // Polls HQ's side (one row): polling the till's outbox would compete with the agent for its lock.
                Await.until(
                        "all " + total + " events stored at HQ",
                        Duration.ofMinutes(10),
                        () -> store.contiguousUpTo("t1") == total,
                        () -> "ingest " + ingest.stats());
                Await.until(
                        "the last acknowledgement recorded in the outbox",
                        Duration.ofMinutes(1),
                        () -> agent.status().lastAcknowledged() == total,
                        () -> agent.status().toString());
                drainNanos = System.nanoTime() - drainStart;
            } finally {
                agent.stop(Duration.ofSeconds(5));
            }
            if (store.eventCount("t1") != total || outbox.summary().depth() != 0) {
                throw new AssertionError("the benchmark's drain lost or doubled events: HQ holds "
                        + store.eventCount("t1") + " of " + total + ", outbox " + outbox.summary());
            }
            double plainNanos = plainQos1(broker, me, template);
            double drainRate = total / (drainNanos / 1e9);
            double plainRate = PLAIN_EVENTS / (plainNanos / 1e9);
            System.out.printf(
                    "%nsync drain benchmark on %s (loopback, %d-byte events, %s)%n",
                    broker.name(), eventBytes, Runtime.version());
            System.out.printf(
                    "  drain with HQ acknowledgements: %,d events in %.2f s = %,.0f events/s (batches of up to %d)%n",
                    total, drainNanos / 1e9, drainRate, SyncSettings.defaults().maxEventsPerBatch());
            System.out.printf(
                    "  plain Paho QoS 1, one event per publish, window 10: %,d events in %.2f s = %,.0f events/s%n",
                    PLAIN_EVENTS, plainNanos / 1e9, plainRate);
            System.out.printf("  ratio: %.1fx (target: at least 2x)%n%n", drainRate / plainRate);
            Files.writeString(
                    Path.of("target", "sync-drain-benchmark-" + broker.name() + ".txt"),
                    String.format(
                            "drain %.0f events/s, plain %.0f events/s, ratio %.1fx%n",
                            drainRate, plainRate, drainRate / plainRate));
        }
    }

    /**
     * Queues DRAIN_EVENTS events: one real commit gives the row shapes, the rest are copies with
     * their own sequence, event id and receipt, inserted in one transaction (the benchmark measures
     * the drain, not 100,000 fsynced scans). Returns one event's JSON, for the plain publishes.
     */
    private static String seed(Path db) throws Exception {
        EventTime time = new EventTime(Instant.parse("2026-11-23T10:00:00Z"), true, 1);
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(db, "t1", "bench-boot")) {
            store.enrol("2412000000017", "v", time);
            store.commit(new AwardCommit.ReceiptCredit(
                    "2412000000017",
                    "v",
                    "R0",
                    List.of(new Award.PointsAwarded("points", 12)),
                    1,
                    time,
                    List.of(),
                    OptionalLong.empty()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            String template;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT payload FROM outbox WHERE seq = 2")) {
                rs.next();
                template = rs.getString(1);
            }
            try (PreparedStatement ledger = c.prepareStatement(
                            "INSERT INTO ledger SELECT ?, terminal_id, card_number, kind, campaign_id, bundle_version,"
                                    + " stamps_delta, points_delta, ?, visit_id, wall_time, clock_trusted, monotonic_ns + ?,"
                                    + " rule, detail, rules_clock_untrusted FROM ledger WHERE seq = 2");
                    PreparedStatement outbox = c.prepareStatement(
                            "INSERT INTO outbox (seq, payload, created_at) VALUES (?, ?, '2026-11-23T10:00:00Z')")) {
                for (long seq = 3; seq <= DRAIN_EVENTS; seq++) {
                    String receipt = "R" + seq;
                    ledger.setLong(1, seq);
                    ledger.setString(2, receipt);
                    ledger.setLong(3, seq);
                    ledger.executeUpdate();
                    outbox.setLong(1, seq);
                    outbox.setString(
                            2,
                            template.replace("\"seq\":2,", "\"seq\":" + seq + ",")
                                    .replace("\"R0\"", "\"" + receipt + "\"")
                                    .replaceFirst(
                                            "\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + UUID.randomUUID() + "\""));
                    outbox.executeUpdate();
                }
            }
            c.commit();
            return template;
        }
    }

    /** Nanoseconds for PLAIN_EVENTS single-event QoS 1 publishes, a window of 10 in flight (Paho's default). */
    private static double plainQos1(TestBroker broker, Topics me, String eventJson) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "bench-plain", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(10);
        client.connect(options).waitForCompletion(10_000);
        byte[] payload = eventJson.getBytes(StandardCharsets.UTF_8);
        Semaphore window = new Semaphore(10);
        CountDownLatch done = new CountDownLatch(PLAIN_EVENTS);
        IMqttActionListener acked = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
                done.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                window.release();
                throw new AssertionError("plain publish failed", cause);
            }
        };
        String topic = me.events().replace("/events", "/plain");
        long start = System.nanoTime();
        for (int i = 0; i < PLAIN_EVENTS; i++) {
            window.acquire();
            client.publish(topic, payload, 1, false, null, acked);
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new AssertionError("plain publishes not acknowledged within 5 minutes: " + done.getCount() + " left");
        }
        long nanos = System.nanoTime() - start;
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return nanos;
    }

    private static StatusFacts facts() {
        return new StatusFacts() {
            @Override
            public String software() {
                return "bench";
            }

            @Override
            public String bootId() {
                return "bench-boot";
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
