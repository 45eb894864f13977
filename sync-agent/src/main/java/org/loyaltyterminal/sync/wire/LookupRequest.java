package org.loyaltyterminal.sync.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * A terminal's question to HQ on its {@code lookup} topic: what is this member's balance?
 *
 * <pre>{"schema":1,"request":"0b6f8a1e-4c3d-4e2f-9a7b-1c2d3e4f5a6b","card":"2412000000017"}</pre>
 *
 * Not signed: it carries no authority, and HQ's answer is. HQ reads it strictly (size first, then
 * schema, fields and nothing else), because anyone who may publish on a terminal's topics can send one.
 */
public record LookupRequest(UUID request, String card) {
    public static final int SCHEMA = 1;
    /** Far above the largest valid request (about 200 bytes with every card character escaped). */
    public static final int MAX_BYTES = 512;

    private static final Set<String> FIELDS = Set.of("schema", "request", "card");

    public LookupRequest {
        if (request == null) {
            throw new IllegalArgumentException("a lookup request needs a request id");
        }
        if (!CardNumbers.isCardNumber(card)) {
            throw new IllegalArgumentException(
                    "a lookup request's card must be 1-" + CardNumbers.MAX_LENGTH + " printable ASCII characters");
        }
    }

    /** A new question about {@code card}, with a fresh random request id. */
    public static LookupRequest of(String card) {
        return new LookupRequest(UUID.randomUUID(), card);
    }

    public byte[] encode(Json json) {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("request", request.toString());
        root.put("card", card);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a request as HQ receives it.
     *
     * @throws WireFormatException saying what is wrong: too large, not JSON, another schema, a
     *     missing, malformed or unknown field
     */
    public static LookupRequest decode(byte[] payload, Json json) {
        if (payload.length > MAX_BYTES) {
            throw new WireFormatException(
                    "lookup request: " + payload.length + " bytes, at most " + MAX_BYTES + " allowed; not parsed");
        }
        JsonNode root = json.read(payload, "lookup request");
        long schema = Json.positiveLong(root, "schema", "lookup request");
        if (schema != SCHEMA) {
            throw new WireFormatException(
                    "lookup request: schema " + schema + ", this software reads schema " + SCHEMA + " only");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new WireFormatException("lookup request: unknown field " + quoted(name));
            }
        }
        UUID request = CardNumbers.requireRequestId(Json.text(root, "request", "lookup request"), "lookup request");
        String card = CardNumbers.requireCard(Json.text(root, "card", "lookup request"), "lookup request");
        return new LookupRequest(request, card);
    }

    /** A field name for a log line: whoever sent it chose it, so only a short printable one is shown. */
    private static String quoted(String name) {
        return name.length() <= 32 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? "'" + name + "'"
                : "(" + name.length() + " characters, not shown)";
    }
}
