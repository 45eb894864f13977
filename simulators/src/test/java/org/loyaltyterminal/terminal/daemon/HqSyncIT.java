package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;

/**
 * The whole loop with real parts: the packaged daemon as a process with its scanner on a
 * pseudo-terminal, a real broker (embedded HiveMQ and Mosquitto), HQ's ingest storing to SQLite
 * and acknowledging. Checked from outside: HQ's database, the daemon's SQLite file, the retained
 * status topic.
 */
class HqSyncIT {
    private static final String TERMINAL = "demo-till-01";
    private static final Topics TOPICS = new Topics("demo-chain", "demo-store", TERMINAL);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair hqKey = Ed25519Pem.generate();

    private Path config(TestBroker broker) throws Exception {
        Path config = DemoFiles.write(dir, dir.resolve("scanner"));
        Path keys = Files.createDirectories(dir.resolve("hq-keys"));
        Files.writeString(keys.resolve("hq-1.pub"), Ed25519Pem.publicPem(hqKey.getPublic()));
        Files.writeString(
                config,
                Files.readString(config) + "\nhq.broker = " + broker.url()
                        + "\nhq.allow-plain = true\nhq.keys-dir = hq-keys\nhq.ack-timeout-seconds = 3\n");
        return config;
    }

    private Ingest ingest(TestBroker broker, JdbcEventStore store, String id) {
        Ingest ingest = new Ingest(
                IngestSettings.of(broker.url(), "hq-ingest", id),
                store,
                events -> new PahoBrokerClient(broker.url(), id, events),
                new SplittableRandom());
        ingest.start();
        return ingest;
    }

    private static Path jar() {
        Path jar = PackagedJar.path();
        return jar;
    }

    private long ledgerRows() throws Exception {
        return scalar("SELECT COUNT(*) FROM ledger");
    }

    private long unacknowledged() throws Exception {
        return scalar("SELECT COUNT(*) FROM outbox WHERE acked = 0");
    }

