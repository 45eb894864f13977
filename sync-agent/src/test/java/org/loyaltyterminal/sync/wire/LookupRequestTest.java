package org.loyaltyterminal.sync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The balance question HQ reads from any terminal: what it accepts, what it refuses and why, and
 * that nothing a publisher can send makes the decoder fail in any other way.
 */
class LookupRequestTest {
    private static final UUID REQUEST = UUID.fromString("0b6f8a1e-4c3d-4e2f-9a7b-1c2d3e4f5a6b");
    private final Json json = new Json();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String refusal(String payload) {
        return assertThrows(WireFormatException.class, () -> LookupRequest.decode(bytes(payload), json))
                .getMessage();
    }

    @Test
    void aRequestIsEncodedAsTheProtocolSaysAndReadBack() {
        LookupRequest request = new LookupRequest(REQUEST, "2412000000017");
        String wire = new String(request.encode(json), StandardCharsets.UTF_8);
        assertEquals(
                "{\"schema\":1,\"request\":\"0b6f8a1e-4c3d-4e2f-9a7b-1c2d3e4f5a6b\",\"card\":\"2412000000017\"}", wire);
        assertEquals(request, LookupRequest.decode(bytes(wire), json));
        assertEquals(
                request,
                LookupRequest.decode(
                        bytes(" {\"card\" : \"2412000000017\", \"request\":\"0B6F8A1E-4C3D-4E2F-9A7B-1C2D3E4F5A6B\","
                                + " \"schema\":1}\n"),
                        json),
                "field order, white space and upper-case hex do not matter");
        assertEquals(
                "a\"b\\c",
                LookupRequest.decode(new LookupRequest(REQUEST, "a\"b\\c").encode(json), json)
                        .card());
    }

