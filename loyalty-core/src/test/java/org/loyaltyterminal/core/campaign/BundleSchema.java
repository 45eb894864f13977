package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The published JSON Schema of campaign bundles ({@code docs/campaign-bundle.schema.json}), ready to validate. */
final class BundleSchema {

    /** Numbers as written, not as doubles: 1E+400 is a JSON number too, and no double holds it. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    /** The top-level fields that frame every bundle; the other top-level fields are rule sections. */
    private static final Set<String> FRAME = Set.of("format", "version", "products", "campaigns");

    private final JsonNode document;
    private final JsonSchema schema;

    private BundleSchema(JsonNode document, JsonSchema schema) {
        this.document = document;
        this.schema = schema;
    }

    static BundleSchema read(Path file) {
        try {
            JsonNode document = JSON.readTree(file.toFile());
            // "format" is only an annotation in draft 2020-12 unless asserted; the loader refuses a
            // date-time without offset, and the schema's "date-time" says the same only when asserted.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(document, config);
            return new BundleSchema(document, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + file, e);
        }
    }

    /** What the schema says is wrong with {@code bundleJson}, one line each; empty when it is valid. */
    List<String> problems(String bundleJson) {
        try {
            return schema.validate(JSON.readTree(bundleJson)).stream()
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** Every campaign "type" the schema allows, read from the "const"s and "enum"s of the campaign definition. */
    Set<String> campaignTypes() {
        Set<String> types = new LinkedHashSet<>();
        collectTypeValues(document.at("/$defs/campaign"), types);
        return types;
    }

    /** The top-level rule sections the schema allows (safeguards, rewards, ...): every field but the frame. */
    Set<String> ruleSections() {
        Set<String> sections = new LinkedHashSet<>();
        document.path("properties").properties().forEach(field -> sections.add(field.getKey()));
        sections.removeAll(FRAME);
        return sections;
    }

    private static void collectTypeValues(JsonNode node, Set<String> types) {
        JsonNode type = node.path("properties").path("type");
        if (type.has("const")) {
            types.add(type.get("const").asText());
        }
        type.path("enum").forEach(value -> types.add(value.asText()));
        node.forEach(child -> collectTypeValues(child, types));
    }
}
