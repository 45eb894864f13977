package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberState;

/**
 * The append-only ledger with its outbox rows, and the balances kept beside it: the rows every
 * other repository appends through, and the reads of a member's state. Methods that throw
 * {@link SQLException} run inside a transaction of the {@link SqliteSession}; the others open one.
 */
final class LedgerRepository {
    static final String MEMBER_EXISTS = "SELECT 1 FROM members WHERE card_number = ?";
    static final String RECEIPT_CREDITED = "SELECT 1 FROM credited_receipts WHERE receipt_id = ?";

    private final SqliteSession session;
    private final OutboxEvents events;
    private final MemberHistoryRepository history;

    /** @param bootId this boot's id, recorded in every outbox event */
    LedgerRepository(SqliteSession session, String bootId) {
        this.session = session;
        this.events = new OutboxEvents(bootId);
        this.history = new MemberHistoryRepository(session);
    }

    String terminalId() {
        return session.terminalId();
    }

    boolean isMember(String memberCard) {
        return session.read("look up a member", () -> session.exists(MEMBER_EXISTS, memberCard));
    }

    boolean receiptCredited(String receiptId) {
        return session.read("look up a receipt", () -> session.exists(RECEIPT_CREDITED, receiptId));
    }

    MemberState memberState(String memberCard, HistoryNeeds needs) {
        return session.read("read a member's balances", () -> {
            MemberState balances = balances(memberCard);
            return new MemberState(balances.points(), balances.stampsOnCard(), history.of(memberCard, needs));
        });
    }

    /** Which balance the visit used; empty for a visit this till did not record (HQ's rows, an operator's). */
    Optional<VisitBalance> visitBalance(String visitId) {
        return session.read("read a visit's balance source", () -> {
            PreparedStatement s = session.statement("SELECT balance_source, balance_ms FROM visits WHERE visit_id = ?");
            s.setString(1, visitId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long millis = rs.getLong(2);
                return Optional.of(
                        VisitBalance.of(rs.getString(1), rs.wasNull() ? Optional.empty() : Optional.of(millis)));
            }
        });
    }

