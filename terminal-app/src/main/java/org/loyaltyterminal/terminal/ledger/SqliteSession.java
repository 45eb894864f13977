package org.loyaltyterminal.terminal.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to the store's file and its transactions: every repository reads and writes
 * through {@link #read}, {@link #write} and {@link #inOneTransaction}, so nothing else opens a
 * write transaction. Used under this object's lock: the scan path is single-threaded anyway, and
 * the sync agent's calls wait for a scan's transaction to end.
 *
 * <p>One writer: the daemon holds a lock file on its data folder, so no second process writes
 * this file (the {@code check} command only reads, and WAL lets it read while the daemon
 * writes). Transactions therefore stay DEFERRED: an IMMEDIATE mode would be re-armed by the
 * driver right after every commit and hold the write lock for the daemon's whole life.
 */
final class SqliteSession {
    private static final Logger log = LoggerFactory.getLogger(SqliteSession.class);

    private final Path file;
    private final String terminalId;
    /** Replaced only when a failed transaction left it unusable (see {@link #recover}). */
    private Connection connection;
    /** Prepared once, reused for every scan: preparing costs more than running these statements. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** A unit of work ({@link #inOneTransaction}) is running: store calls join its transaction. */
    private boolean inUnit;
    /** The running unit of work has written: its commit is a write that clears a fault. */
    private boolean unitWrote;
    /** Writes fail; set by the first failed write, cleared by the next one that commits. Read by the status page. */
    private volatile StorageFault fault;
    /** The connection must be opened again before the next transaction. */
    private boolean broken;
    /** Told after every transaction that wrote: the sync agent's nudge, so events leave without polling. */
    private volatile Runnable afterWrite = () -> {};
    /** Transactions that wrote and committed since open: each is one sync of the WAL (synchronous=FULL). */
    private final AtomicLong writeCommits = new AtomicLong();

    private final InstantSource wallClock = InstantSource.system();

    /** @param connection open, outside autocommit; the session owns it from now on */
    SqliteSession(Path file, String terminalId, Connection connection) {
        this.file = file;
        this.terminalId = terminalId;
        this.connection = connection;
    }

    /** A work step on the connection; the session turns its SQLException into a StorageException. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    Path file() {
        return file;
    }

    /** The terminal the file is bound to: every ledger row carries it. */
    String terminalId() {
        return terminalId;
    }

    /** The connection as it is now; only for work running under this session's lock. */
    Connection connection() {
        return connection;
    }

    /** A statement prepared once on the connection; only for work running under this session's lock. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Whether {@code sql}, with {@code key} as its one parameter, finds a row. */
    boolean exists(String sql, String key) throws SQLException {
        PreparedStatement s = statement(sql);
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Runs {@code work}, and every read and write it makes through this session, in one
     * transaction with one commit (one sync); a write step inside that fails takes back only its
     * own writes, an exception out of {@code work} takes back everything.
     */
    synchronized <T> T inOneTransaction(String what, Supplier<T> work) {
        if (inUnit) {
            return work.get();
        }
        inUnit = true;
        unitWrote = false;
        try {
            return commitAfter(what, "; nothing was recorded", work::get);
        } finally {
            inUnit = false;
        }
    }

    /** Runs read-only work in a transaction of its own, or inside the running unit of work. */
    synchronized <T> T read(String what, Work<T> work) {
        if (inUnit) {
            // the unit's transaction is the snapshot: nothing to take back, nothing to commit
            try {
                return work.run();
            } catch (SQLException e) {
                throw failed(what, "", e);
            }
        }
        return commitAfter(what, "", work);
    }

    /**
     * Runs a write in its own transaction, or inside a unit of work ({@link #inOneTransaction})
     * as a savepoint of the unit's transaction: a step that fails (a refused referral, say) takes
     * back only its own writes, and nothing is committed, nor synced, before the unit ends.
     */
    synchronized <T> T write(String what, Work<T> work) {
        if (!inUnit) {
            return commitAfter(what, "; nothing was recorded", work);
        }
        unitWrote = true;
        try {
            statement("SAVEPOINT step").execute();
        } catch (SQLException e) {
            noteFault(e);
            throw failed(what, "; nothing was recorded", e);
        }
        try {
            T result = work.run();
            statement("RELEASE step").execute();
            return result;
        } catch (SQLException e) {
            rollbackStep();
            noteFault(e);
            throw failed(what, "; nothing was recorded", e);
        } catch (RuntimeException e) {
            rollbackStep();
            throw e;
        }
    }

    private void rollbackStep() {
        try {
            statement("ROLLBACK TO step").execute();
            statement("RELEASE step").execute();
        } catch (SQLException e) {
            // the unit's own rollback follows and takes everything back
            log.warn("database {}: rollback of a step failed: {}", file, e.getMessage());
        }
    }

    /**
     * Runs {@code work} in one transaction: commits, or rolls back whatever failed. A write that
     * fails in storage (a full disk, I/O errors) is a fault until a later write commits; the
     * connection is opened again when the failure left it unusable, so the store recovers by
     * itself once the cause is gone.
     */
    private <T> T commitAfter(String what, String consequence, Work<T> work) {
        try {
            if (broken) {
                recover();
            }
            T result = work.run();
            connection.commit();
            boolean wrote = inUnit ? unitWrote : !consequence.isEmpty();
            if (wrote) {
                writeCommits.incrementAndGet(); // read without the lock by the status page and the bench
                afterWrite.run();
            }
            if (wrote && fault != null) {
                log.info("database {}: writes work again after: {}", file, fault.problem());
                fault = null;
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            noteFault(e);
            throw failed(what, consequence, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** A failure that blames the storage (not a constraint or a statement) is a fault until a write commits. */
    private void noteFault(SQLException e) {
        if (fault == null) {
            StorageFault.of(e.getErrorCode(), file.toString(), String.valueOf(e.getMessage()), wallClock.instant())
                    .ifPresent(f -> {
                        fault = f;
                        log.error("database {}: {}; {}", file, f.problem(), f.action());
                    });
        }
    }

    /**
     * Opens the connection again: after SQLite rolled a transaction back by itself (as it may on
     * a full disk or an I/O error), the driver's own rollback fails and leaves the connection
     * outside any transaction for good ("cannot commit - no transaction is active").
     */
    private void recover() throws SQLException {
        closeStatements();
        SqliteFile.closeQuietly(connection);
        Connection fresh = SqliteFile.connect(file);
        fresh.setAutoCommit(false);
        connection = fresh;
        broken = false;
        log.debug("database {}: connection opened again after a failed transaction", file);
    }

    private void closeStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection goes anyway
            }
        }
        statements.clear();
    }

    /**
     * While writes fail, one small write tells when they work again, so the status page clears
     * the fault without waiting for the next scan.
     */
    synchronized void probeWrites() {
        try {
            write("check that the database takes writes again", () -> {
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate(SqliteFile.WRITE_PROBE);
                    s.executeUpdate("DELETE FROM meta WHERE key = 'write_probe'");
                }
                return null;
            });
        } catch (StorageException stillFailing) {
            // the fault stays as it was first reported
        }
    }

    /**
     * Runs {@code listener} after every transaction that wrote, on the writing thread and under
     * the session's lock: it must only hand over (the sync agent's nudge), never block.
     */
    void afterEachWrite(Runnable listener) {
        this.afterWrite = Objects.requireNonNull(listener, "listener");
    }

    /** Transactions that wrote and committed since open: with synchronous=FULL each is one sync of the WAL. */
    long writeCommits() {
        return writeCommits.get();
    }

    /** What is wrong with storage while writes fail; empty when the last write committed. */
    Optional<StorageFault> fault() {
        return Optional.ofNullable(fault);
    }

    private StorageException failed(String what, String consequence, SQLException e) {
        return new StorageException("database " + file + ": cannot " + what + ": " + e.getMessage() + consequence, e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // SQLite already rolled back by itself; the connection is opened again before the next use
            broken = true;
            // not logged above debug: the fault it comes with is logged once, a failing rollback per scan would flood
            log.debug("database {}: rollback failed ({}); the connection will be opened again", file, e.getMessage());
        }
    }

    synchronized void close() {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            log.warn("database {}: close failed: {}", file, e.getMessage());
        }
    }
}
