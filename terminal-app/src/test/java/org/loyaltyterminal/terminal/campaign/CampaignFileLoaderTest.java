package org.loyaltyterminal.terminal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.CampaignBundleReader;
import org.loyaltyterminal.core.campaign.CampaignFileException;

/** What the till adds to the core's reader: a file that is missing or too large is refused before it is read. */
class CampaignFileLoaderTest {
    private final CampaignFileLoader loader = new CampaignFileLoader();

    @TempDir
    Path dir;

    @Test
    void aFileAboveTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        // the file: 900,000 codes in about 10 MB, which filled a 96 MB heap once parsed
        Path file = dir.resolve("campaigns.json");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(
                    "{\"format\": 3, \"version\": 1, \"products\": [], \"campaigns\": [{\"id\": \"p\", \"type\": \"points\","
                            + " \"pointsPerUnit\": 1, \"qualifying\": {\"codes\": [");
            for (int i = 0; i < 900_000; i++) {
                w.write((i == 0 ? "" : ",") + "\"" + (1_000_000 + i) + "\"");
            }
            w.write("]}}]}");
        }
        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.load(file));
        assertEquals(
                file + ": is " + Files.size(file) + " bytes, more than a campaign file may hold ("
                        + CampaignBundleReader.MAX_BYTES
                        + " bytes); nothing was read; drop products no campaign names, or split the file",
                e.getMessage());
    }

    @Test
    void missingFileIsNamedByItsPath() {
        Path file = dir.resolve("absent.json");

        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.load(file));

        assertEquals(List.of(file + ": no such file; check the path"), e.problems());
    }
}
