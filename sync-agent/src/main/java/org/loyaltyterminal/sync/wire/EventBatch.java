package org.loyaltyterminal.sync.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;

/**
 * A batch of events from one terminal, as published on its {@code events} topic:
 *
 * <pre>{"schema":1,"terminal":"t1","bootId":"…","session":7,"first":101,"last":150,"events":[{…},…]}</pre>
 *
 * The events are the outbox's JSON objects, copied verbatim: each carries its own id, sequence,
 * boot id, monotonic and wall time, clock flag and schema version. HQ de-duplicates by
 * (terminal, event sequence), so a batch sent twice is harmless.
 */
public record EventBatch(String terminal, String bootId, long session, List<OutboxEvent> events) {
    public static final int SCHEMA = 1;

    public EventBatch {
        events = List.copyOf(events);
        Topics.requireLevel("terminal", terminal);
        if (!bootId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("boot id must be 1-64 letters, digits or '-'");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    public long first() {
        return events.getFirst().sequence();
    }

    public long last() {
        return events.getLast().sequence();
    }

    /** Encoded without re-parsing the events: they are our own JSON objects. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(64 + events.size() * 512);
        out.append("{\"schema\":")
                .append(SCHEMA)
                .append(",\"terminal\":\"")
                .append(terminal)
                .append('"')
                .append(",\"bootId\":\"")
                .append(bootId)
                .append('"')
                .append(",\"session\":")
                .append(session)
                .append(",\"first\":")
                .append(first())
                .append(",\"last\":")
                .append(last())
                .append(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(events.get(i).json());
        }
        return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A batch as HQ received it, with each event's parsed form (so it is parsed once). */
    public record Decoded(EventBatch batch, List<JsonNode> events) {}

    /**
     * Reads a batch as HQ receives it. Every event must be an object whose {@code seq} lies in
     * [first, last] and whose {@code terminal} is the batch's terminal.
     */
    public static EventBatch decode(byte[] payload, Json json) {
        return decodeTree(payload, json).batch();
    }

    /** {@link #decode}, keeping each event's parsed form. */
    public static Decoded decodeTree(byte[] payload, Json json) {
        JsonNode root = json.read(payload, "event batch");
        Json.requireSchema(root, SCHEMA, "event batch");
        String terminal = Json.text(root, "terminal", "event batch");
        String bootId = Json.text(root, "bootId", "event batch");
        long session = Json.nonNegativeLong(root, "session", "event batch");
        long first = Json.positiveLong(root, "first", "event batch");
        long last = Json.positiveLong(root, "last", "event batch");
        JsonNode array = root.get("events");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new WireFormatException("event batch: 'events' must be a non-empty array");
        }
        List<OutboxEvent> events = new ArrayList<>(array.size());
        List<JsonNode> nodes = new ArrayList<>(array.size());
        for (JsonNode event : array) {
            String what = "event batch " + terminal + " [" + first + ".." + last + "]";
            if (!event.isObject()) {
                throw new WireFormatException(what + ": every event must be an object");
            }
            long seq = Json.positiveLong(event, "seq", what);
            if (seq < first || seq > last) {
                throw new WireFormatException(what + ": event seq " + seq + " lies outside the batch");
            }
            if (!terminal.equals(Json.text(event, "terminal", what))) {
                throw new WireFormatException(what + ": event " + seq + " names another terminal");
            }
            events.add(new OutboxEvent(seq, event.toString()));
            nodes.add(event);
        }
        return new Decoded(new EventBatch(terminal, bootId, session, events), List.copyOf(nodes));
    }
}
