package org.loyaltyterminal.sync.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.Json;

class SqliteTestOutboxTest {
    private final InstantSource wall = InstantSource.fixed(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void acknowledgesReopensAndPersistsTheSession(@TempDir Path dir) {
        Path file = dir.resolve("t1.db");
        try (SqliteTestOutbox outbox = SqliteTestOutbox.open(file, "t1", wall)) {
            assertEquals(10, outbox.append(10));
            outbox.acknowledgeUpTo(4);
            assertEquals(6, outbox.depth());
            assertEquals(4, outbox.summary().highestAcknowledged());
            List<OutboxEvent> pending = outbox.pendingAfter(4, 3, 1 << 20);
            assertEquals(
                    List.of(5L, 6L, 7L),
                    pending.stream().map(OutboxEvent::sequence).toList());
            assertEquals(3, outbox.reopenFrom(3));
            assertEquals(8, outbox.depth());
            assertEquals(2, outbox.summary().highestAcknowledged());
            assertEquals(1, outbox.nextSession());
            assertEquals(2, outbox.nextSession());
        }
        try (SqliteTestOutbox reopened = SqliteTestOutbox.open(file, "t1", wall)) {
            assertEquals(3, reopened.nextSession(), "the session counter survives a reopen");
            assertEquals(8, reopened.depth());
        }
    }

    @Test
    void eventsLookLikeTheTerminalsAndRespectTheByteLimit(@TempDir Path dir) {
        try (SqliteTestOutbox outbox = SqliteTestOutbox.open(dir.resolve("t2.db"), "t2", wall)) {
            outbox.append(5);
            outbox.appendRedemption("m-1", "V-1");
            var event = new Json()
                    .read(outbox.pendingAfter(5, 1, 1024).getFirst().json().getBytes(UTF_8), "event");
            assertEquals("VOUCHER_REDEEMED", event.get("type").asText());
            assertEquals("V-1", event.path("voucher").path("reference").asText());
            for (String field : List.of(
                    "schema",
                    "eventId",
                    "terminal",
                    "seq",
                    "bootId",
                    "monotonicNanos",
                    "wallTime",
                    "clockSynchronized",
                    "type",
                    "member",
                    "points",
                    "stamps")) {
                assertTrue(event.has(field), "event lacks " + field + ": " + event);
            }
            assertEquals(1, outbox.pendingAfter(0, 100, 10).size(), "over the byte limit: the first event only");
        }
    }
}