    private long scalar(String sql) throws Exception {
        try (Connection c =
                        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/loyalty.db") + "?open_mode=1");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long ledgerPoints(String card) throws Exception {
        return scalar("SELECT COALESCE(SUM(points_delta), 0) FROM ledger WHERE card_number = '" + card + "'");
    }

    /** Everything HQ holds of this terminal: each event once, contiguous, none left in the outbox. */
    private void assertExactlyOnce(JdbcEventStore hq) throws Exception {
        long rows = ledgerRows();
        assertEquals(rows, hq.eventCount(TERMINAL), "HQ holds every event of the ledger, once");
        assertEquals(rows, hq.contiguousUpTo(TERMINAL), "HQ's sequence is contiguous up to the ledger's last row");
        assertEquals(0, unacknowledged(), "nothing left waiting in the terminal's outbox");
    }

    private void scanReceipts(PseudoTerminal scanner, DaemonProcess daemon, String card, int from, int count)
            throws InterruptedException {
        PackagedJar.send(scanner, "]E0" + card);
        assertTrue(daemon.awaitSeen(l -> l.contains("accepted: member card"), Duration.ofSeconds(10)), "visit opened");
        for (int i = from; i < from + count; i++) {
            PackagedJar.send(scanner, "]C0" + DemoFiles.receipt(i, 1_000 + i));
            final String id = String.format("%010d", i);
            assertTrue(
                    daemon.awaitSeen(l -> l.contains("accepted: receipt " + id), Duration.ofSeconds(10)),
                    "receipt " + i + " accepted; output: " + daemon.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void eventsReachHqExactlyOnceAndSignedCampaignsAndErasureComeBack(TestBrokers.Kind kind) throws Exception {
        String card = DemoFiles.memberCard(1);
        try (TestBroker broker = kind.start(dir);
                JdbcEventStore hq = JdbcEventStore.open(dir.resolve("hq.db"), InstantSource.system());
                Ingest ingest = ingest(broker, hq, "ingest-1");
                StatusWatcher status = new StatusWatcher(broker.url());
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar(), config(broker))) {
            assertTrue(daemon.awaitSeen(l -> l.contains("ready:"), WAIT), "daemon ready: " + daemon.output());
            scanReceipts(scanner, daemon, card, 1, 25);
            Await.until("HQ acknowledged every event", WAIT, () -> {
                try {
                    return hq.contiguousUpTo(TERMINAL) == ledgerRows() && unacknowledged() == 0;
                } catch (Exception e) {
                    return false;
                }
            });
            assertExactlyOnce(hq);
            assertEquals(
                    ledgerPoints(card), hq.balance(card).orElseThrow().points(), "HQ's balance equals the ledger's");

            JsonNode birth =
                    status.await(TOPICS.status(), s -> s.path("state").asText().equals("online"));
            long session = birth.path("session").asLong();
            assertTrue(session >= 1, birth.toString());

            // A newer campaign bundle, signed by HQ's key, replaces the rules; the status says so.
            String bundle = Files.readString(dir.resolve("campaigns.json"));
            long fileVersion = json.readTree(bundle).path("version").asLong();
            ObjectNode newer = (ObjectNode) json.readTree(bundle);
            newer.put("version", fileVersion + 1);
            status.publish(
                    TOPICS.chainCampaigns(),
                    new HqMessageCodec()
                            .write(
                                    HqMessageCodec.Kind.CAMPAIGNS,
                                    Target.chain("demo-chain"),
                                    fileVersion + 1,
                                    Instant.now(),
                                    newer,
                                    "hq-1",
                                    hqKey.getPrivate()),
                    true);
            assertTrue(
                    daemon.awaitSeen(l -> l.contains("applied campaigns version " + (fileVersion + 1)), WAIT),
                    daemon.output().toString());
            status.await(
                    TOPICS.status(),
                    s -> s.path("campaignVersions").path("campaigns").asLong() == fileVersion + 1);

            // Signed by a key the till does not trust: refused, counted, rules unchanged.
            newer.put("version", fileVersion + 2);
            status.publish(
                    TOPICS.chainCampaigns(),
                    new HqMessageCodec()
                            .write(
                                    HqMessageCodec.Kind.CAMPAIGNS,
                                    Target.chain("demo-chain"),
                                    fileVersion + 2,
                                    Instant.now(),
                                    newer,
                                    "hq-1",
                                    Ed25519Pem.generate().getPrivate()),
                    true);
            assertTrue(daemon.awaitSeen(l -> l.contains("refused, the signature does not verify"), WAIT));
            status.await(
                    TOPICS.status(),
                    s -> s.path("refusedMessages").asLong() == 1
                            && s.path("campaignVersions").path("campaigns").asLong() == fileVersion + 1);

            // Erasure: the card leaves the till, and the confirmation reaches HQ.
            ObjectNode erase =
                    json.createObjectNode().put("type", "erase-member").put("card", card);
            status.publish(
                    TOPICS.terminalCommands(),
                    new HqMessageCodec()
                            .write(
                                    HqMessageCodec.Kind.COMMAND,
                                    Target.terminal("demo-chain", "demo-store", TERMINAL),
                                    1,
                                    Instant.now(),
                                    erase,
                                    "hq-1",
                                    hqKey.getPrivate()),
                    false);
            Await.until("the erasure confirmed at HQ", WAIT, () -> {
                try {
                    return scalar("SELECT COUNT(*) FROM ledger WHERE kind = 'MEMBER_ERASED'") == 1
                            && hq.contiguousUpTo(TERMINAL) == ledgerRows();
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(0, scalar("SELECT COUNT(*) FROM ledger WHERE card_number = '" + card + "'"));
            assertEquals(0, scalar("SELECT COUNT(*) FROM members WHERE card_number = '" + card + "'"));
            assertEquals(
                    Optional.empty(),
                    daemon.output().stream().filter(l -> l.contains(card)).findFirst(),
                    "no card number in the log");

            assertEquals(
                    0, daemon.terminate(Duration.ofSeconds(20)), "stopped by SIGTERM after a clean shutdown exits 0");
            JsonNode offline =
                    status.await(TOPICS.status(), s -> s.path("state").asText().equals("offline"));
            assertEquals("shutdown", offline.path("reason").asText());
            assertEquals(session, offline.path("session").asLong());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void aDaemonKilledMidDrainLosesAndDoublesNothing(TestBrokers.Kind kind) throws Exception {
        String card = DemoFiles.memberCard(2);
        try (TestBroker broker = kind.start(dir);
                JdbcEventStore hq = JdbcEventStore.open(dir.resolve("hq.db"), InstantSource.system());
                StatusWatcher status = new StatusWatcher(broker.url());
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
            Path config = config(broker);
            long session;
            try (DaemonProcess daemon = DaemonProcess.start(jar(), config)) {
                assertTrue(daemon.awaitSeen(l -> l.contains("ready:"), WAIT), "daemon ready: " + daemon.output());
                // HQ is down: the events pile up in the outbox, the till works on.
                scanReceipts(scanner, daemon, card, 1, 150);
                session = status.await(
                                TOPICS.status(), s -> s.path("state").asText().equals("online"))
                        .path("session")
                        .asLong();
                try (Ingest ingest = ingest(broker, hq, "ingest-1")) {
                    Await.until("HQ stored part of the backlog", WAIT, () -> hq.eventCount(TERMINAL) > 0);
                    daemon.kill(); // SIGKILL in the middle of the drain
                }
            }
            JsonNode will =
                    status.await(TOPICS.status(), s -> s.path("state").asText().equals("offline"));
            assertEquals("connection-lost", will.path("reason").asText(), "the broker published the last will");
            assertEquals(session, will.path("session").asLong());

            try (Ingest ingest = ingest(broker, hq, "ingest-2");
                    DaemonProcess daemon = DaemonProcess.start(jar(), config)) {
                assertTrue(daemon.awaitSeen(l -> l.contains("ready:"), WAIT), "daemon ready again: " + daemon.output());
                scanReceipts(scanner, daemon, card, 151, 10);
                Await.until("HQ acknowledged every event after the restart", WAIT, () -> {
                    try {
                        return hq.contiguousUpTo(TERMINAL) == ledgerRows() && unacknowledged() == 0;
                    } catch (Exception e) {
                        return false;
                    }
                });
                assertExactlyOnce(hq);
                assertEquals(ledgerPoints(card), hq.balance(card).orElseThrow().points());
                JsonNode birth = status.await(
                        TOPICS.status(),
                        s -> s.path("state").asText().equals("online")
                                && s.path("session").asLong() > session);
                assertTrue(birth.path("session").asLong() > session, "a new session after the restart");
            }
        }
    }

    /** A plain MQTT client on HQ's side: watches retained status messages and publishes HQ's messages. */
    static final class StatusWatcher implements AutoCloseable {
        private final MqttClient client;
        private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
        private final ObjectMapper json = new ObjectMapper();

        StatusWatcher(String url) throws MqttException {
            client = new MqttClient(url, "it-watcher-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            client.connect(options);
            client.subscribe(
                    Topics.allStatusFilter(),
                    1,
                    (topic, message) -> latest.put(topic, json.readTree(message.getPayload())));
        }

        JsonNode await(String topic, Predicate<JsonNode> wanted) {
            Await.until(
                    "status on " + topic,
                    WAIT,
                    () -> latest.containsKey(topic) && wanted.test(latest.get(topic)),
                    () -> String.valueOf(latest.get(topic)));
            return latest.get(topic);
        }

        void publish(String topic, byte[] payload, boolean retained) throws MqttException {
            client.publish(topic, payload, 1, retained);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