    @Test
    void everyWayARequestCanBeWrongIsNamed() {
        String good = "\"request\":\"" + REQUEST + "\",\"card\":\"2412000000017\"";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("not json", "not valid JSON"),
                Map.entry("[1,2]", "expected a JSON object"),
                Map.entry("{\"schema\":1," + good + "} trailing", "not valid JSON"),
                Map.entry("{\"schema\":1,\"schema\":1," + good + "}", "not valid JSON"),
                Map.entry("{" + good + "}", "field 'schema' must be an integer"),
                Map.entry("{\"schema\":2," + good + "}", "schema 2, this software reads schema 1 only"),
                Map.entry("{\"schema\":\"1\"," + good + "}", "field 'schema' must be an integer"),
                Map.entry("{\"schema\":1.0," + good + "}", "field 'schema' must be an integer"),
                Map.entry("{\"schema\":1," + good + ",\"points\":5}", "unknown field 'points'"),
                Map.entry("{\"schema\":1,\"card\":\"2412000000017\"}", "field 'request' must be a non-empty string"),
                Map.entry(
                        "{\"schema\":1,\"request\":\"1-1-1-1-1\",\"card\":\"2412000000017\"}",
                        "'request' must be a UUID"),
                Map.entry(
                        "{\"schema\":1,\"request\":\"" + REQUEST + "x\",\"card\":\"2412000000017\"}",
                        "'request' must be a UUID"),
                Map.entry("{\"schema\":1,\"request\":\"" + REQUEST + "\"}", "field 'card' must be a non-empty string"),
                Map.entry(
                        "{\"schema\":1,\"request\":\"" + REQUEST + "\",\"card\":12}",
                        "field 'card' must be a non-empty string"),
                Map.entry(
                        "{\"schema\":1,\"request\":\"" + REQUEST + "\",\"card\":\"2412 000\"}",
                        "'card' must be 1-64 printable ASCII characters"),
                Map.entry(
                        "{\"schema\":1,\"request\":\"" + REQUEST + "\",\"card\":\"" + "7".repeat(65) + "\"}",
                        "'card' must be 1-64 printable ASCII characters"));
        cases.forEach((payload, expected) -> {
            String message = refusal(payload);
            assertTrue(message.startsWith("lookup request"), message);
            assertTrue(message.contains(expected), payload + " -> " + message);
        });
    }

    @Test
    void anOversizedRequestIsRefusedBeforeParsing() {
        String huge = "{\"schema\":1,\"pad\":\"" + "x".repeat(LookupRequest.MAX_BYTES) + "\"}";
        String message = refusal(huge);
        assertTrue(message.contains("at most " + LookupRequest.MAX_BYTES), message);
        assertTrue(message.contains("not parsed"), message);
    }

    @Test
    void anUnknownFieldsNameIsShownOnlyWhenShortAndPrintable() {
        String payload = "{\"schema\":1,\"request\":\"" + REQUEST + "\",\"card\":\"1\",\"a\\nforged log line\":1}";
        String message = refusal(payload);
        assertTrue(message.contains("not shown"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Property(tries = 300)
    void everyValidRequestSurvivesTheRoundTrip(@ForAll("requests") LookupRequest request) {
        byte[] wire = request.encode(json);
        assertTrue(wire.length <= LookupRequest.MAX_BYTES, "the largest valid request fits: " + wire.length);
        assertEquals(request, LookupRequest.decode(wire, json));
    }

    @Property(tries = 2_000)
    void arbitraryBytesAreReadOrRefusedNeverAnythingElse(@ForAll("noise") byte[] payload) {
        decodedOrRefused(payload);
    }

    @Property(tries = 2_000)
    void mutatedRequestsAreReadOrRefusedAndWhatIsReadIsValid(@ForAll("mutations") String payload) {
        decodedOrRefused(bytes(payload));
    }

    private void decodedOrRefused(byte[] payload) {
        LookupRequest read;
        try {
            read = LookupRequest.decode(payload, json);
        } catch (WireFormatException refused) {
            assertTrue(refused.getMessage().startsWith("lookup request"), refused.getMessage());
            return;
        }
        // What was read is a request this software would itself send, and reads back the same.
        assertTrue(CardNumbers.isCardNumber(read.card()));
        assertEquals(read, LookupRequest.decode(read.encode(json), json));
    }

    @Provide
    Arbitrary<LookupRequest> requests() {
        Arbitrary<String> cards = Arbitraries.strings()
                .withCharRange((char) 0x21, (char) 0x7e)
                .ofMinLength(1)
                .ofMaxLength(CardNumbers.MAX_LENGTH);
        return Combinators.combine(uuids(), cards).as(LookupRequest::new);
    }

    private static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(700),
                Arbitraries.strings()
                        .withChars("{}[]\":,0123456789-.eE \\nulltruefalse")
                        .ofMaxLength(300)
                        .map(LookupRequestTest::bytes));
    }

    /** Valid requests with one field dropped, doubled, retyped or given an odd value, or a field added. */
    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> schema = Arbitraries.of("1", "0", "2", "-1", "1.0", "\"1\"", "null", "99999999999999999999");
        Arbitrary<String> request = Arbitraries.oneOf(
                uuids().map(u -> "\"" + u + "\""),
                Arbitraries.of("\"\"", "\"1-1-1-1-1\"", "7", "null", "[]", "{}", "\"" + REQUEST + " \""));
        Arbitrary<String> card = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange((char) 0x21, (char) 0x7e)
                        .ofMinLength(1)
                        .ofMaxLength(70)
                        .map(c -> "\"" + c.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.strings()
                        .ofMaxLength(10)
                        .map(c -> "\"" + c.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.of("12", "true", "null", "[\"1\"]"));
        Arbitrary<List<String>> extra = Arbitraries.of(
                        "", ",\"extra\":1", ",\"card\":\"1\"", ",\"schema\":1", ",\"\":0")
                .list()
                .ofMaxSize(2);
        return Combinators.combine(
                        schema, request, card, extra, Arbitraries.integers().between(0, 7))
                .as((s, r, c, more, drop) -> {
                    StringBuilder out = new StringBuilder("{");
                    String[] fields = {"\"schema\":" + s, "\"request\":" + r, "\"card\":" + c};
                    String separator = "";
                    for (int i = 0; i < fields.length; i++) {
                        if ((drop & (1 << i)) == 0 || drop == 7) {
                            out.append(separator).append(fields[i]);
                            separator = ",";
                        }
                    }
                    more.forEach(out::append);
                    return out.append('}').toString();
                });
    }
}
