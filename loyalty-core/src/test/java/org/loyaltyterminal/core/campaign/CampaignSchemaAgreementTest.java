package org.loyaltyterminal.core.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyterminal.core.campaign.CampaignFileException.Problem;

/**
 * The checker and the published JSON Schema ({@code docs/campaign-bundle.schema.json}) judge
 * campaign bundles alike: generated valid bundles ({@link GeneratedBundle}) and the same with one
 * or two {@link BundleMutation}s (fields left out or added, wrong types, numbers at and past their
 * limits, bad dates and times, blank strings, repeated elements, another format). What the schema
 * refuses the checker refuses, placing a problem at or around the change; what the checker refuses
 * the schema refuses too, unless every problem the checker names is one of {@link BeyondTheSchema},
 * the rules a JSON Schema cannot state (the schema's {@code $comment} lists them as well).
 */
class CampaignSchemaAgreementTest {

    /** The checker's rules no JSON Schema can state, each known by the message of its problem. */
    enum BeyondTheSchema {
        /** Campaign, reward and tier ids, reward slots, product codes and control codes. */
        UNIQUE_IDS_AND_CODES("is already used by"),
        /** A campaign's "voucher" names a reward of the catalogue. */
        VOUCHER_NAMES_A_REWARD("^names reward .*, which is not in \"rewards\""),
        /** A control code or take code is no product's code, and a take code no reward's control code. */
        CODES_DO_NOT_CLASH(" is also a product code; | is also reward '.*''s control code; "),
        /** A reward offer needs a reward of the catalogue with a pointsCost. */
        OFFER_NEEDS_A_PRICED_REWARD("^offers a reward bought with points, but no reward"),
        /** validUntil is later than validFrom, as instants. */
        VALIDITY_IN_ORDER("^must be later than validFrom"),
        /** A schedule's from and until differ. */
        HOURS_DIFFER("^must differ from \"from\""),
        /** Tier thresholds increase, lowest level first. */
        TIERS_INCREASE("must be above the threshold of the level before it"),
        /** A key once per object: JSON Schema sees the document after a parser kept one of them. */
        KEYS_ONCE_PER_OBJECT("appears more than once in the same object"),
        /** Fields, sections and campaign types newer than the file's "format". */
        FORMAT_GATES_FIELDS("needs format "),
        /** A whole number written with a fraction or an exponent (10.0, 1E+2): JSON Schema counts it an integer. */
        WHOLE_NUMBERS_WITHOUT_FRACTION("^must be a whole number, was -?[0-9.]+(E[+-]?[0-9]+)?$") {
            @Override
            boolean explains(String message) {
                return super.explains(message)
                        && new BigDecimal(message.substring(message.lastIndexOf(' ') + 1))
                                        .stripTrailingZeros()
                                        .scale()
                                <= 0;
            }
        };

        private final Pattern message;

        BeyondTheSchema(String message) {
            this.message = Pattern.compile(message);
        }

        boolean explains(String message) {
            return this.message.matcher(message).find();
        }

        static Optional<BeyondTheSchema> of(Problem problem) {
            return Arrays.stream(values())
                    .filter(rule -> rule.explains(problem.message()))
                    .findFirst();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "generated.json";

    private static BundleSchema schema;

    private final CampaignBundleReader checker = new CampaignBundleReader();

    @BeforeContainer
    static void readThePublishedSchema() {
        // Surefire runs in the module directory; the schema is the repository's.
        Path file = Path.of("..", "docs", "campaign-bundle.schema.json")
                .toAbsolutePath()
                .normalize();
        assertTrue(Files.isRegularFile(file), "expected the published schema at " + file);
        schema = BundleSchema.read(file);
    }

    @Property(tries = 3000)
    void theCheckerAndTheSchemaRefuseTheSameBundles(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int mutations) {
        Random random = new Random(seed);
        ObjectNode bundle = GeneratedBundle.from(random.nextLong());
        List<BundleMutation> done = new ArrayList<>();
        for (int i = 0; i < mutations; i++) {
            done.add(BundleMutation.apply(bundle, random));
        }
        String json = write(bundle);
        if (random.nextInt(100) < 3) {
            // Text, not the tree, can say a key twice; the same value twice, so only the repetition is wrong.
            json = json.replaceFirst("\\{\n  (\"format\" : [0-9]+,\n)", "{\n  $1  $1");
            done.add(new BundleMutation("say \"format\" twice", JsonPath.ROOT.field("format"), JsonPath.ROOT));
        }
        List<String> schemaSays = schema.problems(json);
        List<Problem> checkerSays = checkerProblems(json);
        String context = "\nafter " + done.stream().map(BundleMutation::what).toList() + "\nschema: " + schemaSays
                + "\nchecker: " + checkerSays.stream().map(Problem::line).toList() + "\n" + json;

        String verdict;
        if (!schemaSays.isEmpty()) {
            assertFalse(checkerSays.isEmpty(), "the schema refuses a bundle the checker accepts" + context);
            if (done.size() == 1) {
                BundleMutation change = done.getFirst();
                assertTrue(
                        checkerSays.stream()
                                .anyMatch(p ->
                                        around(p.jsonPath(), change.around().expression())),
                        "no problem of the checker is at or around "
                                + change.at().expression() + context);
            }
            verdict = "both refuse";
        } else if (checkerSays.isEmpty()) {
            verdict = "both accept";
        } else {
            List<String> unexplained = checkerSays.stream()
                    .filter(p -> BeyondTheSchema.of(p).isEmpty())
                    .map(Problem::line)
                    .toList();
            assertEquals(
                    List.of(),
                    unexplained,
                    "the checker refuses, for rules the schema could state, a bundle the schema accepts" + context);
            verdict = "only the checker refuses, beyond the schema";
            checkerSays.forEach(p -> Statistics.label("beyond the schema")
                    .collect(BeyondTheSchema.of(p).orElseThrow()));
        }
        Statistics.label("verdict").collect(verdict);
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check("both accept").percentage(p -> p >= 10);
            coverage.check("both refuse").percentage(p -> p >= 30);
            coverage.check("only the checker refuses, beyond the schema").percentage(p -> p >= 2);
        });
    }

    /** Whether one path is the other or inside it. */
    private static boolean around(String problem, String place) {
        return within(problem, place) || within(place, problem);
    }

    private static boolean within(String inner, String outer) {
        return inner.startsWith(outer)
                && (inner.length() == outer.length()
                        || inner.charAt(outer.length()) == '.'
                        || inner.charAt(outer.length()) == '[');
    }

    private List<Problem> checkerProblems(String json) {
        try {
            checker.parse(json, SOURCE);
            return List.of();
        } catch (CampaignFileException e) {
            return e.details();
        }
    }

    private static String write(ObjectNode bundle) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
