package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code campaigns check FILE}: a campaign file judged without a daemon, a config or a database. */
class CampaignsCheckCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run check(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("campaigns", "check", file.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aValidFileExitsZeroWithASummary() throws Exception {
        Path file = dir.resolve("campaigns.json");
        Files.writeString(file, """
                {"format": 3, "version": 7,
                 "products": [{"code": "4006381333931", "category": "coffee", "name": "Beans"}],
                 "campaigns": [
                   {"id": "coffee-card", "type": "stamp-card", "qualifying": {"categories": ["coffee"]},
                    "cardSize": 10, "reward": "Free coffee"},
                   {"id": "points", "type": "points", "pointsPerUnit": 1, "validUntil": "2000-01-01T00:00:00Z"}]}""");
        Run r = check(file);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(
                r.out().startsWith(file + ": valid, format 3, version 7: 1 products, 2 campaigns, 0 rewards"), r.out());
        assertTrue(r.out().contains("  coffee-card (stamp card)"), r.out());
        assertTrue(r.out().contains("  points (points) ended 2000-01-01T00:00:00Z"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aBadFileExitsTwoWithEveryProblemByPath() throws Exception {
        Path file = dir.resolve("campaigns.json");
        Files.writeString(file, """
                {"format": 3, "version": 0, "products": [],
                 "campaigns": [{"id": "coffee-card", "type": "stamp-card", "cardSize": 0, "reward": "x"}],
                 "rewards": {"a": 1}}""");
        Run r = check(file);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("(version): must be at least 1, was 0"), r.err());
        assertTrue(r.err().contains("(campaigns[0].cardSize): must be between 1 and 1000, was 0"), r.err());
        assertTrue(r.err().contains("(rewards): must be a JSON array"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void campaignsAsAnObjectAndAMissingFileExitTwoWithoutAStackTrace() throws Exception {
        Path file = dir.resolve("campaigns.json");
        Files.writeString(file, "{\"format\": 2, \"version\": 1, \"products\": [], \"campaigns\": {\"a\": 1}}");
        Run r = check(file);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("(campaigns): must be a JSON array, was an object"), r.err());

        Run missing = check(dir.resolve("none.json"));
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }
}
