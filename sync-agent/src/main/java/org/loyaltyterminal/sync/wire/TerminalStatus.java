package org.loyaltyterminal.sync.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A terminal's retained status: the birth message on every connect, the last will, and the
 * explicit offline message before a graceful disconnect. The session number increases on every
 * connect and is the same in the birth and the will of one connection, so HQ ignores a will
 * whose session is older than the newest birth it has seen.
 *
 * @param online            true for a birth, false for a will or a shutdown
 * @param reason            why offline: {@code connection-lost} (the will) or {@code shutdown}
 * @param campaignVersions  version in force per campaign scope
 * @param devices           state per device, as on the status page
 * @param oldestUnackedSeconds age of the oldest event HQ has not acknowledged
 */
public record TerminalStatus(
        String terminal,
        boolean online,
        String reason,
        long session,
        String bootId,
        String software,
        Instant at,
        boolean clockSynchronized,
        Map<String, Long> campaignVersions,
        long outboxDepth,
        Optional<Long> oldestUnackedSeconds,
        long lastAcknowledged,
        long refusedMessages,
        Map<String, String> devices) {
    public static final int SCHEMA = 1;

    public TerminalStatus {
        campaignVersions = Map.copyOf(campaignVersions);
        devices = Map.copyOf(devices);
    }

    public byte[] encode(Json json) {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("terminal", terminal);
        root.put("state", online ? "online" : "offline");
        root.put("reason", reason);
        root.put("session", session);
        root.put("bootId", bootId);
        root.put("software", software);
        root.put("at", at.toString());
        root.put("clockSynchronized", clockSynchronized);
        ObjectNode versions = root.putObject("campaignVersions");
        new TreeMap<>(campaignVersions).forEach(versions::put);
        ObjectNode outbox = root.putObject("outbox");
        outbox.put("depth", outboxDepth);
        oldestUnackedSeconds.ifPresent(age -> outbox.put("oldestUnackedSeconds", age));
        outbox.put("lastAcknowledged", lastAcknowledged);
        root.put("refusedMessages", refusedMessages);
        ObjectNode deviceNode = root.putObject("devices");
        new TreeMap<>(devices).forEach(deviceNode::put);
        try {
            return json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("status of " + terminal + " could not be encoded", e);
        }
    }

    /**
     * The last will, set when the connection is made and published by the broker whenever that
     * connection dies: offline, reason {@code connection-lost}. Its {@code at} stays the connect
     * time (the only time known when the will is set) and it names no device state, since the
     * devices' state at connect time says nothing about the outage.
     */
    public TerminalStatus lastWill() {
        return new TerminalStatus(
                terminal,
                false,
                LAST_WILL_REASON,
                session,
                bootId,
                software,
                at,
                clockSynchronized,
                campaignVersions,
                outboxDepth,
                oldestUnackedSeconds,
                lastAcknowledged,
                refusedMessages,
                Map.of());
    }

    /** The reason a last will carries. */
    public static final String LAST_WILL_REASON = "connection-lost";

    /** Whether this is a connection's last will, whose {@code at} is its connect time, not the outage's. */
    public boolean isLastWill() {
        return !online && LAST_WILL_REASON.equals(reason);
    }

    /** The same message with the state set offline, for the shutdown notice. */
    public TerminalStatus offline(String why) {
        return new TerminalStatus(
                terminal,
                false,
                why,
                session,
                bootId,
                software,
                at,
                clockSynchronized,
                campaignVersions,
                outboxDepth,
                oldestUnackedSeconds,
                lastAcknowledged,
                refusedMessages,
                devices);
    }

    public static TerminalStatus decode(byte[] payload, Json json) {
        JsonNode root = json.read(payload, "terminal status");
        Json.requireSchema(root, SCHEMA, "terminal status");
        String state = Json.text(root, "state", "terminal status");
        if (!state.equals("online") && !state.equals("offline")) {
            throw new WireFormatException("terminal status: state must be online or offline, was " + state);
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        JsonNode versionNode = root.path("campaignVersions");
        versionNode
                .properties()
                .forEach(e -> versions.put(e.getKey(), e.getValue().asLong()));
        Map<String, String> devices = new LinkedHashMap<>();
        root.path("devices")
                .properties()
                .forEach(e -> devices.put(e.getKey(), e.getValue().asText()));
        JsonNode outbox = root.path("outbox");
        Instant at;
        try {
            at = Instant.parse(Json.text(root, "at", "terminal status"));
        } catch (DateTimeParseException e) {
            throw new WireFormatException("terminal status: 'at' is not an ISO-8601 instant", e);
        }
        return new TerminalStatus(
                Json.text(root, "terminal", "terminal status"),
                state.equals("online"),
                Json.text(root, "reason", "terminal status"),
                Json.nonNegativeLong(root, "session", "terminal status"),
                Json.text(root, "bootId", "terminal status"),
                Json.text(root, "software", "terminal status"),
                at,
                root.path("clockSynchronized").asBoolean(false),
                versions,
                outbox.path("depth").asLong(0),
                outbox.has("oldestUnackedSeconds")
                        ? Optional.of(outbox.get("oldestUnackedSeconds").asLong())
                        : Optional.empty(),
                outbox.path("lastAcknowledged").asLong(0),
                root.path("refusedMessages").asLong(0),
                devices);
    }
}
