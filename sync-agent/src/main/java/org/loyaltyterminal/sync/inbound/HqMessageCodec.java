package org.loyaltyterminal.sync.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.EnvelopeRejectedException;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.signing.SignedEnvelope;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * Signed messages from HQ, both ways: HQ's tool writes them, the terminal reads them. The body:
 *
 * <pre>{"schema":1,"kind":"campaigns"|"command"|"member-snapshot"|"vouchers-redeemed",
 *  "target":{"chain":"c","store":"s","terminal":"t"},"version":42,"issuedAt":"2026-…Z","payload":{…}}</pre>
 *
 * Reading checks, in this order and before anything is applied: size, envelope, signature, body
 * schema, that the kind belongs on the topic it came by, that the target includes this terminal,
 * and the payload's shape. The version against the one in force is the terminal's to check.
 */
public final class HqMessageCodec {
    public static final int SCHEMA = 1;
    static final int MAX_VOUCHERS = 10_000;

    private final Json json = new Json();

    /** Kinds, as named on the wire. */
    public enum Kind {
        CAMPAIGNS("campaigns"),
        COMMAND("command"),
        MEMBER_SNAPSHOT("member-snapshot"),
        VOUCHERS_REDEEMED("vouchers-redeemed");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Kind> of(String wire) {
            for (Kind kind : values()) {
                if (kind.wire.equals(wire)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Encodes and signs a message: HQ's side. */
    public byte[] write(
            Kind kind, Target target, long version, Instant issuedAt, JsonNode payload, String keyId, PrivateKey key) {
        ObjectNode body = json.mapper().createObjectNode();
        body.put("schema", SCHEMA);
        body.put("kind", kind.wire());
        ObjectNode targetNode = body.putObject("target");
        targetNode.put("chain", target.chain());
        target.store().ifPresent(s -> targetNode.put("store", s));
        target.terminal().ifPresent(t -> targetNode.put("terminal", t));
        body.put("version", version);
        body.put("issuedAt", issuedAt.toString());
        body.set("payload", payload);
        try {
            return SignedEnvelope.sign(json.mapper().writeValueAsBytes(body), keyId, key);
        } catch (JsonProcessingException e) {
            throw new SyncException("message body could not be encoded: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a message that arrived on {@code topic} for the terminal {@code me}.
     *
     * @throws RefusedMessageException naming why it is not applied
     */
    public HqMessage read(String topic, byte[] payload, Topics me, HqKeyRing keys, int maxBytes) {
        if (payload.length > maxBytes) {
            throw new RefusedMessageException(
                    Refusal.OVERSIZED,
                    payload.length + " bytes on " + topic + ", limit " + maxBytes + " (hq.max-message-bytes)");
        }
        byte[] bodyBytes;
        try {
            bodyBytes = SignedEnvelope.open(payload, keys, json);
        } catch (EnvelopeRejectedException e) {
            throw new RefusedMessageException(refusalFor(e.reason()), e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = json.read(bodyBytes, "signed body");
            long schema = Json.positiveLong(body, "schema", "signed body");
            if (schema > SCHEMA) {
                throw new RefusedMessageException(
                        Refusal.UNSUPPORTED_SCHEMA,
                        "body schema " + schema + ", this terminal understands " + SCHEMA
                                + "; update the terminal software");
            }
        } catch (WireFormatException e) {
            throw new RefusedMessageException(Refusal.INVALID_CONTENT, e.getMessage(), e);
        }
        try {
            String kindName = Json.text(body, "kind", "signed body");
            Kind kind = Kind.of(kindName)
                    .orElseThrow(() ->
                            new RefusedMessageException(Refusal.INVALID_CONTENT, "unknown kind '" + kindName + "'"));
            if (!allowedOn(topic, me).contains(kind)) {
                throw new RefusedMessageException(Refusal.WRONG_TOPIC, "a '" + kind.wire() + "' message on " + topic);
            }
            Target target = target(body.get("target"));
            if (!target.includes(me)) {
                throw new RefusedMessageException(
                        Refusal.NOT_FOR_THIS_TERMINAL,
                        "target " + target.path() + ", this terminal is " + me.chain() + "/" + me.store() + "/"
                                + me.terminal());
            }
            long version = Json.positiveLong(body, "version", "signed body");
            Instant issuedAt = instant(body, "issuedAt");
            JsonNode content = body.get("payload");
            if (content == null || !content.isObject()) {
                throw new WireFormatException("'payload' must be an object");
            }
            return switch (kind) {
                case CAMPAIGNS -> new HqMessage.CampaignBundle(target, version, issuedAt, content.toString());
                case COMMAND -> command(target, version, issuedAt, content);
                case MEMBER_SNAPSHOT -> snapshot(target, version, issuedAt, content);
                case VOUCHERS_REDEEMED -> vouchers(target, version, issuedAt, content);
            };
        } catch (WireFormatException | IllegalArgumentException e) {
            throw new RefusedMessageException(Refusal.INVALID_CONTENT, e.getMessage(), e);
        }
    }

    private static List<Kind> allowedOn(String topic, Topics me) {
        if (topic.equals(me.chainCampaigns()) || topic.equals(me.storeCampaigns())) {
            return List.of(Kind.CAMPAIGNS);
        }
        if (topic.equals(me.chainCommands())
                || topic.equals(me.storeCommands())
                || topic.equals(me.terminalCommands())) {
            return List.of(Kind.COMMAND);
        }
        if (topic.equals(me.members())) {
            return List.of(Kind.MEMBER_SNAPSHOT, Kind.VOUCHERS_REDEEMED);
        }
        return List.of();
    }

    private static Target target(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new WireFormatException("'target' must be an object with at least 'chain'");
        }
        Optional<String> store = node.has("store") ? Optional.of(Json.text(node, "store", "target")) : Optional.empty();
        Optional<String> terminal =
                node.has("terminal") ? Optional.of(Json.text(node, "terminal", "target")) : Optional.empty();
        try {
            return new Target(Json.text(node, "chain", "target"), store, terminal);
        } catch (SyncException e) {
            throw new WireFormatException("target: " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(Json.text(node, field, "signed body"));
        } catch (DateTimeParseException e) {
            throw new WireFormatException("'" + field + "' is not an ISO-8601 instant such as 2026-11-23T10:00:00Z", e);
        }
    }

    private static HqMessage command(Target target, long version, Instant issuedAt, JsonNode content) {
        String type = Json.text(content, "type", "command");
        return switch (type) {
            case "erase-member" -> new HqMessage.EraseMember(target, version, issuedAt, card(content));
            case "resend-from" ->
                new HqMessage.ResendFrom(
                        target, version, issuedAt, Json.positiveLong(content, "sequence", "resend-from command"));
            default ->
                throw new WireFormatException(
                        "unknown command type '" + type + "'; this terminal knows erase-member and resend-from");
        };
    }

    private static String card(JsonNode content) {
        String card = Json.text(content, "card", "member message");
        if (card.length() > 64 || !card.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
            throw new WireFormatException("'card' must be 1-64 printable ASCII characters");
        }
        return card;
    }

    private static HqMessage snapshot(Target target, long version, Instant issuedAt, JsonNode content) {
        Map<String, Integer> stamps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : objectField(content, "stamps").properties()) {
            long n = Json.nonNegativeLong(content.get("stamps"), e.getKey(), "member snapshot stamps");
            if (n > Integer.MAX_VALUE) {
                throw new WireFormatException("member snapshot: stamps for '" + e.getKey() + "' are implausible");
            }
            stamps.put(e.getKey(), (int) n);
        }
        Map<String, Long> includes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : objectField(content, "includes").properties()) {
            Topics.requireLevel("terminal", e.getKey());
            includes.put(
                    e.getKey(), Json.nonNegativeLong(content.get("includes"), e.getKey(), "member snapshot includes"));
        }
        return new HqMessage.MemberSnapshot(
                target,
                version,
                issuedAt,
                card(content),
                Json.nonNegativeLong(content, "points", "member snapshot"),
                stamps,
                includes);
    }

    private static JsonNode objectField(JsonNode content, String field) {
        JsonNode node = content.get(field);
        if (node == null || !node.isObject()) {
            throw new WireFormatException("member snapshot: '" + field + "' must be an object");
        }
        return node;
    }

    private static HqMessage vouchers(Target target, long version, Instant issuedAt, JsonNode content) {
        JsonNode list = content.get("vouchers");
        if (list == null || !list.isArray() || list.size() > MAX_VOUCHERS) {
            throw new WireFormatException("'vouchers' must be an array of at most " + MAX_VOUCHERS + " entries");
        }
        List<HqMessage.RedeemedElsewhere> vouchers = new ArrayList<>(list.size());
        for (JsonNode v : list) {
            if (!v.isObject()) {
                throw new WireFormatException("every entry of 'vouchers' must be an object");
            }
            String terminal = Json.text(v, "terminal", "redeemed voucher");
            Topics.requireLevel("terminal", terminal);
            vouchers.add(new HqMessage.RedeemedElsewhere(
                    Json.text(v, "reference", "redeemed voucher"), terminal, instant(v, "at")));
        }
        return new HqMessage.VouchersRedeemed(target, version, issuedAt, vouchers);
    }

    private static Refusal refusalFor(EnvelopeRejectedException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> Refusal.MALFORMED;
            case UNSIGNED -> Refusal.UNSIGNED;
            case UNKNOWN_KEY -> Refusal.UNKNOWN_KEY;
            case BAD_SIGNATURE -> Refusal.BAD_SIGNATURE;
        };
    }
}
