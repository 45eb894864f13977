package org.loyaltyterminal.sync.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.Outbox;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.outbox.OutboxSummary;

/**
 * A terminal's outbox on a real SQLite file, for tests that run many terminals in one JVM. Its
 * events are shaped like the terminal's ledger events ({@code schema, eventId, terminal, seq,
 * bootId, monotonicNanos, wallTime, clockSynchronized, type, member, campaign, stamps, points,
 * reference}): {@link #append(int)} writes POINTS events for a few members with deterministic
 * deltas, {@link #appendRedemption(String, String)} a VOUCHER_REDEEMED event. Acknowledged rows
 * are kept (flagged), so {@link #reopenFrom(long)} can always send them again. The session counter
 * is persisted in the same file. Thread-safe: the agent's thread and the test's share it.
 */
public final class SqliteTestOutbox implements Outbox, AutoCloseable {
    /** Members the generated events are spread over: m-0 .. m-(MEMBERS-1). */
    public static final int MEMBERS = 7;

    public static final String STAMP_CAMPAIGN = "coffee";

    private final Connection db;
    private final String terminal;
    private final String bootId;
    private final InstantSource wall;

    private SqliteTestOutbox(Connection db, String terminal, String bootId, InstantSource wall) {
        this.db = db;
        this.terminal = terminal;
        this.bootId = bootId;
        this.wall = wall;
    }

