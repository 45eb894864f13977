package org.loyaltyterminal.terminal.rules;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a campaign file (JSON, formats 1 to 3; see {@code docs/campaign-format.md}) into a
 * {@link CampaignBundle}. Strict: unknown fields, wrong JSON types, duplicate keys and anything
 * outside the documented ranges are errors, and every error in the file is reported at once in
 * one {@link CampaignFileException}. Holds no state between calls; safe to share.
 */
public final class CampaignFileLoader {

    /** The newest file format this terminal understands; formats 1 and 2 are read too. */
    public static final int FORMAT = 3;

    /**
     * Reads and validates the campaign file at {@code file}, named by its path in messages.
     *
     * @throws CampaignFileException when the file cannot be read or holds any problem
     */
    public CampaignBundle load(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CampaignFileException(source, List.of(source + ": no such file; check the path"), e);
        } catch (CharacterCodingException e) {
            throw new CampaignFileException(source,
                    List.of(source + ": is not valid UTF-8 text; save the file as UTF-8"), e);
        } catch (IOException e) {
            throw new CampaignFileException(source,
                    List.of(source + ": cannot be read (" + e + "); check that the file exists and is readable"), e);
        }
        return parse(json, source);
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
        return switch (new StrictJsonReader().read(json)) {
            case StrictJsonReader.Parsed parsed -> new CampaignFileCheck(sourceName, parsed.root()).check(parsed.duplicates());
            case StrictJsonReader.Malformed malformed -> throw malformed(sourceName, malformed);
        };
    }

    private static CampaignFileException malformed(String source, StrictJsonReader.Malformed m) {
        String where = m.partialRoot()
                .map(root -> new CampaignFileCheck(source, root).subject(m.path()))
                .orElse("");
        String at = "line " + m.line() + ", column " + m.column() + (m.path().isEmpty() ? "" : ", in " + m.path());
        return new CampaignFileException(source, List.of(CampaignFileCheck.line(source, where, at, "malformed JSON: "
                + m.detail() + "; fix the syntax there (a missing comma, quote or bracket is the usual cause)")));
    }
}
