package org.loyaltyterminal.terminal.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opening the store's SQLite file: its connection settings, and the checks that keep the daemon
 * from reporting ready on a file it cannot use (not WAL, read-only, another terminal's).
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}. In WAL mode, NORMAL is safe against a
 * crash of the process but may lose the last commits on power loss, because the WAL is not synced
 * at each commit. The cashier is told "accepted" only after a commit, and that promise must hold
 * when the till's plug is pulled, so every commit is synced. One fsync per scan is cheap next to
 * a cashier's pace; the benchmark measures it against a bare commit.
 */
final class SqliteFile {
    private static final Logger log = LoggerFactory.getLogger(SqliteFile.class);
    private static final int BUSY_TIMEOUT_MS = 5_000;
    /** A write that changes nothing once rolled back or deleted: tells whether the file takes writes. */
    static final String WRITE_PROBE = "INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', 'x')";
    /**
     * What a reset WAL is cut back to, in bytes. Above what a second of steady scanning writes
     * (about 30 MB on the bench): a WAL cut below that would grow again, paying for the growth, on
     * every commit until the next reset.
     */
    static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private SqliteFile() {}

    /** The connection settings; also used by the benchmark's bare-commit floor. */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setWalAutocheckpoint(0);
        config.setJournalSizeLimit((int) WAL_SIZE_LIMIT_BYTES);
        return config;
    }

    /** A connection with {@link #config()}, nothing checked: for recovery and checkpoints. */
    static Connection connect(Path file) throws SQLException {
        return config().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Opens (creating if needed) the file, brings its schema up to date and binds it to the
     * terminal; the connection returned is writable, outside autocommit.
     */
    static Connection openWritable(Path file, String terminalId) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("data folder " + file.getParent() + " cannot be created (" + e.getMessage()
                    + "); check data.dir and the service user's rights");
        }
        Connection connection;
        try {
            connection = connect(file);
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + " cannot be opened: " + e.getMessage()
                            + "; check the path, free disk space and the service user's rights",
                    e);
        }
        try {
            verifyJournalMode(connection, file);
            int before = Migrations.migrate(connection, file.toString());
            if (before < Migrations.LATEST) {
                log.info("database {}: schema upgraded from version {} to {}", file, before, Migrations.LATEST);
            }
            bindTerminal(connection, file, terminalId);
            verifyWritable(connection, file);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(
                    "database " + file + " cannot be prepared: " + e.getMessage()
                            + "; if the file is damaged, restore a backup (the ledger cannot be rebuilt here)",
                    e);
        }
    }

    private static void verifyJournalMode(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StorageException("database " + file + " runs in journal mode '" + mode
                        + "' instead of WAL; put data.dir on a local file system (not NFS or a FAT stick)");
            }
        }
    }

    /**
     * SQLite opens a file it may not write read-only without a word, and the first scan would be
     * refused: the daemon must not report ready on such a file.
     */
    private static void verifyWritable(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // in WAL mode a read-only file takes BEGIN IMMEDIATE and refuses only the first page written
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute(WRITE_PROBE);
            } finally {
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == 8 || String.valueOf(e.getMessage()).contains("readonly")) {
                throw new StorageException(
                        "database " + file + " is read-only for user " + System.getProperty("user.name")
                                + "; give the service user write access to it, its -wal and -shm files and its folder "
                                + "(chown loyalty: " + file.toAbsolutePath().getParent() + " and the files in it)",
                        e);
            }
            throw e;
        }
    }

    private static void bindTerminal(Connection connection, Path file, String terminalId) throws SQLException {
        Optional<String> bound = boundTerminal(connection);
        if (bound.isPresent()) {
            if (!bound.get().equals(terminalId)) {
                throw otherTerminal(file, bound.get(), terminalId);
            }
            return;
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO meta (key, value) VALUES ('terminal_id', ?)")) {
            insert.setString(1, terminalId);
            insert.executeUpdate();
        }
    }

    /** The terminal id the database was bound to at its first open; empty before. */
    static Optional<String> boundTerminal(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT value FROM meta WHERE key = 'terminal_id'");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static StorageException otherTerminal(Path file, String bound, String terminalId) {
        return new StorageException("database " + file + " belongs to terminal '" + bound + "' but terminal.id is '"
                + terminalId + "'; use that terminal's id, or point data.dir at a new folder for a new terminal");
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the open failure is what gets reported
        }
    }
}
