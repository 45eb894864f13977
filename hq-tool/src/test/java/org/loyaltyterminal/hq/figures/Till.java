package org.loyaltyterminal.hq.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;

/** A made-up terminal and its events (seq 1..n) as a till writes them, cut into batches for the store. */
record Till(Topics where, List<Till.Event> events) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Json JSON = new Json();

    Till {
        events = List.copyOf(events);
    }

    /**
     * One ledger row's event. {@code member}, {@code campaign}, {@code visit} and {@code type} may
     * be null (left out of the JSON); {@code wallTime} null means the event carries none.
     *
     * @param offset the UTC offset the wall time is written with (HQ turns it into UTC)
     */
    record Event(
            String type,
            String member,
            String campaign,
            long points,
            long stamps,
            String visit,
            Instant wallTime,
            ZoneOffset offset) {}

    static Event event(
            String type, String member, String campaign, long points, long stamps, String visit, Instant at) {
        return new Event(type, member, campaign, points, stamps, visit, at, ZoneOffset.ofHours(1));
    }

    String name() {
        return where.terminal();
    }

    EventStore.Received batch(long first, long last) {
        List<OutboxEvent> out = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            String json = json(seq);
            out.add(new OutboxEvent(seq, json));
            nodes.add(JSON.read(json.getBytes(StandardCharsets.UTF_8), "event"));
        }
        return new EventStore.Received(where, new EventBatch.Decoded(new EventBatch(name(), "boot-1", 1, out), nodes));
    }

    EventStore.Received all() {
        return batch(1, events.size());
    }

    private String json(long seq) {
        Event e = events.get((int) seq - 1);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema", 1);
        node.put("seq", seq);
        node.put("terminal", name());
        node.put("eventId", name() + "-" + seq);
        if (e.wallTime() != null) {
            node.put("wallTime", e.wallTime().atOffset(e.offset()).toString());
        }
        if (e.type() != null) {
            node.put("type", e.type());
        }
        if (e.member() != null) {
            node.put("member", e.member());
        }
        if (e.campaign() != null) {
            node.put("campaign", e.campaign());
        }
        node.put("points", e.points());
        node.put("stamps", e.stamps());
        if (e.visit() != null) {
            node.put("visit", e.visit());
        }
        if ("VOUCHER_REDEEMED".equals(e.type())) {
            node.putObject("voucher").put("reference", name() + "-V-" + seq);
        }
        return node.toString();
    }
}
