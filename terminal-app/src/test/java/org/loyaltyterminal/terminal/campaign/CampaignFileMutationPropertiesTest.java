package org.loyaltyterminal.terminal.campaign;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyterminal.core.campaign.CampaignFileException;

/**
 * Generated damage to valid campaign files: nodes deleted, replaced by another type, text cut
 * short, control characters injected. Whatever the damage, the loader either loads the file or
 * refuses it with problems in the one shape, each naming where (a JSON path or line), with no raw
 * control character; never any other exception.
 */
class CampaignFileMutationPropertiesTest {
    private static final String SOURCE = "campaigns.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BASES = List.of(
            "/vouchers/campaigns.json",
            "/vouchers/offer-campaigns.json",
            "/org/loyaltyterminal/terminal/testing/campaigns.json");
    /** Replacements of every JSON type, including the awkward ones (huge, fractional, control characters). */
    private static final List<String> VALUES = List.of(
            "null",
            "true",
            "0",
            "-1",
            "1.5",
            "1e400",
            "99999999999999999999999",
            "\"\"",
            "\"x\"",
            "\"points\\u0000\\u001b[31mRED\"",
            "{}",
            "[]",
            "{\"a\": 1}",
            "[1, \"a\", null, {}]",
            "\"2026-13-45T25:00:00Z\"",
            "\"\\u202e\"");

    private static final char[] CONTROLS = {0, 1, 7, 8, 9, 10, 13, 27, 127, 0x85, 0x9b, 0x202e};

    private final CampaignFileLoader loader = new CampaignFileLoader();

    @Property(tries = 400)
    void aMutatedFileLoadsOrIsRefusedWithAPath(@ForAll @IntRange(min = 0, max = 2) int base, @ForAll long seed) {
        Random random = new Random(seed);
        String text = resource(BASES.get(base));
        int mutations = 1 + random.nextInt(3);
        List<String> done = new ArrayList<>();
        for (int m = 0; m < mutations; m++) {
            text = mutate(text, random, done);
        }
        String what = "after " + done + ":\n" + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        try {
            loader.parse(text, SOURCE);
        } catch (CampaignFileException e) {
            for (String problem : e.problems()) {
                assertTrue(
                        problem.startsWith(SOURCE + ": ")
                                || problem.startsWith(SOURCE + " (")
                                || problem.startsWith("campaign file " + SOURCE),
                        "problem not in the one shape: " + problem + "\n" + what);
                assertTrue(
                        problem.contains(" (")
                                || problem.contains("must be a JSON object with")
                                || problem.contains("uses format"),
                        "problem names no JSON path: " + problem + "\n" + what);
                assertFalse(
                        problem.chars().anyMatch(CampaignFileMutationPropertiesTest::control),
                        "raw control character in: " + problem.replaceAll("\\p{Cntrl}", "?") + "\n" + what);
            }
        }
        // anything else thrown fails the property, with the seed jqwik reports
    }

    private static boolean control(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e);
    }

    private static String mutate(String text, Random random, List<String> done) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            root = null; // already broken text: only text-level damage applies
        }
        int kind = root == null ? 3 + random.nextInt(3) : random.nextInt(6);
        return switch (kind) {
            case 0, 1 -> {
                List<JsonPointer> pointers = new ArrayList<>();
                collect(root, JsonPointer.empty(), pointers);
                // half the time near the top, where a wrong type upsets the most code
                List<JsonPointer> shallow =
                        pointers.stream().filter(p -> depth(p) <= 2).toList();
                List<JsonPointer> from = random.nextBoolean() ? shallow : pointers;
                JsonPointer at = from.get(random.nextInt(from.size()));
                if (kind == 0 && !at.matches()) {
                    done.add("delete " + at);
                    remove(root, at);
                } else {
                    String value = VALUES.get(random.nextInt(VALUES.size()));
                    done.add("replace " + at + " by " + value);
                    root = replace(root, at, value);
                }
                yield write(root);
            }
            case 2 -> {
                // a duplicate key inside some object: text-level, since a tree cannot hold one
                int brace = text.indexOf('{', random.nextInt(text.length()));
                if (brace < 0) {
                    yield text;
                }
                done.add("duplicate key at " + brace);
                yield text.substring(0, brace + 1) + "\"id\": \"dup\", \"id\": 2, " + text.substring(brace + 1);
            }
            case 3 -> {
                int cut = random.nextInt(text.length() + 1);
                done.add("truncate at " + cut);
                yield text.substring(0, cut);
            }
            case 4 -> {
                int at = random.nextInt(text.length() + 1);
                char c = CONTROLS[random.nextInt(CONTROLS.length)];
                done.add("inject U+" + Integer.toHexString(c) + " at " + at);
                yield text.substring(0, at) + c + text.substring(at);
            }
            default -> {
                if (text.isEmpty()) {
                    yield text;
                }
                int at = random.nextInt(text.length());
                done.add("delete character " + at);
                yield text.substring(0, at) + text.substring(at + 1);
            }
        };
    }

    private static int depth(JsonPointer p) {
        int depth = 0;
        for (JsonPointer t = p; !t.matches(); t = t.tail()) {
            depth++;
        }
        return depth;
    }

    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        out.add(at);
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), at.appendProperty(e.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at.appendIndex(i), out);
            }
        }
    }

    private static void remove(JsonNode root, JsonPointer at) {
        JsonNode parent = root.at(at.head());
        if (parent instanceof ObjectNode o) {
            o.remove(at.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode a) {
            a.remove(at.last().getMatchingIndex());
        }
    }

    private static JsonNode replace(JsonNode root, JsonPointer at, String value) {
        JsonNode replacement;
        try {
            replacement = JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (at.matches()) {
            return replacement;
        }
        ContainerNode<?> parent = (ContainerNode<?>) root.at(at.head());
        if (parent instanceof ObjectNode o) {
            o.set(at.last().getMatchingProperty(), replacement);
        } else if (parent instanceof ArrayNode a) {
            a.set(at.last().getMatchingIndex(), replacement);
        }
        return root;
    }

    private static String write(JsonNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = CampaignFileMutationPropertiesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
