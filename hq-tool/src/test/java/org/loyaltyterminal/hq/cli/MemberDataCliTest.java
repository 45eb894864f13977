package org.loyaltyterminal.hq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.Listener;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.wire.EventBatch;

/**
 * A member's data through hq-tool, as HQ's support people run it: a consent, the right-of-access
 * export, then an erasure that empties HQ's tables of the card, sends the tills HQ's pseudonym
 * and leaves an audit entry; the export of the erased card then says so and holds nothing.
 */
class MemberDataCliTest {
    private static final String CARD = "6001234567890";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void consentExportAndEraseThroughTheTool(TestDatabases.Kind kind) throws Exception {
        Path keys = dir.resolve("keys");
        Cli.run("keygen", "--id", "hq-1", "--out", keys.toString()).ok();
        Path secret = dir.resolve("hq-secret");
        try (TestDatabase database = kind.create(dir);
                TestBroker broker = TestBrokers.Kind.HIVEMQ_EMBEDDED.start(dir)) {
            String url = database.settings().url();
            try (JdbcEventStore store = database.open(InstantSource.system())) {
                store.store(new Topics("c1", "s1", "t1"), batch());
            }

            Cli consent = Cli.run(
                    "member",
                    "consent",
                    "--database",
                    url,
                    "--card",
                    CARD,
                    "--purpose",
                    "marketing",
                    "--granted",
                    "--source",
                    "till form s1",
                    "--wording",
                    "v3");
            assertEquals(
                    "recorded: marketing granted (wording v3, till form s1)\n",
                    consent.ok().out());
            Cli spam = Cli.run(
                    "member",
                    "consent",
                    "--database",
                    url,
                    "--card",
                    CARD,
                    "--purpose",
                    "spam",
                    "--granted",
                    "--source",
                    "x",
                    "--wording",
                    "v1");
            assertEquals(1, spam.exitCode());
            assertTrue(spam.err().contains("not one of marketing, profiling"), spam.err());

            JsonNode before = export(url, secret);
            assertEquals(CARD, before.path("card").asText());
            assertFalse(before.path("erased").asBoolean());
            assertEquals(2, before.path("events").size());
            assertEquals(
                    12,
                    before.path("account")
                            .path("balances")
                            .get(0)
                            .path("points")
                            .asLong());
            assertEquals(
                    "marketing", before.path("consents").get(0).path("purpose").asText());

            try (Listener till = new Listener(broker.url(), "till-t1", "loyalty/v1/c1/commands")) {
                Cli erase = Cli.run(
                        "command",
                        "erase-member",
                        "--chain",
                        "c1",
                        "--card",
                        CARD,
                        "--broker",
                        broker.url(),
                        "--key",
                        keys.resolve("hq-1.key").toString(),
                        "--key-id",
                        "hq-1",
                        "--database",
                        url,
                        "--privacy-secret-file",
                        secret.toString(),
                        "--actor",
                        "support-anna");
                assertTrue(erase.ok().out().contains("erased in HQ's database: 2 events"), erase.out());
                Await.until(
                        "the command reached the till",
                        Duration.ofSeconds(20),
                        () -> !till.received("loyalty/v1/c1/commands").isEmpty());
                String body = new String(
                        till.received("loyalty/v1/c1/commands")
                                .getFirst()
                                .payload()
                                .toArray(),
                        StandardCharsets.UTF_8);
                String payload = new String(
                        Base64.getDecoder()
                                .decode(MAPPER.readTree(body).path("body").asText()),
                        StandardCharsets.UTF_8);
                assertTrue(
                        MAPPER.readTree(payload)
                                .path("payload")
                                .path("pseudonym")
                                .asText()
                                .startsWith("erased-"),
                        payload);
            }

            JsonNode after = export(url, secret);
            assertTrue(after.path("erased").asBoolean());
            assertEquals(0, after.path("events").size());
            assertEquals(0, after.path("consents").size());
            try (JdbcEventStore store = database.open(InstantSource.system())) {
                List<String> audit = store.database().read("test", c -> {
                    try (ResultSet rs =
                            c.createStatement().executeQuery("SELECT actor, action, subject, digest FROM audit_log")) {
                        rs.next();
                        return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    }
                });
                assertEquals("support-anna", audit.get(0));
                assertEquals("erase-member", audit.get(1));
                assertTrue(audit.get(2).startsWith("erased-"), "the audit names the pseudonym, not the card");
                assertTrue(audit.get(3).startsWith("sha256:"));
            }
        }
    }

    private JsonNode export(String url, Path secret) throws Exception {
        Path file = dir.resolve("export-" + System.nanoTime() + ".json");
        Cli.run(
                        "member",
                        "export",
                        "--database",
                        url,
                        "--card",
                        CARD,
                        "--privacy-secret-file",
                        secret.toString(),
                        "--out",
                        file.toString())
                .ok();
        return MAPPER.readTree(Files.readString(file));
    }

    private static EventBatch batch() {
        return new EventBatch(
                "t1",
                "boot-1",
                1,
                List.of(new OutboxEvent(1, event(1, "ENROLLED", 0)), new OutboxEvent(2, event(2, "POINTS", 12))));
    }

    private static String event(long seq, String type, int points) {
        return "{\"seq\":" + seq + ",\"terminal\":\"t1\",\"eventId\":\"t1-" + seq
                + "\",\"wallTime\":\"2026-12-01T10:00:0" + seq + "Z\",\"type\":\"" + type + "\",\"member\":\"" + CARD
                + "\",\"points\":" + points + ",\"stamps\":0}";
    }
}