    /** Opens (creating if needed) the outbox in {@code file} for {@code terminal}, with a new boot id. */
    public static SqliteTestOutbox open(Path file, String terminal, InstantSource wall) {
        Topics.requireLevel("terminal", terminal);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox(
                          seq INTEGER PRIMARY KEY,
                          json TEXT NOT NULL,
                          written_at_ms INTEGER NOT NULL,
                          acked INTEGER NOT NULL DEFAULT 0)""");
                s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                s.execute("INSERT OR IGNORE INTO meta VALUES ('session', 0), ('highest_acked', 0)");
            }
            return new SqliteTestOutbox(db, terminal, UUID.randomUUID().toString(), wall);
        } catch (SQLException e) {
            throw new SyncException("test outbox " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    public String terminal() {
        return terminal;
    }

    public String bootId() {
        return bootId;
    }

    /**
     * Appends {@code count} POINTS events in one transaction.
     *
     * @return the sequence of the last one
     */
    public synchronized long append(int count) {
        return inTransaction(() -> {
            long seq = highestSequence();
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO outbox(seq, json, written_at_ms) VALUES (?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    seq++;
                    insert.setLong(1, seq);
                    insert.setString(2, pointsEvent(seq));
                    insert.setLong(3, wall.millis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return seq;
        });
    }

    /** Appends a VOUCHER_REDEEMED event for {@code member} and the voucher {@code reference}. */
    public synchronized long appendRedemption(String member, String reference) {
        return inTransaction(() -> {
            long seq = highestSequence() + 1;
            String json = event(seq, "VOUCHER_REDEEMED", member, 0, 0, reference)
                    + ",\"voucher\":{\"reference\":\"" + reference + "\",\"issuingTerminal\":\"" + terminal
                    + "\",\"valueCents\":250}}";
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO outbox(seq, json, written_at_ms) VALUES (?, ?, ?)")) {
                insert.setLong(1, seq);
                insert.setString(2, json);
                insert.setLong(3, wall.millis());
                insert.executeUpdate();
            }
            return seq;
        });
    }

    /** The points delta of event {@code seq} from {@link #append(int)}: what HQ must sum up. */
    public static long pointsOf(long seq) {
        return seq % 5 + 1;
    }

    /** The member of event {@code seq} from {@link #append(int)}. */
    public static String memberOf(long seq) {
        return "m-" + (seq % MEMBERS);
    }

    /** Every 3rd generated event also carries one stamp. */
    public static int stampsOf(long seq) {
        return seq % 3 == 0 ? 1 : 0;
    }

    private String pointsEvent(long seq) {
        return event(seq, "POINTS", memberOf(seq), pointsOf(seq), stampsOf(seq), "r-" + seq) + "}";
    }

    /** The event's fields without the closing brace. */
    private String event(long seq, String type, String member, long points, int stamps, String reference) {
        Instant now = wall.instant();
        return "{\"schema\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"terminal\":\"" + terminal + "\",\"seq\":"
                + seq
                + ",\"bootId\":\"" + bootId + "\",\"monotonicNanos\":" + seq * 1_000_000L + ",\"wallTime\":\"" + now
                + "\",\"clockSynchronized\":true,\"type\":\"" + type + "\",\"member\":\"" + member
                + "\",\"campaign\":\"" + STAMP_CAMPAIGN + "\",\"bundleVersion\":1,\"stamps\":" + stamps
                + ",\"points\":" + points + ",\"reference\":\"" + reference + "\"";
    }

    /** The terminal's own view of each member's points over every event it holds. */
    public synchronized Map<String, Long> pointsByMember() {
        Map<String, Long> points = new LinkedHashMap<>();
        query("SELECT seq FROM outbox ORDER BY seq", rs -> {
            while (rs.next()) {
                long seq = rs.getLong(1);
                points.merge(memberOf(seq), pointsOf(seq), Long::sum);
            }
            return null;
        });
        return points;
    }

    public synchronized long highestSequence() {
        return query("SELECT COALESCE(MAX(seq), 0) FROM outbox", rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    public long depth() {
        return summary().depth();
    }

    @Override
    public synchronized List<OutboxEvent> pendingAfter(long afterSequence, int maxEvents, int maxBytes) {
        try (PreparedStatement select =
                db.prepareStatement("SELECT seq, json FROM outbox WHERE acked = 0 AND seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, afterSequence);
            select.setInt(2, maxEvents);
            List<OutboxEvent> events = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(2);
                    bytes += json.length();
                    if (!events.isEmpty() && bytes > maxBytes) {
                        break;
                    }
                    events.add(new OutboxEvent(rs.getLong(1), json));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new SyncException("test outbox of " + terminal + ": read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void acknowledgeUpTo(long sequence) {
        inTransaction(() -> {
            try (PreparedStatement ack =
                            db.prepareStatement("UPDATE outbox SET acked = 1 WHERE seq <= ? AND acked = 0");
                    PreparedStatement meta =
                            db.prepareStatement("UPDATE meta SET value = MAX(value, ?) WHERE key = 'highest_acked'")) {
                ack.setLong(1, sequence);
                ack.executeUpdate();
                meta.setLong(1, sequence);
                meta.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized long reopenFrom(long sequence) {
        return inTransaction(() -> {
            long first = query("SELECT COALESCE(MIN(seq), 0) FROM outbox WHERE seq >= " + sequence, rs -> {
                rs.next();
                return rs.getLong(1);
            });
            if (first == 0) {
                return highestSequence() + 1; // nothing held from there on
            }
            try (PreparedStatement reopen = db.prepareStatement("UPDATE outbox SET acked = 0 WHERE seq >= ?");
                    PreparedStatement meta =
                            db.prepareStatement("UPDATE meta SET value = MIN(value, ?) WHERE key = 'highest_acked'")) {
                reopen.setLong(1, first);
                reopen.executeUpdate();
                meta.setLong(1, first - 1);
                meta.executeUpdate();
            }
            return first;
        });
    }

    @Override
    public synchronized OutboxSummary summary() {
        return query("""
                SELECT (SELECT COUNT(*) FROM outbox WHERE acked = 0),
                       (SELECT MIN(written_at_ms) FROM outbox WHERE acked = 0),
                       (SELECT value FROM meta WHERE key = 'highest_acked')""", rs -> {
            rs.next();
            long oldest = rs.getLong(2);
            Optional<Instant> oldestAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
            return new OutboxSummary(rs.getLong(1), oldestAt, rs.getLong(3));
        });
    }

    @Override
    public synchronized long nextSession() {
        return inTransaction(() -> {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE meta SET value = value + 1 WHERE key = 'session'");
            }
            return query("SELECT value FROM meta WHERE key = 'session'", rs -> {
                rs.next();
                return rs.getLong(1);
            });
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new SyncException("test outbox of " + terminal + ": close failed: " + e.getMessage(), e);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private interface SqlRead<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, SqlRead<T> read) {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return read.read(rs);
        } catch (SQLException e) {
            throw new SyncException("test outbox of " + terminal + ": '" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SyncException("test outbox of " + terminal + ": write failed: " + e.getMessage(), e);
        }
    }
}
