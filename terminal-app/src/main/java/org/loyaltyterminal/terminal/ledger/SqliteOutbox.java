package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.sync.outbox.Outbox;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.outbox.OutboxSummary;

/**
 * The sync agent's view of the outbox the store writes with every ledger row. Runs on the
 * store's {@link SqliteSession} under its lock, so an acknowledgement never races a scan's transaction.
 *
 * <p>Acknowledged rows are marked, not deleted, and the newest {@code retainAcknowledged} of
 * them are kept so that HQ can ask for them again ("resend from"); older ones are purged as
 * acknowledgements arrive.
 */
public final class SqliteOutbox implements Outbox {
    static final String ACKED_UP_TO = "hq_acked_up_to";
    static final String SESSION = "hq_session";

    private final SqliteSession session;
    private final long retainAcknowledged;

    SqliteOutbox(SqliteSession session, long retainAcknowledged) {
        this.session = session;
        this.retainAcknowledged = retainAcknowledged;
    }

    /** The outbox of {@code store}, on its session. */
    public SqliteOutbox(SqliteLoyaltyStore store, long retainAcknowledged) {
        this(store.session(), retainAcknowledged);
    }

    @Override
    public List<OutboxEvent> pendingAfter(long afterSequence, int maxEvents, int maxBytes) {
        return session.read("read the outbox", () -> {
            PreparedStatement s = session.statement(
                    "SELECT seq, payload FROM outbox WHERE acked = 0 AND seq > ? ORDER BY seq LIMIT ?");
            s.setLong(1, afterSequence);
            s.setInt(2, maxEvents);
            List<OutboxEvent> events = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String payload = rs.getString(2);
                    bytes += payload.length();
                    if (!events.isEmpty() && bytes > maxBytes) {
                        break;
                    }
                    events.add(new OutboxEvent(rs.getLong(1), payload));
                }
            }
            return List.copyOf(events);
        });
    }

    @Override
    public void acknowledgeUpTo(long sequence) {
        session.write("record HQ's acknowledgement up to " + sequence, () -> {
            PreparedStatement mark = session.statement("UPDATE outbox SET acked = 1 WHERE acked = 0 AND seq <= ?");
            mark.setLong(1, sequence);
            mark.executeUpdate();
            long before = meta(ACKED_UP_TO);
            if (sequence > before) {
                setMeta(ACKED_UP_TO, sequence);
            }
            PreparedStatement purge = session.statement("DELETE FROM outbox WHERE acked = 1 AND seq <= ?");
            purge.setLong(1, sequence - retainAcknowledged);
            purge.executeUpdate();
            return null;
        });
    }

    @Override
    public long reopenFrom(long sequence) {
        return session.write("reopen the outbox from " + sequence, () -> {
            PreparedStatement first = session.statement("SELECT MIN(seq) FROM outbox WHERE seq >= ?");
            first.setLong(1, sequence);
            long from;
            try (ResultSet rs = first.executeQuery()) {
                rs.next();
                from = rs.getObject(1) == null ? sequence : rs.getLong(1);
            }
            PreparedStatement reopen = session.statement("UPDATE outbox SET acked = 0 WHERE acked = 1 AND seq >= ?");
            reopen.setLong(1, from);
            reopen.executeUpdate();
            if (meta(ACKED_UP_TO) >= from) {
                setMeta(ACKED_UP_TO, from - 1);
            }
            return from;
        });
    }

    @Override
    public OutboxSummary summary() {
        return session.read("summarise the outbox", () -> {
            PreparedStatement s = session.statement(
                    "SELECT COUNT(*), (SELECT created_at FROM outbox WHERE acked = 0 ORDER BY seq LIMIT 1)"
                            + " FROM outbox WHERE acked = 0");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new OutboxSummary(
                        rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(Instant::parse), meta(ACKED_UP_TO));
            }
        });
    }

    @Override
    public long nextSession() {
        return session.write("count a new HQ session", () -> {
            long next = meta(SESSION) + 1;
            setMeta(SESSION, next);
            return next;
        });
    }

    private long meta(String key) throws SQLException {
        PreparedStatement s = session.statement("SELECT value FROM meta WHERE key = ?");
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    private void setMeta(String key, long value) throws SQLException {
        PreparedStatement s = session.statement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        s.setString(1, key);
        s.setString(2, Long.toString(value));
        s.executeUpdate();
    }
}
