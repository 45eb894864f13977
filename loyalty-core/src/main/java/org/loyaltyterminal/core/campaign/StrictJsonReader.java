package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads JSON text into a Jackson tree, strictly: Jackson's default (strict) syntax, nothing after
 * the document, and every duplicate key recorded rather than the last one silently winning.
 *
 * <p>Duplicate keys are detected here instead of with {@code STRICT_DUPLICATE_DETECTION} because
 * that feature stops at the first duplicate; recording them lets the loader report every
 * duplicate together with every other problem in the file. The first occurrence of a key is kept.
 */
final class StrictJsonReader {

    /** The outcome of reading: a tree (possibly with duplicate keys) or malformed text. */
    sealed interface Outcome permits Parsed, Malformed, TooLarge {}

    /**
     * @param root       the document
     * @param duplicates keys that appeared more than once in one object, in document order
     */
    record Parsed(JsonNode root, List<DuplicateKey> duplicates) implements Outcome {
        Parsed {
            Objects.requireNonNull(root, "root");
            duplicates = List.copyOf(duplicates);
        }
    }

    /**
     * @param partialRoot what was read before the error, to name the campaign it happened in
     * @param path        where the reader was, e.g. {@code campaigns[1].cardSize}; empty at the top
     * @param line        1-based
     * @param column      1-based
     * @param detail      the parser's description of the error
     */
    record Malformed(Optional<JsonNode> partialRoot, String path, int line, int column, String detail)
            implements Outcome {
        Malformed {
            Objects.requireNonNull(partialRoot, "partialRoot");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Well-formed so far, but more than a till should hold: reading stopped there, so a huge file
     * never becomes a huge tree.
     *
     * @param path   the array that grew too long, or where the count of values ran over
     * @param detail what limit was passed, with the figure
     */
    record TooLarge(String path, int line, int column, String detail) implements Outcome {}

    /**
     * At most this many elements in one array: five times the 500-campaign, 10,000-product bundle
     * the rules benchmark measures, and far below what fills the daemon's 96 MB heap.
     */
    static final int MAX_ARRAY_ELEMENTS = 50_000;

    /** At most this many values (objects, arrays, scalars) in the document, which bounds the tree's memory. */
    static final int MAX_VALUES = 250_000;

    /** Deeper than any campaign file nests (about 5), shallow enough that the recursive fill cannot overflow the stack. */
    static final int MAX_DEPTH = 64;

    /** A key seen again in the same object, at {@code path} (which ends in the key). */
    record DuplicateKey(String path, String key, int line, int column) {}

    private static final Pattern SOURCE_NOISE = Pattern.compile("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)]");

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private int values;
    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

    /** Not thread-safe: one reader per document (the loader makes one per call). */
    Outcome read(String json) {
        values = 0;
        List<DuplicateKey> duplicates = new ArrayList<>();
        JsonNode root = null;
        try (JsonParser parser = factory.createParser(json)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return new Malformed(Optional.empty(), "", 1, 1, "the file is empty");
                }
                root = start(parser, first, "");
                fill(parser, root, "", duplicates);
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    return new Malformed(
                            Optional.of(root),
                            "",
                            at.getLineNr(),
                            at.getColumnNr(),
                            "unexpected content after the end of the JSON document");
                }
                return new Parsed(root, duplicates);
            } catch (LimitPassed e) {
                return new TooLarge(e.path, e.line, e.column, e.getMessage());
            } catch (JsonProcessingException e) {
                JsonLocation at = Optional.ofNullable(e.getLocation()).orElse(JsonLocation.NA);
                return new Malformed(
                        Optional.ofNullable(root),
                        pathOf(parser.getParsingContext()),
                        Math.max(1, at.getLineNr()),
                        Math.max(1, at.getColumnNr()),
                        readable(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            // Reading from a String does no I/O; this is closing the parser.
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    /** A scalar node, or an empty container that {@link #fill} will populate. */
    private JsonNode start(JsonParser parser, JsonToken token, String path) throws IOException {
        if (++values > MAX_VALUES) {
            throw new LimitPassed(parser, path, "more than " + MAX_VALUES + " values in the file");
        }
        return switch (token) {
            case START_OBJECT -> nodes.objectNode();
            case START_ARRAY -> nodes.arrayNode();
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IllegalStateException("a value cannot start with token " + token);
        };
    }

    /* Nodes are attached to their parent before they are filled, so a partial tree survives a
    syntax error and can name the campaign it happened in. */
    private void fill(JsonParser parser, JsonNode node, String path, List<DuplicateKey> duplicates) throws IOException {
        if (node instanceof ObjectNode object) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                JsonToken valueToken = parser.nextToken();
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (object.has(key)) {
                    duplicates.add(new DuplicateKey(childPath, key, at.getLineNr(), at.getColumnNr()));
                    parser.skipChildren();
                } else {
                    JsonNode child = start(parser, valueToken, childPath);
                    object.set(key, child);
                    fill(parser, child, childPath, duplicates);
                }
            }
        } else if (node instanceof ArrayNode array) {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (array.size() == MAX_ARRAY_ELEMENTS) {
                    throw new LimitPassed(parser, path, "more than " + MAX_ARRAY_ELEMENTS + " elements in one array");
                }
                JsonNode child = start(parser, token, path + "[" + array.size() + "]");
                array.add(child);
                fill(parser, child, path + "[" + (array.size() - 1) + "]", duplicates);
            }
        }
    }

    /** Stops reading at a limit; only ever caught in {@link #read}. */
    private static final class LimitPassed extends RuntimeException {
        final String path;
        final int line;
        final int column;

        LimitPassed(JsonParser parser, String path, String detail) {
            super(detail, null, false, false);
            JsonLocation at = parser.currentTokenLocation();
            this.path = path;
            this.line = Math.max(1, at.getLineNr());
            this.column = Math.max(1, at.getColumnNr());
        }
    }

    /** Jackson's message without its "[Source: REDACTED ...]" noise around nested locations. */
    private static String readable(String message) {
        return SOURCE_NOISE.matcher(message).replaceAll("$1");
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                if (c.getCurrentIndex() >= 0) { // -1 before the first element
                    parts.addFirst("[" + c.getCurrentIndex() + "]");
                }
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
