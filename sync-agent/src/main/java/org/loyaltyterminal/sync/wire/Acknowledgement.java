package org.loyaltyterminal.sync.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * HQ's application-level acknowledgement on a terminal's {@code acks} topic: every event of the
 * terminal up to and including {@code upTo} is durably stored at HQ.
 * <pre>{"schema":1,"terminal":"t1","upTo":150}</pre>
 */
public record Acknowledgement(String terminal, long upTo) {
    public static final int SCHEMA = 1;

    public byte[] encode() {
        return ("{\"schema\":" + SCHEMA + ",\"terminal\":\"" + terminal + "\",\"upTo\":" + upTo + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Acknowledgement decode(byte[] payload, Json json) {
        JsonNode root = json.read(payload, "acknowledgement");
        Json.requireSchema(root, SCHEMA, "acknowledgement");
        return new Acknowledgement(
                Json.text(root, "terminal", "acknowledgement"), Json.nonNegativeLong(root, "upTo", "acknowledgement"));
    }
}
