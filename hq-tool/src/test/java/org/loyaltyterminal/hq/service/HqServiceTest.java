package org.loyaltyterminal.hq.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.store.ErasureStore;
import org.loyaltyterminal.hq.support.Listener;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.Ports;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;

/**
 * The service as a chain's tills meet it, through a real broker and on both databases, with no
 * command typed after start: an account earned in store 1 is pushed to store 1 only and answered
 * to a lookup from store 2; a redemption reaches the whole chain; an erased card leaves no trace
 * in HQ's database, even from an event that arrives after the erasure, and the till's
 * confirmation is matched to the request.
 */
class HqServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CARD = "6001234567890";
    private static final Topics TILL_A = new Topics("c1", "s1", "ta");
    private static final Topics TILL_B = new Topics("c1", "s2", "tb");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final KeyPair key = Ed25519Pem.generate();
    private final HqKeyRing ring = new HqKeyRing(Map.of("hq-1", key.getPublic()));
    private final HqMessageCodec codec = new HqMessageCodec();
    private final int httpPort = Ports.free();

    private ServiceConfig config(TestBroker broker, TestDatabase database) throws Exception {
        Files.writeString(dir.resolve("hq-1.key"), Ed25519Pem.privatePem(key.getPrivate()));
        Path file = dir.resolve("hq.conf");
        Files.writeString(file, """
                database.url = %s
                broker.url = %s
                signing.key-file = hq-1.key
                signing.key-id = hq-1
                service.id = hq-test
                ingest.workers = 2
                push.interval-ms = 100
                http.port = %d
                """.formatted(database.settings().url(), broker.url(), httpPort));
        return new ServiceConfigLoader().load(file);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#withBrokers")
    void balancesRedemptionsAndErasureFollowTheMemberWithoutACommand(
            TestBrokers.Kind brokerKind, TestDatabases.Kind databaseKind) throws Exception {
        try (TestBroker broker = brokerKind.start(dir);
                TestDatabase database = databaseKind.create(dir);
                HqService service = HqService.start(config(broker, database), InstantSource.system(), new Random(1));
                Listener tillA =
                        new Listener(broker.url(), "till-a", TILL_A.acks(), TILL_A.storeMembers(), TILL_A.members());
                Listener tillB = new Listener(
                        broker.url(), "till-b", TILL_B.acks(), TILL_B.storeMembers(), TILL_B.lookupReply())) {
            Await.until("the service connected", WAIT, service::isConnected);
            Instant start = Instant.now().minusSeconds(60);

            tillA.publish(
                    TILL_A.events(),
                    batch(
                            TILL_A,
                            1,
                            List.of(
                                    event("ENROLLED", 0, start, null),
                                    event("POINTS", 12, start.plusSeconds(1), null),
                                    event("VOUCHER_REDEEMED", 0, start.plusSeconds(2), "V-1"))));
            Await.until("till A acknowledged up to 3", WAIT, () -> ackedUpTo(tillA, TILL_A) == 3);

            HqMessage.MemberSnapshot pushed =
                    assertInstanceOf(HqMessage.MemberSnapshot.class, awaitSigned(tillA, TILL_A.storeMembers(), TILL_A));
            assertEquals(CARD, pushed.card());
            assertEquals(12, pushed.points());
            assertEquals(3L, pushed.includes().get("ta"));
            HqMessage.VouchersRedeemed redeemed =
                    assertInstanceOf(HqMessage.VouchersRedeemed.class, awaitSigned(tillA, TILL_A.members(), TILL_A));
            assertEquals("V-1", redeemed.vouchers().getFirst().reference());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(metrics.contains("hq_events_stored_total 3"), metrics);
            assertTrue(metrics.contains("hq_redemptions_broadcast_total 1"), metrics);

            // Store 2 never saw the member: it asks, and gets HQ's account in reply.
            HqMessage.MemberAccount answer = lookup(tillB, CARD);
            assertTrue(answer.known());
            assertEquals(12, answer.points());
            assertEquals(3L, answer.includes().get("ta"));
            assertTrue(tillB.received(TILL_B.storeMembers()).isEmpty(), "no push to a store the member never used");
            assertFalse(lookup(tillB, "6009999999999").known(), "a card HQ never saw is not known");

            // Erasure: HQ's tables first, then a late event from till A and its confirmation.
            long version = System.currentTimeMillis();
            String pseudonym = ErasureStore.newPseudonym();
            service.erasures()
                    .erase(CARD, pseudonym, Target.chain("c1"), version, "support@hq", Instant.now(), "sha256:x");
            tillA.publish(
                    TILL_A.events(),
                    batch(
                            TILL_A,
                            4,
                            List.of(event("POINTS", 5, start.plusSeconds(3), null), erasedEvent(pseudonym, version))));
            Await.until("till A acknowledged up to 5", WAIT, () -> ackedUpTo(tillA, TILL_A) == 5);

            assertEquals(List.of("ta"), service.erasures().confirmations(erasureId(service)));
            assertEquals(List.of(), tablesMentioning(service, CARD), "HQ's database holds no trace of the card");
            assertFalse(lookup(tillB, CARD).known(), "a lookup cannot bring an erased member back");
        }
    }

    private HqMessage.MemberAccount lookup(Listener till, String card) {
        int before = till.received(TILL_B.lookupReply()).size();
        LookupRequest request = LookupRequest.of(card);
        till.publish(TILL_B.lookup(), request.encode(new Json()));
        Await.until(
                "HQ answered the lookup",
                WAIT,
                () -> till.received(TILL_B.lookupReply()).size() > before);
        HqMessage.MemberAccount answer = assertInstanceOf(
                HqMessage.MemberAccount.class,
                read(till.received(TILL_B.lookupReply()).get(before), TILL_B));
        assertEquals(request.request(), answer.request());
        return answer;
    }

    private HqMessage awaitSigned(Listener till, String topic, Topics me) {
        Await.until("a message on " + topic, WAIT, () -> !till.received(topic).isEmpty());
        return read(till.received(topic).getLast(), me);
    }

    private HqMessage read(BrokerEvent.Message message, Topics me) {
        return codec.read(message.topic(), message.payload().toArray(), me, ring, 1 << 20);
    }

    private static long ackedUpTo(Listener till, Topics me) {
        long upTo = 0;
        for (BrokerEvent.Message ack : till.received(me.acks())) {
            String text = new String(ack.payload().toArray(), StandardCharsets.UTF_8);
            try {
                upTo = Math.max(upTo, MAPPER.readTree(text).path("upTo").asLong());
            } catch (Exception e) {
                throw new AssertionError("unreadable acknowledgement " + text, e);
            }
        }
        return upTo;
    }

    private static String erasureId(HqService service) {
        return service.database().read("test", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM erasures")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Every (table, column) whose text holds {@code needle}, over every text column of HQ's tables. */
    private static List<String> tablesMentioning(HqService service, String needle) {
        Map<String, List<String>> tables = new TreeMap<>(Map.of(
                "events", List.of("member", "json"),
                "accounts", List.of("member"),
                "member_stores", List.of("member"),
                "redemptions", List.of("member"),
                "conflicts", List.of("first_member", "second_member"),
                "card_tombstones", List.of("card_key", "pseudonym"),
                "erasures", List.of("card_key", "pseudonym", "requested_by"),
                "consents", List.of("member"),
                "audit_log", List.of("subject", "detail")));
        return service.database().read("test", c -> {
            List<String> found = new ArrayList<>();
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                for (String column : table.getValue()) {
                    try (PreparedStatement select = c.prepareStatement(
                            "SELECT COUNT(*) FROM " + table.getKey() + " WHERE " + column + " LIKE ?")) {
                        select.setString(1, "%" + needle + "%");
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(table.getKey() + "." + column);
                            }
                        }
                    }
                }
            }
            return found;
        });
    }

    private record Spec(String type, int points, Instant at, String reference, String member) {}

    private static Spec event(String type, int points, Instant at, String voucher) {
        return new Spec(type, points, at, voucher, CARD);
    }

    private static Spec erasedEvent(String pseudonym, long version) {
        return new Spec("MEMBER_ERASED", 0, Instant.now(), "erase-" + version, pseudonym);
    }

    private static byte[] batch(Topics till, long first, List<Spec> events) {
        ObjectNode batch = MAPPER.createObjectNode();
        batch.put("schema", 1)
                .put("terminal", till.terminal())
                .put("bootId", "boot-1")
                .put("session", 1);
        batch.put("first", first).put("last", first + events.size() - 1);
        var list = batch.putArray("events");
        long seq = first;
        for (Spec spec : events) {
            ObjectNode node = list.addObject();
            node.put("seq", seq).put("terminal", till.terminal()).put("eventId", till.terminal() + "-" + seq);
            node.put("wallTime", spec.at().toString()).put("type", spec.type()).put("member", spec.member());
            node.put("points", spec.points()).put("stamps", 0).put("visit", "v-" + seq);
            if ("VOUCHER_REDEEMED".equals(spec.type())) {
                node.putObject("voucher").put("reference", spec.reference());
            } else if (spec.reference() != null) {
                node.put("reference", spec.reference());
            }
            seq++;
        }
        try {
            return MAPPER.writeValueAsBytes(batch);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
