package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.MemberState;

class SqliteLoyaltyStoreTest {
    private static final String CARD = "2412000000017";
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), true, 42);

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("loyalty.db");
    }

    private SqliteLoyaltyStore open() {
        return SqliteLoyaltyStore.open(db(), "till-01", "boot-1");
    }

    @Test
    void everyCommitThatWroteTellsTheListenerAndAUnitOfWorkCommitsOnce() {
        try (SqliteLoyaltyStore store = open()) {
            AtomicInteger told = new AtomicInteger();
            store.afterEachWrite(told::incrementAndGet);
            store.enrol(CARD, "visit-1", TIME);
            assertEquals(1, told.get(), "an enrolment wrote: the sync agent is nudged");
            store.memberState(CARD);
            store.receiptCredited("R1");
            assertEquals(1, told.get(), "reads write nothing and nudge nothing");
            long before = store.writeCommits();
            store.inOneTransaction("a scan", () -> {
                store.memberState(CARD);
                store.commit(receipt("R1", 5));
                store.commit(receipt("R2", 6));
                return null;
            });
            assertEquals(before + 1, store.writeCommits(), "two writes in one unit of work are one commit, one sync");
            assertEquals(2, told.get(), "and one nudge");
            assertThrows(
                    ReceiptAlreadyCreditedException.class,
                    () -> store.inOneTransaction("a failing scan", () -> {
                        store.commit(receipt("R3", 7));
                        return store.commit(receipt("R1", 5));
                    }));
            assertFalse(store.receiptCredited("R3"), "a unit that fails takes back every write in it");
            assertEquals(11, store.memberState(CARD).points(), "only the committed unit's points");
        }
    }

    @Test
    void createsTheLatestSchemaInWalModeFromAnEmptyFolder() throws SQLException {
        open().close();
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            assertEquals(Migrations.LATEST, Migrations.userVersion(c), "schema version after first open");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1), "journal mode");
            }
            for (String table :
                    List.of("members", "ledger", "stamp_cards", "outbox", "credited_receipts", "card_links")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = '" + table + "'")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "table " + table + " exists");
                }
            }
        }
    }

    @Test
    void upgradesAVersionOneFileAndKeepsItsData() throws SQLException {
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            for (String sql : Migrations.STEPS.getFirst().statements()) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO meta VALUES ('terminal_id', 'till-01')");
            s.execute("INSERT INTO members VALUES ('" + CARD + "', 'PROVISIONAL', 1, 12)");
            s.execute("INSERT INTO ledger VALUES (1, 'till-01', '" + CARD + "', 'ENROLLED', NULL, 0, 0, 0, '" + CARD
                    + "', 'v1', '2026-01-01T00:00:00Z', 1, 1)");
            s.execute("INSERT INTO ledger VALUES (2, 'till-01', '" + CARD
                    + "', 'POINTS', 'points', 1, 0, 12, 'R-OLD', 'v1'," + " '2026-01-01T00:00:00Z', 1, 2)");
        }
        try (SqliteLoyaltyStore store = open()) {
            assertTrue(
                    store.receiptCredited("R-OLD"),
                    "a receipt credited under version 1 counts as credited after the upgrade");
            assertEquals(12, store.memberState(CARD).points(), "points kept");
            ConsistencyReport report = store.check();
            assertTrue(report.consistent(), "consistent after upgrade: " + report.discrepancies());
            assertThrows(ReceiptAlreadyCreditedException.class, () -> store.commit(receipt("R-OLD", 5)));
            List<LedgerEntry> next = store.commit(receipt("R-NEW", 5));
            assertEquals(3, next.getFirst().sequence(), "sequence continues after the upgrade");
        }
        try (Connection c = raw()) {
            assertEquals(Migrations.LATEST, Migrations.userVersion(c));
        }
    }

    @Test
    void refusesAFileWrittenByNewerSoftware() throws SQLException {
        open().close();
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        StorageException e = assertThrows(StorageException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void refusesADatabaseOfAnotherTerminal() {
        open().close();
        StorageException e = assertThrows(StorageException.class, () -> SqliteLoyaltyStore.open(db(), "till-02", "b"));
        assertTrue(e.getMessage().contains("belongs to terminal 'till-01'"), e.getMessage());
    }

    @Test
    void awardsUpdateBalancesLedgerAndOutboxTogether() throws Exception {
        try (SqliteLoyaltyStore store = open()) {
            LedgerEntry enrolment = store.enrol(CARD, "visit-1", TIME);
            assertEquals(1, enrolment.sequence());
            List<LedgerEntry> stamps = store.commit(new AwardCommit.ItemAwards(
                    CARD,
                    "visit-1",
                    "4006381333931",
                    List.of(
                            new Award.StampsAwarded("coffee", 3),
                            new Award.StampCardCompleted("coffee", 2, "Free coffee")),
                    7,
                    TIME,
                    List.of()));
            List<LedgerEntry> points = store.commit(receipt("R1", 25));

            assertEquals(
                    List.of(2L, 3L), stamps.stream().map(LedgerEntry::sequence).toList());
            assertEquals(4, points.getFirst().sequence());
            MemberState state = store.memberState(CARD);
            // balances only: the history now carries the points lots and when the current card started
            assertEquals(
                    new MemberState(25, Map.of("coffee", 1)), new MemberState(state.points(), state.stampsOnCard()));
            assertEquals(
                    Optional.of(TIME.wall()),
                    Optional.ofNullable(state.history().cardStarted().get("coffee")),
                    "the completion's surplus starts the next card");
            assertEquals(4, store.outboxDepth(), "one outbox event per ledger row");
            ConsistencyReport report = store.check();
            assertTrue(report.consistent(), report.discrepancies().toString());
            assertEquals(4, report.ledgerRows());
        }
        try (Connection c = raw();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, payload FROM outbox ORDER BY seq")) {
            ObjectMapper json = new ObjectMapper();
            long expected = 1;
            while (rs.next()) {
                JsonNode event = json.readTree(rs.getString(2));
                assertEquals(expected, rs.getLong(1));
                assertEquals(expected, event.get("seq").asLong(), "event seq matches its row");
                assertEquals("till-01", event.get("terminal").asText());
                assertEquals("boot-1", event.get("bootId").asText());
                assertEquals(1, event.get("schema").asInt());
                assertTrue(event.get("clockSynchronized").asBoolean());
                expected++;
            }
            assertEquals(5, expected, "four events read");
        }
    }

    @Test
    void aReceiptCreditsOnceAndTheSecondAttemptChangesNothing() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v", TIME);
            store.commit(receipt("R7", 10));
            ConsistencyReport before = store.check();
            assertThrows(ReceiptAlreadyCreditedException.class, () -> store.commit(receipt("R7", 10)));
            ConsistencyReport after = store.check();
            assertEquals(before, after, "nothing changed");
            assertEquals(10, store.memberState(CARD).points());
        }
    }

    @Test
    void aFailedCommitWritesNothingAndSequencesStayContiguous() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v", TIME);
            // Points for a card that is not enrolled: the balance update fails after the ledger insert.
            AwardCommit broken = new AwardCommit.ReceiptCredit(
                    "2412999999990",
                    "v",
                    "R9",
                    List.of(new Award.PointsAwarded("points", 5)),
                    1,
                    TIME,
                    List.of(),
                    OptionalLong.empty());
            assertThrows(StorageException.class, () -> store.commit(broken));
            assertFalse(store.receiptCredited("R9"), "receipt not marked after a failed commit");
            assertEquals(1, store.check().ledgerRows(), "no ledger row from the failed commit");
            assertEquals(
                    2, store.commit(receipt("R10", 3)).getFirst().sequence(), "next sequence follows the last commit");
        }
        try (SqliteLoyaltyStore store = open()) {
            assertEquals(3, store.commit(receipt("R11", 3)).getFirst().sequence(), "sequence continues after reopen");
            assertTrue(store.check().consistent());
        }
    }

    @Test
    void theLedgerIsAppendOnly() {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v", TIME);
        }
        SQLException update = assertThrows(SQLException.class, () -> execute("UPDATE ledger SET points_delta = 100"));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(SQLException.class, () -> execute("DELETE FROM ledger"));
    }

    @Test
    void checkReportsABalanceThatDriftedFromTheLedger() throws SQLException {
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v", TIME);
            store.commit(receipt("R1", 20));
            store.commit(new AwardCommit.ItemAwards(
                    CARD, "v", "x", List.of(new Award.StampsAwarded("tea", 2)), 1, TIME, List.of()));
        }
        execute("UPDATE members SET points = 21");
        execute("UPDATE stamp_cards SET stamps = 5");
        try (SqliteLoyaltyStore store = open()) {
            List<String> found = new ArrayList<>();
            store.check().discrepancies().forEach(d -> found.add(d.toString()));
            assertEquals(2, found.size(), found.toString());
            assertTrue(
                    found.get(0).contains("points of member ••••0017: ledger says 20, balance says 21"),
                    found.toString());
            assertTrue(
                    found.get(1).contains("stamps tea of member ••••0017: ledger says 2, balance says 5"),
                    found.toString());
        }
    }

    /**
     * The bench's pattern, back-to-back commits with housekeeping checkpoints alongside: without
     * a restart the WAL only grows (frames committed during each PASSIVE pass are never all
     * copied), and every commit then also pays for the file's growth.
     */
    @Test
    void steadyCommitsWithHousekeepingCheckpointsKeepTheWalSmall() throws Exception {
        Path wal = dir.resolve("loyalty.db-wal");
        try (SqliteLoyaltyStore store = open()) {
            store.enrol(CARD, "v", TIME);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong largest = new AtomicLong();
            Thread housekeeping = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    store.maintain();
                    largest.accumulateAndGet(sizeOf(wal), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int commits = 4_000;
            for (int i = 0; i < commits; i++) {
                store.commit(receipt("R-" + i, 1));
            }
            writing.set(false);
            housekeeping.join();
            long walBytesWritten = commits * 4L * 4096; // at least four pages a commit
            assertTrue(
                    largest.get() < SqliteFile.WAL_SIZE_LIMIT_BYTES + walBytesWritten / 4,
                    "the WAL started over while scans kept coming: largest " + largest.get() + " bytes of "
                            + walBytesWritten + " written");
            assertEquals(commits, store.memberState(CARD).points(), "every commit kept");
            assertTrue(store.check().consistent());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static AwardCommit receipt(String id, long points) {
        return new AwardCommit.ReceiptCredit(
                CARD,
                "visit-1",
                id,
                List.of(new Award.PointsAwarded("points", points)),
                7,
                TIME,
                List.of(),
                OptionalLong.empty());
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
