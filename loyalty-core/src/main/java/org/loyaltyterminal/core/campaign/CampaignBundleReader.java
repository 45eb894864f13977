package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Reads campaign JSON (formats 1 to 3; see {@code docs/campaign-format.md}) that is already in
 * memory into a {@link CampaignBundle}; the till reads it from a file, HQ from a request. Strict: unknown fields, wrong JSON types, duplicate keys and anything
 * outside the documented ranges are errors, and every error in the file is reported at once in
 * one {@link CampaignFileException}. Holds no state between calls; safe to share.
 */
public final class CampaignBundleReader {

    /** The newest file format this terminal understands; formats 1 and 2 are read too. */
    public static final int FORMAT = 3;

    /**
     * The largest campaign file (or HQ bundle) read, checked before reading: twice the
     * 500-campaign, 10,000-product bundle the rules benchmark measures (about 1 MB), and small
     * enough that its tree fits the daemon's 96 MB heap beside everything else.
     */
    public static final long MAX_BYTES = 2L * 1024 * 1024;

    /**
     * Validates a campaign file's bytes, read by the caller (the till's loader, HQ before it signs):
     * the size and strict UTF-8 are checked here, once, for both.
     *
     * @param utf8       the file's bytes
     * @param sourceName where they came from, e.g. the file name; starts every problem
     * @throws CampaignFileException when the bytes are too many, not UTF-8, or hold any problem
     */
    public CampaignBundle parse(byte[] utf8, String sourceName) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(sourceName, "sourceName");
        if (utf8.length > MAX_BYTES) {
            throw tooLarge(sourceName, utf8.length + " bytes");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CampaignFileException(
                    sourceName, List.of(sourceName + ": is not valid UTF-8 text; save the file as UTF-8"), e);
        }
        return parse(json, sourceName);
    }

    /**
     * Validates campaign JSON that is already in memory.
     *
     * @param json       the file's text
     * @param sourceName where the text came from, e.g. the file name; starts every problem
     * @throws CampaignFileException when the text holds any problem
     */
    public CampaignBundle parse(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        // chars, not bytes: a cheap bound for text already in memory (HQ's bundles), never above the file's
        if (json.length() > MAX_BYTES) {
            throw tooLarge(sourceName, json.length() + " characters");
        }
        return switch (new StrictJsonReader().read(json)) {
            case StrictJsonReader.Parsed parsed ->
                new CampaignFileCheck(sourceName, parsed.root()).check(parsed.duplicates());
            case StrictJsonReader.Malformed malformed -> throw malformed(sourceName, malformed);
            case StrictJsonReader.TooLarge tooLarge -> throw tooLarge(sourceName, tooLarge);
        };
    }

    public static CampaignFileException tooLarge(String source, String size) {
        return new CampaignFileException(
                source,
                List.of(source + ": is " + size + ", more than a campaign file may hold (" + MAX_BYTES
                        + " bytes); nothing was read; drop products no campaign names, or split the file"));
    }

    private static CampaignFileException malformed(String source, StrictJsonReader.Malformed m) {
        Problems problems = new Problems(source, m.partialRoot().orElse(MissingNode.getInstance()));
        String at = "line " + m.line() + ", column " + m.column() + (m.path().isEmpty() ? "" : ", in " + m.path());
        problems.add(
                JsonPath.parse(m.path()),
                at,
                "malformed JSON: " + m.detail()
                        + "; fix the syntax there (a missing comma, quote or bracket is the usual cause)");
        return problems.failure();
    }

    private static CampaignFileException tooLarge(String source, StrictJsonReader.TooLarge tooLarge) {
        Problems problems = new Problems(source, MissingNode.getInstance());
        problems.add(
                JsonPath.parse(tooLarge.path()),
                tooLarge.path().isEmpty() ? "line " + tooLarge.line() : tooLarge.path() + ", line " + tooLarge.line(),
                "too large: " + tooLarge.detail() + " (at most " + StrictJsonReader.MAX_ARRAY_ELEMENTS
                        + " elements per array and " + StrictJsonReader.MAX_VALUES
                        + " values in all); split the campaigns or drop products no campaign names");
        return problems.failure();
    }
}
