package org.loyaltyterminal.hq.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.wire.Json;

/**
 * The conflict event HQ publishes on {@code loyalty/v1/{chain}/hq/conflicts}:
 * <pre>{"schema":1,"kind":"voucher-redeemed-twice","chain":"c","reference":"V-1",
 *  "first":{"store":"s1","terminal":"t1","seq":12,"wallTime":"…","member":"m-1"},
 *  "second":{…},"detectedAt":"…"}</pre>
 */
public final class ConflictMessage {
    public static final int SCHEMA = 1;

    private ConflictMessage() {}

    public static byte[] encode(Conflict conflict, Json json) {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("kind", Conflict.KIND);
        root.put("chain", conflict.chain());
        root.put("reference", conflict.reference());
        put(root.putObject("first"), conflict.first());
        put(root.putObject("second"), conflict.second());
        root.put("detectedAt", conflict.detectedAt().toString());
        try {
            return json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new HqException("conflict on voucher " + conflict.reference() + " could not be encoded", e);
        }
    }

    private static void put(ObjectNode node, Conflict.Redemption r) {
        node.put("store", r.store());
        node.put("terminal", r.terminal());
        node.put("seq", r.seq());
        node.put("wallTime", r.wallTime());
        node.put("member", r.member());
    }
}
