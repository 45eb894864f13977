package org.loyaltyterminal.core.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that used to crash the loader, and the bounds that keep a huge file from filling the heap. */
class CampaignFileLimitsTest {
    private static final String SOURCE = "campaigns.json";
    private final CampaignBundleReader loader = new CampaignBundleReader();

    @TempDir
    Path dir;

    @Test
    void campaignsAsAnObjectIsRefusedByPathNotByANullPointer() {
        CampaignFileException e = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(
                        "{\"format\": 2, \"version\": 1, \"products\": [], \"campaigns\": {\"a\": 1}}", SOURCE));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(
                "campaigns.json (campaigns): must be a JSON array, was an object",
                e.problems().getFirst());
    }

    @Test
    void controlCharactersFromTheFileAreEscapedInTheMessage() {
        String json =
                "{\"format\": 3, \"version\": 1, \"products\": [], \"campaigns\": [{\"id\": \"points\\u0000\\u001b[31mRED\","
                        + " \"type\": \"points\", \"pointsPerUnit\": 1}]}";
        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.parse(json, SOURCE));
        assertTrue(e.getMessage().contains("\"points\\u0000\\u001b[31mRED\""), e.getMessage());
        assertFalse(
                e.getMessage().contains("\u001b"),
                "an ESC reached the message: " + e.getMessage().replace('\u001b', '?'));
        assertFalse(e.getMessage().contains("\u0000"), "a NUL reached the message");
    }

    @Test
    void anArrayLongerThanTheLimitIsRefusedByPathWhileReading() {
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i <= StrictJsonReader.MAX_ARRAY_ELEMENTS; i++) {
            codes.append(i == 0 ? "" : ",").append('1');
        }
        String json =
                "{\"format\": 3, \"version\": 1, \"products\": [], \"campaigns\": [{\"id\": \"p\", \"type\": \"points\","
                        + " \"pointsPerUnit\": 1, \"qualifying\": {\"codes\": [" + codes + "]}}]}";
        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.parse(json, SOURCE));
        assertTrue(
                e.getMessage()
                        .startsWith("campaigns.json (campaigns[0].qualifying.codes, line 1): too large: more than "
                                + StrictJsonReader.MAX_ARRAY_ELEMENTS + " elements in one array"),
                e.getMessage());
    }

    @Test
    void deepNestingIsRefusedAsMalformedNotAStackOverflow() {
        String json = "{\"format\": 3, \"version\": 1, \"products\": [], \"campaigns\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}";
        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.parse(json, SOURCE));
        assertTrue(
                e.getMessage().contains("malformed JSON") && e.getMessage().contains("in campaigns"), e.getMessage());
    }
}
