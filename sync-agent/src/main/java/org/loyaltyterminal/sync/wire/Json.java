package org.loyaltyterminal.sync.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Strict JSON reading shared by every payload: duplicate keys and trailing garbage are errors. */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public JsonNode read(byte[] payload, String what) {
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new WireFormatException(what + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WireFormatException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new WireFormatException(what + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    public static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new WireFormatException(what + ": field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    public static long positiveLong(JsonNode node, String field, String what) {
        long value = nonNegativeLong(node, field, what);
        if (value == 0) {
            throw new WireFormatException(what + ": field '" + field + "' must be positive");
        }
        return value;
    }

    public static long nonNegativeLong(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireFormatException(what + ": field '" + field + "' must be an integer");
        }
        long v = value.asLong();
        if (v < 0) {
            throw new WireFormatException(what + ": field '" + field + "' must not be negative, was " + v);
        }
        return v;
    }

    public static void requireSchema(JsonNode node, int supported, String what) {
        long schema = positiveLong(node, "schema", what);
        if (schema > supported) {
            throw new WireFormatException(what + ": schema " + schema + " is newer than this software understands ("
                    + supported + "); update the software");
        }
    }
}
