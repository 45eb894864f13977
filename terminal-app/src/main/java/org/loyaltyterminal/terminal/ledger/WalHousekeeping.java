package org.loyaltyterminal.terminal.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAL checkpoints off the scan path, on a connection of their own.
 *
 * <p>SQLite's automatic checkpoint would copy the WAL into the database file (and sync it) inside
 * whichever commit crosses 1000 pages, about one scan in a hundred here: a latency spike the
 * cashier would feel. Automatic checkpoints are off; the daemon's housekeeping calls
 * {@link #maintain()} every second, which checkpoints PASSIVE, never blocking a scan's transaction.
 *
 * <p>A PASSIVE checkpoint alone lets the WAL grow without end under steady scanning. The WAL
 * starts over only at a transaction that begins when every frame has been copied; with scans
 * back to back, one is always open, and it commits new frames behind each pass. Appending to an
 * ever longer file makes each commit's sync also journal the file's growth (measured: a third
 * more per commit at the median). So when the WAL is past {@link #LOCKED_CHECKPOINT_WAL_FRAMES}
 * after the lock-free pass, a second pass runs under the session's lock: it copies only the
 * frames committed during the first, so it holds a scan up for a moment at most once a second,
 * and the next scan's transaction, finding every frame copied, starts the WAL over.
 * {@code journal_size_limit} then cuts a WAL that grew in a rush back to
 * {@link SqliteFile#WAL_SIZE_LIMIT_BYTES}.
 */
final class WalHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(WalHousekeeping.class);
    /**
     * WAL frames (pages of 4 KiB) past which a checkpoint that could not copy everything finishes
     * under the session's lock: a second of steady scanning writes a few thousand. A quiet till
     * never gets there, and its checkpoints complete on their own between scans.
     */
    static final int LOCKED_CHECKPOINT_WAL_FRAMES = 1_000;

    private final SqliteSession session;
    private final Connection checkpointConnection;
    /** The last checkpoint failed: the next failure is not logged again. Housekeeping thread only. */
    private boolean checkpointFailing;

    WalHousekeeping(SqliteSession session, Connection checkpointConnection) {
        this.session = session;
        this.checkpointConnection = checkpointConnection;
    }

    /**
     * Probes writes while they fail, then copies committed WAL frames into the database file,
     * blocking the scan path only for the short second pass described above. Called from the
     * daemon's housekeeping thread, not under the session's lock.
     */
    void maintain() {
        if (session.fault().isPresent()) {
            session.probeWrites();
        }
        try {
            // Copied to the end or not, a long WAL means no transaction has found it all copied
            // lately: one was always open. Under the lock none is, so the next one starts it over.
            if (checkpoint() >= LOCKED_CHECKPOINT_WAL_FRAMES) {
                // the session's lock first, then the checkpoint connection's: the order close() takes them
                synchronized (session) {
                    checkpoint();
                }
            }
            if (checkpointFailing) {
                checkpointFailing = false;
                log.info("database {}: checkpoints work again", session.file());
            }
        } catch (SQLException e) {
            // once per failing spell, not once a second: a full disk fails every round until it is freed
            if (!checkpointFailing) {
                checkpointFailing = true;
                log.warn(
                        "database {}: checkpoint failed: {}; the WAL keeps the data, each second retries",
                        session.file(),
                        e.getMessage());
            }
        }
    }

    /**
     * A PASSIVE checkpoint on the checkpoint connection: never waits for, or blocks, a writer or
     * reader. Returns the frames in the WAL, as {@code PRAGMA wal_checkpoint} reports them.
     */
    private long checkpoint() throws SQLException {
        synchronized (checkpointConnection) {
            try (Statement s = checkpointConnection.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
                return rs.getLong(2);
            }
        }
    }

    void close() {
        synchronized (session) {
            synchronized (checkpointConnection) {
                try {
                    checkpointConnection.close();
                } catch (SQLException e) {
                    log.warn(
                            "database {}: close of the checkpoint connection failed: {}",
                            session.file(),
                            e.getMessage());
                }
            }
        }
    }
}