    /** Points and stamps on cards, without the history (inside a transaction). */
    MemberState balances(String memberCard) throws SQLException {
        long points = 0;
        PreparedStatement s = session.statement("SELECT points FROM members WHERE card_number = ?");
        s.setString(1, memberCard);
        try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                points = rs.getLong(1);
            }
        }
        Map<String, Integer> stamps = new HashMap<>();
        PreparedStatement cards =
                session.statement("SELECT campaign_id, stamps FROM stamp_cards WHERE card_number = ?");
        cards.setString(1, memberCard);
        try (ResultSet rs = cards.executeQuery()) {
            while (rs.next()) {
                stamps.put(rs.getString(1), rs.getInt(2));
            }
        }
        return new MemberState(points, stamps);
    }

    /** The member's points; empty for a card that is not enrolled (inside a transaction). */
    Optional<Long> points(String memberCard) throws SQLException {
        PreparedStatement s = session.statement("SELECT points FROM members WHERE card_number = ?");
        s.setString(1, memberCard);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /** Adds {@code delta} to the member's points; false when the card is not enrolled. */
    boolean addPoints(String memberCard, long delta) throws SQLException {
        PreparedStatement s = session.statement("UPDATE members SET points = points + ? WHERE card_number = ?");
        s.setLong(1, delta);
        s.setString(2, memberCard);
        return s.executeUpdate() == 1;
    }

    List<LedgerEntry> recentEntries(String memberCard, int limit) {
        return session.read("read the ledger of member " + Redaction.mask(memberCard), () -> {
            PreparedStatement s = session.statement("""
                    SELECT seq, terminal_id, kind, campaign_id, bundle_version, stamps_delta, points_delta, reference,
                           visit_id, wall_time, clock_trusted, monotonic_ns, rule, detail, rules_clock_untrusted
                    FROM ledger WHERE card_number = ? ORDER BY seq DESC LIMIT ?""");
            s.setString(1, memberCard);
            s.setInt(2, limit);
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LedgerEntry(
                            rs.getLong(1),
                            rs.getString(2),
                            Optional.of(memberCard),
                            LedgerKind.valueOf(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4)),
                            rs.getLong(5),
                            rs.getInt(6),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            new EventTime(Instant.parse(rs.getString(10)), rs.getInt(11) == 1, rs.getLong(12)),
                            new Award.Why(rs.getString(13), rs.getString(14), rs.getInt(15) == 1)));
                }
            }
            return List.copyOf(entries.reversed());
        });
    }

    long outboxDepth() {
        return session.read("count the outbox", () -> {
            try (Statement s = session.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE acked = 0")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * The first of the sequence numbers this transaction appends. The ledger is append-only (a
     * trigger refuses UPDATE and DELETE), so its highest sequence never goes down and a number
     * is never reused; a transaction that rolls back leaves no gap. Reading it costs a lookup at
     * the end of the rowid tree, and no extra page written per commit, unlike a counter row.
     */
    long nextSequence() throws SQLException {
        return lastSequence() + 1;
    }

    long lastSequence() throws SQLException {
        try (Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM ledger")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends the row and its outbox event. */
    void append(LedgerEntry e) throws SQLException {
        append(e, Optional.empty());
    }

    /** Appends the row and its outbox event, which carries the voucher's facts when it is about one. */
    void append(LedgerEntry e, Optional<OutboxEvents.VoucherFacts> voucher) throws SQLException {
        PreparedStatement ledger = session.statement("""
                INSERT INTO ledger (seq, terminal_id, card_number, kind, campaign_id, bundle_version, stamps_delta,
                                    points_delta, reference, visit_id, wall_time, clock_trusted, monotonic_ns, rule, detail,
                                    rules_clock_untrusted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        ledger.setLong(1, e.sequence());
        ledger.setString(2, e.terminalId());
        ledger.setString(3, e.member().orElse(null));
        ledger.setString(4, e.kind().name());
        ledger.setString(5, e.campaignId().orElse(null));
        ledger.setLong(6, e.bundleVersion());
        ledger.setInt(7, e.stampsDelta());
        ledger.setLong(8, e.pointsDelta());
        ledger.setString(9, e.reference());
        ledger.setString(10, e.visitId());
        ledger.setString(11, e.time().wall().toString());
        ledger.setInt(12, e.time().clockTrusted() ? 1 : 0);
        ledger.setLong(13, e.time().monotonicNanos());
        ledger.setString(14, e.why().rule());
        ledger.setString(15, e.why().detail());
        ledger.setInt(16, e.why().clockUntrusted() ? 1 : 0);
        ledger.executeUpdate();
        PreparedStatement outbox = session.statement("INSERT INTO outbox (seq, payload, created_at) VALUES (?, ?, ?)");
        outbox.setLong(1, e.sequence());
        outbox.setString(2, events.payload(e, voucher));
        outbox.setString(3, e.time().wall().toString());
        outbox.executeUpdate();
    }

    /** Moves the member's points and stamp card by an award's row. */
    void applyToBalances(LedgerEntry entry, Award award) throws SQLException {
        if (entry.pointsDelta() != 0 && !addPoints(entry.memberCard(), entry.pointsDelta())) {
            throw new StorageException("member " + Redaction.mask(entry.memberCard())
                    + " is not enrolled; enrol the card before recording awards");
        }
        if (entry.stampsDelta() != 0) {
            int completed = award instanceof Award.StampCardCompleted ? 1 : 0;
            // Update first: an upsert would test the CHECK on the inserted values (a negative
            // completion delta) before the conflict turns it into an update.
            PreparedStatement update = session.statement("""
                    UPDATE stamp_cards SET stamps = stamps + ?, completed = completed + ?
                    WHERE card_number = ? AND campaign_id = ?""");
            update.setInt(1, entry.stampsDelta());
            update.setInt(2, completed);
            update.setString(3, entry.memberCard());
            update.setString(4, award.campaignId());
            if (update.executeUpdate() == 1) {
                return;
            }
            PreparedStatement insert = session.statement(
                    "INSERT INTO stamp_cards (card_number, campaign_id, stamps, completed) VALUES (?, ?, ?, ?)");
            insert.setString(1, entry.memberCard());
            insert.setString(2, award.campaignId());
            insert.setInt(3, entry.stampsDelta());
            insert.setInt(4, completed);
            insert.executeUpdate();
        }
    }
}
