package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.core.campaign.DocExample.Kind;

/**
 * Turns the {@code ```json} blocks of campaign-format.md into complete bundles. A block of a shape
 * not listed in {@link Kind} is not guessed at: {@link #classify} returns empty and the test names
 * its line, so a new kind of example cannot slip past the check unnoticed.
 */
final class DocExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one campaign a top-level fragment's bundle needs, since "campaigns" is required. */
    private static final String TRIVIAL_CAMPAIGN = "{\"id\": \"points\", \"type\": \"points\", \"pointsPerUnit\": 1}";

    private DocExamples() {}

    /** The block as a documented example, or empty when it has none of the known shapes. */
    static Optional<DocExample> classify(FencedBlock block) {
        return wholeBundle(block).or(() -> campaigns(block)).or(() -> topLevelFragment(block));
    }

    /** True when a block not marked json holds JSON all the same: an example the check would miss. */
    static boolean isUnmarkedJson(FencedBlock block) {
        return !block.language().equals("json") && classify(block).isPresent();
    }

    private static Optional<DocExample> wholeBundle(FencedBlock block) {
        return parseObjects(block.text())
                .filter(objects -> objects.size() == 1 && objects.getFirst().has("format"))
                .map(objects -> new DocExample(block.line(), Kind.BUNDLE, objects.getFirst(), block.text()));
    }

    private static Optional<DocExample> campaigns(FencedBlock block) {
        return parseObjects(block.text())
                .filter(objects -> objects.stream().allMatch(o -> o.has("type") && !o.has("format")))
                .map(objects -> {
                    ObjectNode documented = JSON.createObjectNode();
                    documented.putArray("campaigns").addAll(objects);
                    ObjectNode bundle = format3Bundle();
                    bundle.putArray("campaigns").addAll(objects);
                    addReferencedProducts(bundle, objects);
                    addReferencedRewards(bundle, objects);
                    return new DocExample(block.line(), Kind.CAMPAIGNS, documented, write(bundle));
                });
    }

    private static Optional<DocExample> topLevelFragment(FencedBlock block) {
        if (!block.text().strip().startsWith("\"")) {
            return Optional.empty();
        }
        return parseObjects("{" + block.text() + "}")
                .filter(objects -> objects.size() == 1)
                .map(objects -> {
                    ObjectNode fragment = objects.getFirst();
                    ObjectNode bundle = format3Bundle();
                    bundle.putArray("campaigns").add(read(TRIVIAL_CAMPAIGN));
                    bundle.setAll(fragment);
                    return new DocExample(block.line(), Kind.TOP_LEVEL_FRAGMENT, fragment, write(bundle));
                });
    }

    /** One or more JSON objects written one after another; empty when the text is anything else. */
    private static Optional<List<ObjectNode>> parseObjects(String text) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (values.hasNextValue()) {
                if (!(values.nextValue() instanceof ObjectNode object)) {
                    return Optional.empty();
                }
                objects.add(object);
            }
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
        return objects.isEmpty() ? Optional.empty() : Optional.of(objects);
    }

    private static ObjectNode format3Bundle() {
        return JSON.createObjectNode().put("format", 3).put("version", 1);
    }

    /** A code in "qualifying" names a product: give the bundle one, as a real file would have. */
    private static void addReferencedProducts(ObjectNode bundle, List<ObjectNode> campaigns) {
        Set<String> codes = new LinkedHashSet<>();
        campaigns.forEach(c -> c.path("qualifying").path("codes").forEach(code -> codes.add(code.asText())));
        if (codes.isEmpty()) {
            return;
        }
        ArrayNode products = bundle.putArray("products");
        codes.forEach(code -> products.addObject()
                .put("code", code)
                .put("category", "example")
                .put("name", code));
    }

    /** A "voucher" must name a catalogue reward (the loader checks it): give each one a minimal reward. */
    private static void addReferencedRewards(ObjectNode bundle, List<ObjectNode> campaigns) {
        Set<String> vouchers = new LinkedHashSet<>();
        campaigns.stream()
                .filter(c -> c.has("voucher"))
                .forEach(c -> vouchers.add(c.get("voucher").asText()));
        if (vouchers.isEmpty()) {
            return;
        }
        ArrayNode rewards = bundle.putArray("rewards");
        int slot = 1;
        for (String id : vouchers) {
            rewards.addObject()
                    .put("id", id)
                    .put("slot", slot++)
                    .put("text", "Reward " + id)
                    .put("valueCents", 0)
                    .put("validDays", 1);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
