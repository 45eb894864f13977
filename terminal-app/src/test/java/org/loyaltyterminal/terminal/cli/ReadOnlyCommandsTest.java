package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.daemon.DataDirLock;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.testing.TillFiles;

/**
 * {@code member show} and {@code check} only read, so they answer while the daemon holds the data
 * folder and writes; a writing command is still refused then. Nothing here runs a migration.
 */
class ReadOnlyCommandsTest {
    private static final String CARD = TillFiles.memberCard(1);

    @TempDir
    Path dir;

    private record Run(int exit, String text) {}

    private Run run(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int exit = Main.commandLine().setOut(writer).setErr(writer).execute(args);
        return new Run(exit, text.toString());
    }

    private Path config() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        TerminalConfig terminal = new ConfigLoader().load(config);
        Files.writeString(terminal.campaignsFile(), """
                {"format": 3, "version": 1, "products": [],
                 "campaigns": [{"id": "points", "type": "points", "pointsPerUnit": 1}]}""");
        return config;
    }

    @Test
    void showAndCheckAnswerWhileTheDaemonHoldsTheFolderAndWritesAdjustIsRefused() throws Exception {
        Path config = config();
        TerminalConfig terminal = new ConfigLoader().load(config);
        EventTime now = new EventTime(Instant.now(), true, 1);
        // What the running daemon holds: the folder's lock and the store open for writing.
        try (DataDirLock lock = DataDirLock.acquire(terminal.dataDir());
                SqliteLoyaltyStore store =
                        SqliteLoyaltyStore.open(terminal.databaseFile(), terminal.terminalId(), "daemon")) {
            store.enrol(CARD, "v1", now);
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v1",
                    "R1",
                    List.of(new Award.PointsAwarded("points", 40)),
                    1,
                    now,
                    List.of(),
                    OptionalLong.empty()));

            Run show = run("member", "show", "--config", config.toString(), CARD);
            assertEquals(0, show.exit(), show.text());
            assertTrue(show.text().contains("points: 40"), show.text());

            Run check = run("check", "--config", config.toString());
            assertEquals(0, check.exit(), check.text());
            assertTrue(check.text().contains("2 ledger rows, 1 members, last sequence 2"), check.text());

            // committed after the readers opened and closed: the next reader sees it
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v2",
                    "R2",
                    List.of(new Award.PointsAwarded("points", 5)),
                    1,
                    now,
                    List.of(),
                    OptionalLong.empty()));
            Run again = run("member", "show", "--config", config.toString(), CARD);
            assertTrue(again.text().contains("points: 45"), again.text());

            Run adjust = run(
                    "member",
                    "adjust",
                    "--config",
                    config.toString(),
                    "--member",
                    CARD,
                    "--points",
                    "10",
                    "--reason",
                    "test",
                    "--operator",
                    "m1");
            assertEquals(ExitCodes.STARTUP_FAILED, adjust.exit(), adjust.text());
            assertTrue(adjust.text().contains("is in use by another loyalty-terminal process"), adjust.text());
            assertEquals(45, store.memberState(CARD).points(), "the refused adjustment must change nothing");
        }
    }

    @Test
    void aSchemaNewerOrOlderThanTheSoftwareIsRefusedAndLeftAsItWas() throws Exception {
        Path config = config();
        TerminalConfig terminal = new ConfigLoader().load(config);
        try (SqliteLoyaltyStore store =
                SqliteLoyaltyStore.open(terminal.databaseFile(), terminal.terminalId(), "test")) {
            store.enrol(CARD, "v1", new EventTime(Instant.now(), true, 1));
        }
        int latest = userVersion(terminal.databaseFile());
        for (int version : new int[] {latest + 1, latest - 1}) {
            setUserVersion(terminal.databaseFile(), version);
            for (String[] args : List.of(
                    new String[] {"check", "--config", config.toString()},
                    new String[] {"member", "show", "--config", config.toString(), CARD})) {
                Run r = run(args);
                assertEquals(ExitCodes.STARTUP_FAILED, r.exit(), r.text());
                assertTrue(r.text().contains("has schema version " + version), r.text());
                assertFalse(r.text().contains("Exception"), r.text());
                assertEquals(version, userVersion(terminal.databaseFile()), "a reader must not migrate");
            }
        }
    }

    @Test
    void aMissingDatabaseIsRefusedAndNotCreated() throws Exception {
        Path config = config();
        TerminalConfig terminal = new ConfigLoader().load(config);
        Run r = run("check", "--config", config.toString());
        assertEquals(ExitCodes.STARTUP_FAILED, r.exit(), r.text());
        assertTrue(r.text().contains("does not exist"), r.text());
        assertFalse(Files.exists(terminal.databaseFile()), "check must not create the database");
    }

    private static int userVersion(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static void setUserVersion(Path db, int version) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + version);
        }
    }
}
