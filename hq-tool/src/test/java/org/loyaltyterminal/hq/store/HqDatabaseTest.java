package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;

/** Opening, migrating, retrying, and failing in words an operator can act on. */
class HqDatabaseTest {
    private static final String KINDS = "org.loyaltyterminal.hq.support.TestDatabases#kinds";
    private static final Set<String> TABLES = Set.of(
            "events",
            "terminals",
            "redemptions",
            "conflicts",
            "accounts",
            "member_stores",
            "card_tombstones",
            "erasures",
            "erasure_confirmations",
            "consents",
            "audit_log");

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void openingCreatesTheWholeSchemaOnceAndAgainChangesNothing(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase test = kind.create(dir)) {
            try (HqDatabase db = HqDatabase.open(test.settings())) {
                assertEquals(TABLES, tables(db));
                assertEquals(
                        2, // V1 (the schema) and V2 (the figures' visit column and indexes)
                        Ledger.count(
                                db,
                                "SELECT COUNT(*) FROM flyway_schema_history WHERE success"
                                        + (kind == TestDatabases.Kind.SQLITE ? " = 1" : "")));
            }
            try (HqDatabase db = HqDatabase.open(test.settings())) {
                assertEquals(TABLES, tables(db));
            }
        }
    }

    @Test
    void sqliteRunsInWalWithFullSyncAndWaitsForLocks(@TempDir Path dir) {
        try (HqDatabase db =
                HqDatabase.open(DatabaseSettings.of(dir.resolve("hq.db").toString()))) {
            assertEquals(Dialect.SQLITE, db.dialect());
            assertEquals(
                    List.of("wal", "2", "10000", "1"),
                    db.read(
                            "pragmas",
                            c -> List.of(
                                    pragma(c, "journal_mode"),
                                    pragma(c, "synchronous"),
                                    pragma(c, "busy_timeout"),
                                    pragma(c, "foreign_keys"))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void aSerializationFailureOrDeadlockIsRetriedAndOtherFailuresAreNot(TestDatabases.Kind kind, @TempDir Path dir) {
        SQLException transientFailure = kind == TestDatabases.Kind.SQLITE
                ? new SQLException("[SQLITE_BUSY] database is locked", null, 5)
                : new SQLException("could not serialize access", "40001");
        try (TestDatabase test = kind.create(dir);
                HqDatabase db = HqDatabase.open(test.settings())) {
            AtomicInteger attempts = new AtomicInteger();
            int result = db.transaction("test", c -> {
                insertTerminal(c, "t-" + attempts.get());
                if (attempts.incrementAndGet() < 3) {
                    throw transientFailure;
                }
                return 42;
            });
            assertEquals(42, result);
            assertEquals(3, attempts.get());
            assertEquals(2, db.retries());
            assertEquals(1, Ledger.count(db, "SELECT COUNT(*) FROM terminals"), "failed attempts were rolled back");

            AtomicInteger once = new AtomicInteger();
            HqException failed = assertThrows(
                    HqException.class,
                    () -> db.transaction("storing something", c -> {
                        once.incrementAndGet();
                        throw new SQLException("no such table: nowhere", "42P01", 1);
                    }));
            assertEquals(1, once.get(), "not retried");
            assertTrue(
                    failed.getMessage().startsWith("database " + test.settings().describe() + ": storing something: "),
                    failed.getMessage());

            AtomicInteger forever = new AtomicInteger();
            assertThrows(
                    HqException.class,
                    () -> db.transaction("test", c -> {
                        forever.incrementAndGet();
                        throw transientFailure;
                    }));
            assertEquals(HqDatabase.ATTEMPTS, forever.get(), "gives up after its attempts");
        }
    }

    /** Two transactions lock two rows in opposite orders: PostgreSQL fails one (40P01), which runs again. */
    @Test
    void aRealDeadlockOnPostgresqlIsRetried(@TempDir Path dir) throws Exception {
        try (TestDatabase test = TestDatabases.Kind.POSTGRESQL.create(dir);
                HqDatabase db = HqDatabase.open(test.settings())) {
            db.transaction("setup", c -> {
                insertTerminal(c, "a");
                insertTerminal(c, "b");
                return null;
            });
            CyclicBarrier bothHoldOne = new CyclicBarrier(2);
            int attempts;
            try (ExecutorService two = Executors.newFixedThreadPool(2)) {
                Future<Integer> ab = two.submit(() -> lockBoth(db, "a", "b", bothHoldOne));
                Future<Integer> ba = two.submit(() -> lockBoth(db, "b", "a", bothHoldOne));
                attempts = ab.get(60, TimeUnit.SECONDS) + ba.get(60, TimeUnit.SECONDS);
            }
            assertTrue(attempts >= 3, "one of them ran again: " + attempts + " attempts");
            assertTrue(db.retries() >= 1);
            assertEquals(2, Ledger.count(db, "SELECT SUM(contiguous) FROM terminals"));
        }
    }

    private static int lockBoth(HqDatabase db, String first, String second, CyclicBarrier barrier) {
        AtomicInteger attempts = new AtomicInteger();
        db.transaction("test: locking " + first + " then " + second, c -> {
            lock(c, first);
            if (attempts.incrementAndGet() == 1) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            lock(c, second);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE terminals SET contiguous = 1 WHERE terminal = '" + first + "'");
            }
            return null;
        });
        return attempts.get();
    }

    @Test
    void anUnreachableServerIsSaidSo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HqException e = assertThrows(
                HqException.class,
                () -> HqDatabase.open(DatabaseSettings.of("jdbc:postgresql://127.0.0.1:" + port + "/hq")));
        assertTrue(
                e.getMessage()
                        .startsWith("database postgresql://127.0.0.1:" + port + "/hq: cannot connect: cannot"
                                + " reach the server ("),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("check that PostgreSQL runs there and accepts TCP connections, and the"
                                + " URL's host and port"),
                e.getMessage());
    }

    @Test
    void aWrongPasswordIsSaidSo(@TempDir Path dir) {
        try (TestDatabase test = TestDatabases.Kind.POSTGRESQL.create(dir)) {
            String url = test.settings().url();
            int query = url.indexOf('?');
            DatabaseSettings wrong = DatabaseSettings.of(query < 0 ? url : url.substring(0, query))
                    .withLogin(Optional.of("loyalty_test"), Optional.of("not-the-password"));
            HqException e = assertThrows(HqException.class, () -> HqDatabase.open(wrong));
            assertTrue(
                    e.getMessage().contains(": cannot connect: the server refused the password of user loyalty_test ("),
                    e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("check --database-user and the password in --database-password-file"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("not-the-password"), "never the password: " + e.getMessage());
        }
    }

    @Test
    void aSqliteFileThatCannotBeCreatedIsSaidSo(@TempDir Path dir) {
        Path file = dir.resolve("no-such-folder").resolve("hq.db");
        HqException e = assertThrows(HqException.class, () -> HqDatabase.open(DatabaseSettings.sqlite(file)));
        assertTrue(
                e.getMessage().startsWith("database sqlite:" + file + ": cannot connect: cannot open the file ("),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("check the path, that its folder exists and that this user may write there"),
                e.getMessage());
    }

    @Test
    void aDatabaseHoldingSomethingElseIsNotMigrated(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE till_ledger(id INTEGER)");
        }
        HqException e = assertThrows(HqException.class, () -> HqDatabase.open(DatabaseSettings.sqlite(file)));
        assertTrue(
                e.getMessage().startsWith("database sqlite:" + file + ": schema migration failed: "), e.getMessage());
        assertTrue(
                e.getMessage().endsWith("restore the database from its backup or run the hq-tool version that made it"),
                e.getMessage());
        assertTrue(Files.exists(file));
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedAndAPlainPathIsSqlite() {
        HqException e = assertThrows(HqException.class, () -> DatabaseSettings.of("jdbc:mysql://db/hq?password=x"));
        assertEquals(
                "database mysql://db/hq is neither a jdbc:sqlite: nor a jdbc:postgresql: URL; give one, or a file path"
                        + " for SQLite",
                e.getMessage());
        assertEquals(
                "jdbc:sqlite:" + Path.of("hq.db").toAbsolutePath(),
                DatabaseSettings.of("hq.db").url());
        assertEquals(
                "postgresql://db:5432/hq as hq",
                DatabaseSettings.of("jdbc:postgresql://db:5432/hq?password=secret")
                        .withLogin(Optional.of("hq"), Optional.of("secret"))
                        .toString());
    }

    private static Set<String> tables(HqDatabase db) {
        return db.read("tables", c -> {
            Set<String> names = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            names.remove("flyway_schema_history");
            names.remove("sqlite_sequence");
            return names;
        });
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void insertTerminal(Connection c, String terminal) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO terminals(terminal, chain, store, contiguous) VALUES ('" + terminal
                    + "', 'c', 's', 0)");
        }
    }

    private static void lock(Connection c, String terminal) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT contiguous FROM terminals WHERE terminal = '" + terminal + "' FOR UPDATE")
                    .close();
        }
    }
}
