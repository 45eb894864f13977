package org.loyaltyterminal.core.campaign;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published description of campaign files must agree with the terminal: every {@code ```json}
 * example of {@code docs/campaign-format.md} is a bundle that both the published schema
 * ({@code docs/campaign-bundle.schema.json}) and {@link CampaignBundleReader} accept, every rule kind
 * the schema allows has such an example, and what the schema refuses the loader refuses too (see
 * {@link CampaignRefusals}).
 */
class CampaignDocsSchemaTest {

    private static final String FORMAT_DOC = "campaign-format.md";
    private static final String SCHEMA_FILE = "campaign-bundle.schema.json";

    private static BundleSchema schema;
    private static List<FencedBlock> blocks;
    private static List<DocExample> examples;

    private final CampaignBundleReader loader = new CampaignBundleReader();

    @BeforeAll
    static void readThePublishedDocs() throws IOException {
        // Surefire runs in the module directory (loyalty-core); the docs are the repository's.
        Path docs = Path.of("..", "docs").toAbsolutePath().normalize();
        for (String file : List.of(FORMAT_DOC, SCHEMA_FILE)) {
            if (!Files.isRegularFile(docs.resolve(file))) {
                fail("expected the repository's " + file + " in " + docs
                        + "; this test reads the published docs and runs from loyalty-core in a full checkout");
            }
        }
        schema = BundleSchema.read(docs.resolve(SCHEMA_FILE));
        blocks = FencedBlock.in(Files.readString(docs.resolve(FORMAT_DOC)));
        examples = blocks.stream()
                .filter(b -> b.language().equals("json"))
                .map(DocExamples::classify)
                .flatMap(Optional::stream)
                .toList();
    }

    @Test
    void everyJsonBlockOfTheDocumentIsAWorkedExampleOfAKnownShape() {
        List<String> unknown = blocks.stream()
                .filter(b ->
                        b.language().equals("json") && DocExamples.classify(b).isEmpty())
                .map(b -> "line " + b.line())
                .toList();
        List<String> unmarked = blocks.stream()
                .filter(DocExamples::isUnmarkedJson)
                .map(b -> "line " + b.line())
                .toList();

        assertAll(
                () -> assertEquals(
                        List.of(),
                        unknown,
                        "```json blocks of docs/" + FORMAT_DOC + " that are neither a"
                                + " bundle (an object with \"format\"), campaign objects (with \"type\") nor a top-level"
                                + " \"key\": {...}; they would go unchecked: write them as one of those, or teach DocExamples"
                                + " their shape"),
                () -> assertEquals(
                        List.of(),
                        unmarked,
                        "fenced blocks of docs/" + FORMAT_DOC + " that hold a campaign"
                                + " example but are not marked ```json, so nothing checks them"));
    }

    /*
     * Formats 1 and 2 are validated against the schema as well: it declares "format" 1..3, and a
     * format 1 or 2 file is a format 3 file without the newer fields, so the schema must accept it.
     */
    @TestFactory
    Stream<DynamicTest> everyWorkedExampleIsAcceptedByTheSchemaAndTheLoader() {
        return examples.stream()
                .map(example -> dynamicTest(example.where(), () -> {
                    assertEquals(
                            List.of(),
                            schema.problems(example.bundleJson()),
                            example.where() + ": the published schema refuses this bundle:\n" + example.bundleJson());
                    assertEquals(
                            List.of(),
                            loaderProblems(example.bundleJson(), example.where()),
                            example.where() + ": CampaignBundleReader refuses this bundle:\n" + example.bundleJson());
                }));
    }

    @Test
    void everyCampaignTypeTheSchemaAllowsHasAWorkedExample() {
        Set<String> types = schema.campaignTypes();
        assertFalse(types.isEmpty(), "read no campaign type from the schema's $defs/campaign; has it moved?");

        Set<String> documented = examples.stream()
                .flatMap(e -> elements(e.documented().path("campaigns")))
                .map(campaign -> campaign.path("type").asText())
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(),
                missing(types, documented),
                "campaign types the schema allows without a worked example in docs/" + FORMAT_DOC);
    }

    @Test
    void everyTopLevelRuleSectionHasAWorkedExample() {
        Set<String> sections = schema.ruleSections();
        assertFalse(sections.isEmpty(), "read no top-level rule section from the schema's properties");

        Set<String> documented = examples.stream()
                .flatMap(e -> e.documented().properties().stream().map(Map.Entry::getKey))
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(),
                missing(sections, documented),
                "top-level rule sections the schema allows without a worked example in docs/" + FORMAT_DOC);
    }

    @Test
    void theRefusalCasesStartFromABundleBothAccept() {
        String valid = CampaignRefusals.VALID_BUNDLE;
        assertEquals(List.of(), schema.problems(valid), "the schema refuses the valid base bundle:\n" + valid);
        assertEquals(List.of(), loaderProblems(valid, "valid.json"), "the loader refuses the valid base bundle");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.core.campaign.CampaignRefusals#refusedByBoth")
    void whatTheSchemaRefusesTheLoaderRefusesToo(CampaignRefusals.Case refused) {
        List<String> schemaSays = schema.problems(refused.json());
        List<String> loaderSays = loaderProblems(refused.json(), "refused.json");

        assertFalse(
                schemaSays.isEmpty(),
                "the schema accepts " + refused + "; the loader says " + loaderSays + "\n" + refused.json());
        assertFalse(
                loaderSays.isEmpty(),
                "the loader accepts " + refused + "; the schema says " + schemaSays + "\n" + refused.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.core.campaign.CampaignRefusals#acceptedByBoth")
    void whatTheDescriptionAllowsBothAccept(CampaignRefusals.Case accepted) {
        assertEquals(List.of(), schema.problems(accepted.json()), "the schema refuses " + accepted);
        assertEquals(List.of(), loaderProblems(accepted.json(), "accepted.json"), "the loader refuses " + accepted);
    }

    /*
     * The schema says it describes the shape only and leaves the rest to the loader; these cases
     * pin that boundary. A schema that learns to refuse one of them should move it to refusedByBoth.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.core.campaign.CampaignRefusals#refusedOnlyByTheLoader")
    void whatNoSchemaCanSayTheLoaderStillRefuses(CampaignRefusals.Case refused) {
        assertFalse(
                loaderProblems(refused.json(), "refused.json").isEmpty(),
                "the loader accepts " + refused + "\n" + refused.json());
        assertEquals(
                List.of(),
                schema.problems(refused.json()),
                "the schema now refuses " + refused + " too; move the case to refusedByBoth");
    }

    /** The loader's problem lines; empty when it accepts the bundle. */
    private List<String> loaderProblems(String json, String source) {
        try {
            loader.parse(json, source);
            return List.of();
        } catch (CampaignFileException e) {
            return e.problems();
        }
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
