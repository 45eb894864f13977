package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;

/** {@code hq-tool figures}: the fortnight of {@link FiguresQueriesTest} as a table and as JSON. */
class FiguresCliTest {
    @TempDir
    Path dir;

    private String database() {
        TestDatabase db = TestDatabases.Kind.SQLITE.create(dir);
        try (JdbcEventStore store = db.open(InstantSource.fixed(FiguresQueriesTest.STORED_AT))) {
            FiguresQueriesTest.store(store);
        }
        return db.settings().url();
    }

    @Test
    void aTableInPlainWords() {
        Cli table = Cli.run(
                        "figures",
                        "--database",
                        database(),
                        "--chain",
                        "acme",
                        "--from",
                        "2026-03-02",
                        "--to",
                        "2026-03-16",
                        "--zone",
                        "Europe/Berlin")
                .ok();
        assertEquals("""
                Programme figures of chain acme
                2 Mar 2026 to 15 Mar 2026: 14 days, dates in Europe/Berlin

                  new members (first enrolment in the chain)         2
                  visits                                             9
                  members who visited                                5
                    of them twice or more                            4  repeat-purchase rate 80.0%
                  members active in the 14 days before the period    4
                    of them back in this period                      3  retention 75.0%, churn 25.0%
                  members active in the 30 days to 15 Mar 2026       6
                  members active in the 90 days to 15 Mar 2026       7
                  points issued                                    187
                  points redeemed (spent on vouchers)               25
                  vouchers issued                                    1
                  vouchers redeemed                                  2

                By campaign (points, stamps and vouchers; HQ knows no money values)
                  campaign       points issued  points redeemed  stamps issued  vouchers issued
                  (no campaign)            179                0              0                0
                  coffee                     0                0              3                0
                  double                     8                0              0                0
                  rewards                    0               25              0                1

                By week (Monday to Sunday)
                  week                       visits  new members  points issued  points redeemed  vouchers issued  vouchers redeemed
                  2 Mar 2026 to 8 Mar 2026        4            0             51                0                0                  0
                  9 Mar 2026 to 15 Mar 2026       5            2            136               25                1                  2

                By day
                  day          visits  new members  points issued  points redeemed  vouchers issued  vouchers redeemed
                  2 Mar 2026        2            0             21                0                0                  0
                  3 Mar 2026        1            0              0                0                0                  0
                  4 Mar 2026        0            0              0                0                0                  0
                  5 Mar 2026        1            0              0                0                0                  0
                  6 Mar 2026        0            0             30                0                0                  0
                  7 Mar 2026        0            0              0                0                0                  0
                  8 Mar 2026        0            0              0                0                0                  0
                  9 Mar 2026        1            0             15               25                1                  0
                  10 Mar 2026       1            1            108                0                0                  0
                  11 Mar 2026       0            0              0                0                0                  1
                  12 Mar 2026       1            0              6                0                0                  0
                  13 Mar 2026       1            0              7                0                0                  0
                  14 Mar 2026       1            1              0                0                0                  1
                  15 Mar 2026       0            0              0                0                0                  0
                """, table.out());
        assertEquals("", table.err());
    }

    @Test
    void jsonForOneStore() throws IOException {
        Cli json = Cli.run(
                        "figures",
                        "--db",
                        database(),
                        "--chain",
                        "acme",
                        "--store",
                        "s2",
                        "--from",
                        "2026-03-02",
                        "--to",
                        "2026-03-16",
                        "--zone",
                        "Europe/Berlin",
                        "--json")
                .ok();
        JsonNode figures = new ObjectMapper().readTree(json.out());
        assertEquals("s2", figures.path("store").asText());
        assertEquals(5, figures.path("totals").path("visits").asInt());
        assertEquals(0.25, figures.path("members").path("repeatRate").asDouble(), 1e-9);
    }

    @Test
    void aBadOptionIsAUsageError() {
        Cli badDate =
                Cli.run("figures", "--database", dir.resolve("hq.db").toString(), "--chain", "acme", "--from", "March");
        assertEquals(2, badDate.exitCode());
        assertTrue(badDate.err().startsWith("--from must be a date like 2026-03-01\n"), badDate.err());
        Cli badZone =
                Cli.run("figures", "--database", dir.resolve("hq.db").toString(), "--chain", "acme", "--zone", "Mars");
        assertEquals(2, badZone.exitCode());
        assertTrue(badZone.err().startsWith("--zone must be a time zone like Europe/Berlin or UTC\n"), badZone.err());
        Cli badChain = Cli.run("figures", "--database", dir.resolve("hq.db").toString(), "--chain", "a/b");
        assertEquals(2, badChain.exitCode());
        assertTrue(badChain.err().startsWith("chain must be 1-64 letters"), badChain.err());
    }
}
