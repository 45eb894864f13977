package org.loyaltyterminal.hq.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.hq.HqException;

/** What publish-campaigns refuses before it signs anything, read from real files. */
class CampaignBundleFileTest {

    @TempDir
    Path dir;

    @Test
    void aValidBundleGivesItsBytesAndItsOwnVersion() throws IOException {
        Path file = write("campaigns.json", "{\"format\": 1, \"version\": 42, \"campaigns\": []}");

        CampaignBundleFile bundle = CampaignBundleFile.read(file);

        assertArrayEquals(Files.readAllBytes(file), bundle.bytes());
        assertEquals(42, bundle.version(Optional.empty()));
        assertEquals(42, bundle.version(Optional.of(42L)), "--version may repeat the bundle's");
        HqException other = assertThrows(HqException.class, () -> bundle.version(Optional.of(43L)));
        assertTrue(
                other.getMessage().startsWith("--version 43 differs from the bundle's \"version\": 42"),
                other.getMessage());
    }

    @Test
    void everyProblemIsNamedByItsJsonPath() throws IOException {
        Path file = write(
                "campaigns.json",
                "{\"format\": 3, \"version\": 0, \"campaigns\": [{\"id\": \"p\", \"type\": \"points\","
                        + " \"pointsPerUnit\": 1, \"validFrom\": \"2026-01-01T00:00:00\"}]}");

        HqException e = assertThrows(HqException.class, () -> CampaignBundleFile.read(file));

        assertEquals(
                "campaign bundle " + file + " has 2 problems every till would refuse it for; nothing was signed or"
                        + " published:\n"
                        + "  $.version: must be at least 1, was 0\n"
                        + "  $.campaigns[0].validFrom: needs a UTC offset, e.g. \"2026-01-01T00:00:00+01:00\" or"
                        + " \"2026-01-01T00:00:00Z\", was \"2026-01-01T00:00:00\"; a local time is ambiguous on a till"
                        + " whose clock zone may be wrong",
                e.getMessage());
    }

    @Test
    void aFileThatIsMissingMalformedOrNotUtf8IsRefused() throws IOException {
        HqException missing = assertThrows(HqException.class, () -> CampaignBundleFile.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().endsWith("none.json: no such file; check the path"), missing.getMessage());

        Path malformed = write("malformed.json", "{\"format\": 1,");
        HqException syntax = assertThrows(HqException.class, () -> CampaignBundleFile.read(malformed));
        assertTrue(
                syntax.getMessage().contains("\n  $.format: line 1, column 14, in format: malformed JSON: "),
                syntax.getMessage());

        Path latin1 = dir.resolve("latin1.json");
        Files.write(
                latin1,
                "{\"format\": 1, \"version\": 1, \"campaigns\": [], \"products\": [{\"code\": \"1\", \"category\": \"caf\u00e9\"}]}"
                        .getBytes(StandardCharsets.ISO_8859_1));
        HqException encoding = assertThrows(HqException.class, () -> CampaignBundleFile.read(latin1));
        assertTrue(encoding.getMessage().contains("is not valid UTF-8 text"), encoding.getMessage());
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }
}
