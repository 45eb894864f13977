package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxEventsTest {
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), false, 123_456_789L);
    private final OutboxEvents events = new OutboxEvents("b0a7-1d");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPointsRowCarriesWhatHqNeedsToDeduplicateAndOrderIt() throws Exception {
        LedgerEntry points = new LedgerEntry(
                42,
                "till-01",
                "2412000000016",
                LedgerKind.POINTS,
                Optional.of("points"),
                3,
                0,
                12,
                "0000001001",
                "visit-7",
                TIME);
        JsonNode event = json.readTree(events.payload(points));
        List<String> fields = new ArrayList<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertEquals(
                List.of(
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
                        "campaign",
                        "bundleVersion",
                        "stamps",
                        "points",
                        "reference",
                        "visit"),
                fields,
                "field set and order of schema version 1");
        assertEquals(1, event.get("schema").asInt()); // schema version, bumped on any change
        assertEquals("till-01", event.get("terminal").asText()); // de-duplication key, part 1
        assertEquals(42, event.get("seq").asLong()); // de-duplication key, part 2
        assertEquals("b0a7-1d", event.get("bootId").asText()); // monotonic times compare within a boot
        assertEquals(123_456_789L, event.get("monotonicNanos").asLong());
        assertEquals("2026-11-23T09:15:00Z", event.get("wallTime").asText());
        assertFalse(event.get("clockSynchronized").asBoolean()); // the Pi had no NTP yet
        assertEquals("POINTS", event.get("type").asText());
        assertEquals(12, event.get("points").asLong());
        assertEquals("0000001001", event.get("reference").asText());
    }

    @Test
    void anEnrolmentHasNoCampaignAndEveryEventItsOwnId() throws Exception {
        LedgerEntry enrolled = new LedgerEntry(
                1,
                "till-01",
                "2412000000016",
                LedgerKind.ENROLLED,
                Optional.empty(),
                0,
                0,
                0,
                "2412000000016",
                "visit-1",
                TIME);
        JsonNode first = json.readTree(events.payload(enrolled));
        JsonNode second = json.readTree(events.payload(enrolled));
        assertFalse(first.has("campaign"));
        assertNotEquals(first.get("eventId").asText(), second.get("eventId").asText());
    }
}
