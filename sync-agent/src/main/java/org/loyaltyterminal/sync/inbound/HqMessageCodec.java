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
import java.util.UUID;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.EnvelopeRejectedException;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.signing.SignedEnvelope;
import org.loyaltyterminal.sync.wire.CardNumbers;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * Signed messages from HQ, both ways: HQ's tool writes them, the terminal reads them. The body:
 *
 * <pre>{"schema":1,"kind":"campaigns"|"command"|"member-snapshot"|"vouchers-redeemed"|"member-account",
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
        VOUCHERS_REDEEMED("vouchers-redeemed"),
        MEMBER_ACCOUNT("member-account");

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
     * Encodes and signs HQ's answer to a terminal's balance question, for its {@code lookup-reply}
     * topic ({@link Topics#lookupReply()}): {@code known = false} carries no balance fields.
     */
    public byte[] writeMemberAccount(HqMessage.MemberAccount account, String keyId, PrivateKey key) {
        ObjectNode payload = json.mapper().createObjectNode();
        payload.put("request", account.request().toString());
        payload.put("card", account.card());
        payload.put("known", account.known());
        if (account.known()) {
            payload.put("points", account.points());
            ObjectNode stamps = payload.putObject("stamps");
            account.stamps().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> stamps.put(e.getKey(), e.getValue()));
            ObjectNode includes = payload.putObject("includes");
            account.includes().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> includes.put(e.getKey(), e.getValue()));
        }
        return write(Kind.MEMBER_ACCOUNT, account.target(), account.version(), account.issuedAt(), payload, keyId, key);
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
            if (kind == Kind.MEMBER_ACCOUNT && target.terminal().isEmpty()) {
                throw new WireFormatException("a member-account answers one terminal's question; its target "
                        + target.path() + " names no terminal");
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
                case MEMBER_ACCOUNT -> account(target, version, issuedAt, content);
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
        if (topic.equals(me.members()) || topic.equals(me.storeMembers())) {
            return List.of(Kind.MEMBER_SNAPSHOT, Kind.VOUCHERS_REDEEMED);
        }
        if (topic.equals(me.lookupReply())) {
            return List.of(Kind.MEMBER_ACCOUNT);
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
            case "erase-member" ->
                new HqMessage.EraseMember(target, version, issuedAt, card(content), pseudonym(content));
            case "resend-from" ->
                new HqMessage.ResendFrom(
                        target, version, issuedAt, Json.positiveLong(content, "sequence", "resend-from command"));
            default ->
                throw new WireFormatException(
                        "unknown command type '" + type + "'; this terminal knows erase-member and resend-from");
        };
    }

    private static String card(JsonNode content) {
        return CardNumbers.requireCard(Json.text(content, "card", "member message"), "member message");
    }

    /** Absent: the till draws one. Present: exactly {@link HqMessage.EraseMember#PSEUDONYM}, nothing else. */
    private static Optional<String> pseudonym(JsonNode content) {
        if (!content.has("pseudonym")) {
            return Optional.empty();
        }
        String pseudonym = Json.text(content, "pseudonym", "erase-member command");
        if (!HqMessage.EraseMember.PSEUDONYM.matcher(pseudonym).matches()) {
            throw new WireFormatException(
                    "erase-member command: 'pseudonym' must match " + HqMessage.EraseMember.PSEUDONYM.pattern());
        }
        return Optional.of(pseudonym);
    }

    /** The balance fields a snapshot and a known account share. */
    private record Balance(long points, Map<String, Integer> stamps, Map<String, Long> includes) {}

    private static Balance balance(JsonNode content, String what) {
        Map<String, Integer> stamps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e :
                objectField(content, "stamps", what).properties()) {
            long n = Json.nonNegativeLong(content.get("stamps"), e.getKey(), what + " stamps");
            if (n > Integer.MAX_VALUE) {
                throw new WireFormatException(what + ": stamps for '" + e.getKey() + "' are implausible");
            }
            stamps.put(e.getKey(), (int) n);
        }
        Map<String, Long> includes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e :
                objectField(content, "includes", what).properties()) {
            requireTerminal(e.getKey(), what + " includes");
            includes.put(e.getKey(), Json.nonNegativeLong(content.get("includes"), e.getKey(), what + " includes"));
        }
        return new Balance(Json.nonNegativeLong(content, "points", what), stamps, includes);
    }

    private static HqMessage snapshot(Target target, long version, Instant issuedAt, JsonNode content) {
        Balance balance = balance(content, "member snapshot");
        return new HqMessage.MemberSnapshot(
                target, version, issuedAt, card(content), balance.points(), balance.stamps(), balance.includes());
    }

    private static HqMessage account(Target target, long version, Instant issuedAt, JsonNode content) {
        UUID request = CardNumbers.requireRequestId(Json.text(content, "request", "member account"), "member account");
        String card = card(content);
        JsonNode known = content.get("known");
        if (known == null || !known.isBoolean()) {
            throw new WireFormatException("member account: field 'known' must be true or false");
        }
        if (!known.booleanValue()) {
            for (String field : List.of("points", "stamps", "includes")) {
                if (content.has(field)) {
                    throw new WireFormatException(
                            "member account: an account HQ does not know ('known': false) has no '" + field + "'");
                }
            }
            return HqMessage.MemberAccount.unknown(target, version, issuedAt, request, card);
        }
        Balance balance = balance(content, "member account");
        return new HqMessage.MemberAccount(
                target, version, issuedAt, request, card, true, balance.points(), balance.stamps(), balance.includes());
    }

    private static JsonNode objectField(JsonNode content, String field, String what) {
        JsonNode node = content.get(field);
        if (node == null || !node.isObject()) {
            throw new WireFormatException(what + ": '" + field + "' must be an object");
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
            requireTerminal(terminal, "redeemed voucher");
            vouchers.add(new HqMessage.RedeemedElsewhere(
                    Json.text(v, "reference", "redeemed voucher"), terminal, instant(v, "at")));
        }
        return new HqMessage.VouchersRedeemed(target, version, issuedAt, vouchers);
    }

    /** A terminal id inside a payload: refused as content (not a link failure) when it is not one. */
    private static void requireTerminal(String terminal, String what) {
        try {
            Topics.requireLevel("terminal", terminal);
        } catch (SyncException e) {
            throw new WireFormatException(what + ": " + e.getMessage(), e);
        }
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
