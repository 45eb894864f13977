package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One change to a campaign bundle, made up from a random source: a field or element left out, a
 * value replaced (by one of its own kind near a limit, or by any JSON value), a field added, an
 * element repeated, or the format changed.
 *
 * @param what   the change in words, for a failure message
 * @param at     the path of what changed
 * @param around the path of the object or array it changed in ({@code $} at the top)
 */
record BundleMutation(String what, JsonPath at, JsonPath around) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> NUMBERS = List.of(
            "-1",
            "0",
            "1",
            "2",
            "3",
            "99",
            "100",
            "101",
            "255",
            "256",
            "400",
            "401",
            "999",
            "1000",
            "1001",
            "3650",
            "3651",
            "86400",
            "86401",
            "1000000",
            "1000001",
            "100000000",
            "100000001",
            "2147483647",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-1000",
            "-1001",
            "10.0",
            "1.5",
            "1E+2",
            "1E+400");
    private static final List<String> STRINGS = List.of(
            "",
            " ",
            "\t",
            "\n",
            "\u00a0",
            "\u2003",
            "\u001c",
            "\ufeff",
            "x",
            "X",
            "coffee",
            "Coffee-Card",
            "-x",
            "a".repeat(64),
            "a".repeat(65),
            "coffee-card\n",
            "free-coffee",
            "cake",
            "4001",
            "4006381333931",
            "SKU-17",
            "REWARD-COFFEE",
            "CTRL-1",
            "REWARD-CAKE",
            "TAKE-REWARD",
            "REF-",
            "stamp-card",
            "points",
            "bonus",
            "buy-x-get-y",
            "lottery",
            "down",
            "half-up",
            "nearest",
            "receipt",
            "items",
            "welcome",
            "birthday",
            "nth-visit",
            "day",
            "week",
            "month",
            "year",
            "chain",
            "store",
            "region",
            "cheapest",
            "next",
            "random",
            "visits",
            "MON",
            "FRI",
            "FRIDAY",
            "fri");
    private static final List<String> TIMES = List.of(
            "17:00",
            "19:00",
            "00:00",
            "23:59",
            "24:00",
            "7:00",
            "17:60",
            "17:00\n",
            "17:00:00",
            "5pm",
            "\u0661\u0667:00");
    private static final List<String> DATE_TIMES = List.of(
            "2026-01-01T00:00:00Z",
            "2026-01-01t00:00:00z",
            "2026-01-01T00:00Z",
            "2026-01-01T00:00:00+01:00:30",
            "2026-01-01T00:00:00.123456789Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-12-31T23:59:60Z",
            "2026-01-01T00:00:00+19:00",
            "2026-01-01T00:00:00+18:00",
            "2026-01-01T00:00:00-18:00",
            "2026-01-01T00:00:00-00:00",
            "2026-01-01T00:00:00+00:00",
            "2026-02-29T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+0100",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+01",
            "2026-01-01T00:00:00Z\n",
            "2026-01-01T00:00:00Z ",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01",
            "2100-01-01T00:00:00+01:00",
            "1970-01-01T00:00:00Z",
            "soon");
    private static final List<String> ANY = List.of(
            "null",
            "true",
            "false",
            "[]",
            "{}",
            "[\"x\"]",
            "[\"\"]",
            "[1]",
            "{\"x\": 1}",
            "{\"categories\": [\"coffee\"]}");
    private static final List<String> FIELD_NAMES = List.of(
            "x",
            "$schema",
            "comment",
            "stampPerItem",
            "cardsize",
            "unitCents",
            "voucher",
            "scope",
            "priority",
            "id",
            "type",
            "pointsPerItem",
            "basis",
            "qualifying",
            "rewards",
            "tiers",
            "n",
            "period",
            "expiresAfterDays",
            "spendsAllPoints",
            "pointsCost",
            "priceCents",
            "validUntil");

    /** A node of the bundle and where it is. */
    private record Place(JsonNode node, JsonPath path, JsonNode parent, JsonPath parentPath, String name, int index) {}

    /** Changes {@code root} in place. */
    static BundleMutation apply(ObjectNode root, Random random) {
        List<Place> places = new ArrayList<>();
        collect(root, JsonPath.ROOT, null, JsonPath.ROOT, null, -1, places);
        int kind = random.nextInt(100);
        if (kind < 5) {
            int format = 1 + random.nextInt(3);
            root.put("format", format);
            return new BundleMutation("format " + format, JsonPath.ROOT.field("format"), JsonPath.ROOT);
        }
        if (kind < 15) {
            List<Place> arrays = places.stream()
                    .filter(p -> p.node().isArray() && !p.node().isEmpty())
                    .toList();
            if (!arrays.isEmpty()) {
                Place array = arrays.get(random.nextInt(arrays.size()));
                JsonNode copy =
                        array.node().get(random.nextInt(array.node().size())).deepCopy();
                ((ArrayNode) array.node()).add(copy);
                JsonPath at = array.path().index(array.node().size() - 1);
                return new BundleMutation("repeat an element at " + at.expression(), at, array.path());
            }
        }
        if (kind < 30) {
            List<Place> objects =
                    places.stream().filter(p -> p.node().isObject()).toList();
            Place object = objects.get(random.nextInt(objects.size()));
            String name = FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size()));
            JsonNode value = anyValue(random);
            ((ObjectNode) object.node()).set(name, value);
            JsonPath at = object.path().field(name);
            return new BundleMutation("set " + at.expression() + " to " + value, at, object.path());
        }
        List<Place> inner = places.stream().filter(p -> p.parent() != null).toList();
        Place place = inner.get(random.nextInt(inner.size()));
        if (kind < 50) {
            if (place.parent() instanceof ObjectNode object) {
                object.remove(place.name());
            } else {
                ((ArrayNode) place.parent()).remove(place.index());
            }
            return new BundleMutation("leave out " + place.path().expression(), place.path(), place.parentPath());
        }
        JsonNode value = random.nextInt(100) < 75 ? sameKind(place.node(), random) : anyValue(random);
        if (place.parent() instanceof ObjectNode object) {
            object.set(place.name(), value);
        } else {
            ((ArrayNode) place.parent()).set(place.index(), value);
        }
        return new BundleMutation(
                "replace " + place.path().expression() + " by " + value, place.path(), place.parentPath());
    }

    /** A value of the same JSON kind as {@code node}, near the limits the format sets for such values. */
    private static JsonNode sameKind(JsonNode node, Random random) {
        if (node.isNumber()) {
            return number(NUMBERS.get(random.nextInt(NUMBERS.size())));
        }
        if (node.isTextual() && node.asText().matches("\\d{4}-.*")) {
            return NODES.textNode(DATE_TIMES.get(random.nextInt(DATE_TIMES.size())));
        }
        if (node.isTextual() && node.asText().matches("\\d\\d:\\d\\d")) {
            return NODES.textNode(TIMES.get(random.nextInt(TIMES.size())));
        }
        if (node.isTextual() && random.nextInt(100) < 40) {
            return NODES.textNode(variant(node.asText(), random));
        }
        if (node.isTextual()) {
            return NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
        }
        if (node.isBoolean()) {
            return NODES.booleanNode(!node.booleanValue());
        }
        if (node.isArray()) {
            ArrayNode emptied = NODES.arrayNode();
            return random.nextBoolean() ? emptied : emptied.add(anyValue(random));
        }
        return random.nextBoolean() ? NODES.objectNode() : anyValue(random);
    }

    /** The text a little off: white space around it, another case, cut short or too long. */
    private static String variant(String text, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> text + "\n";
            case 1 -> text + " ";
            case 2 -> " " + text;
            case 3 -> text.toUpperCase(Locale.ROOT);
            case 4 -> text.isEmpty() ? "x" : text.substring(1); // an empty text cannot be cut shorter
            case 5 -> text + "-" + "x".repeat(64);
            default -> text + "\u0000";
        };
    }

    private static JsonNode anyValue(Random random) {
        int pool = random.nextInt(6);
        return switch (pool) {
            case 0 -> number(NUMBERS.get(random.nextInt(NUMBERS.size())));
            case 1 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 2 -> NODES.textNode(DATE_TIMES.get(random.nextInt(DATE_TIMES.size())));
            case 3 -> NODES.textNode(TIMES.get(random.nextInt(TIMES.size())));
            default -> parse(ANY.get(random.nextInt(ANY.size())));
        };
    }

    /** Exactly as written: 10.0 stays 10.0 and 1E+400 stays what it is, not a double. */
    private static JsonNode number(String text) {
        if (text.contains(".") || text.contains("E")) {
            return NODES.numberNode(new BigDecimal(text));
        }
        return NODES.numberNode(new BigInteger(text));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(
            JsonNode node,
            JsonPath path,
            JsonNode parent,
            JsonPath parentPath,
            String name,
            int index,
            List<Place> places) {
        places.add(new Place(node, path, parent, parentPath, name, index));
        if (node.isObject()) {
            node.properties()
                    .forEach(e -> collect(e.getValue(), path.field(e.getKey()), node, path, e.getKey(), -1, places));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path.index(i), node, path, null, i, places);
            }
        }
    }
}
