package org.loyaltyterminal.terminal.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The ledger for the commands that only read ({@code member show}, {@code check}), usable while
 * the daemon writes: SQLite read-only connections (WAL lets them read beside the one writer), no
 * migration, no lock file. A schema other than this software's is refused, never upgraded from
 * here: only the daemon or a writing command upgrades, under the data folder's lock.
 *
 * <p>The queries are the store's own, run over connections SQLite itself keeps from writing,
 * so what a reader sees cannot drift from what the daemon reads.
 */
public final class ReadOnlyLedger implements LedgerReads, AutoCloseable {
    /** Long enough to wait out a checkpoint holding the WAL index; a person is waiting, not a scan. */
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private final SqliteSession session;
    private final LedgerRepository ledger;

    private ReadOnlyLedger(SqliteSession session) {
        this.session = session;
        // a reader appends nothing, so no event carries this boot id
        this.ledger = new LedgerRepository(session, "read-only");
    }

    /**
     * Opens the database read-only.
     *
     * @param terminalId the terminal the config names; a database of another terminal is refused
     */
    public static ReadOnlyLedger open(Path file, String terminalId) {
        if (!Files.isRegularFile(file)) {
            throw new StorageException("database " + file + " does not exist; the daemon creates it at its first start"
                    + " (check data.dir)");
        }
        Connection connection = connect(file);
        try {
            verifySchema(connection, file);
            verifyTerminal(connection, file, terminalId);
            connection.setAutoCommit(false);
            return new ReadOnlyLedger(new SqliteSession(file, terminalId, connection));
        } catch (SQLException | RuntimeException e) {
            SqliteFile.closeQuietly(connection);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(
                    "database " + file + " cannot be read: " + e.getMessage()
                            + "; if the file is damaged, restore a backup",
                    e);
        }
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + " cannot be opened read-only: " + e.getMessage()
                            + "; check data.dir and the rights of the user running this command",
                    e);
        }
    }

    private static void verifySchema(Connection connection, Path file) throws SQLException {
        int found = Migrations.userVersion(connection);
        if (found > Migrations.LATEST) {
            throw new StorageException("database " + file + " has schema version " + found
                    + " but this software knows up to " + Migrations.LATEST
                    + "; use the newer software that wrote it; nothing was read");
        }
        if (found < Migrations.LATEST) {
            throw new StorageException("database " + file + " has schema version " + found + " but this software reads "
                    + Migrations.LATEST
                    + "; start the daemon once (it upgrades the file), then retry; nothing was read");
        }
    }

    private static void verifyTerminal(Connection connection, Path file, String terminalId) throws SQLException {
        Optional<String> bound = SqliteFile.boundTerminal(connection);
        if (bound.isPresent() && !bound.get().equals(terminalId)) {
            throw SqliteFile.otherTerminal(file, bound.get(), terminalId);
        }
    }

    @Override
    public boolean isMember(String memberCard) {
        return ledger.isMember(memberCard);
    }

    @Override
    public MemberState memberState(String memberCard) {
        return ledger.memberState(memberCard, HistoryNeeds.ALL);
    }

    @Override
    public boolean receiptCredited(String receiptId) {
        return ledger.receiptCredited(receiptId);
    }

    @Override
    public List<LedgerEntry> recentEntries(String memberCard, int limit) {
        return ledger.recentEntries(memberCard, limit);
    }

    /** Which balance a visit used: this till's, or HQ's answer to its lookup; empty for no visit of this till. */
    public Optional<VisitBalance> visitBalance(String visitId) {
        return ledger.visitBalance(visitId);
    }

    @Override
    public ConsistencyReport check() {
        return new ConsistencyCheck(session).run();
    }

    /** The campaign bundle HQ sent and the daemon applied, if any. */
    public Optional<SqliteHqUpdates.StoredBundle> campaignsInForce() {
        return new SqliteHqUpdates(session, ledger).campaignsInForce();
    }

    @Override
    public void close() {
        session.close();
    }
}
