package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.core.account.StampCardStarts;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberHistory;

/**
 * A member's past as the rules need it, read from the ledger inside a transaction of the
 * {@link SqliteSession}: birthday, the last 400 visits, all-time tallies per campaign and the
 * last 1000 award rows (per-visit and per-day limits, the minimum interval), points movements,
 * the tier and when each stamp card started. Bounded by rows, not by a clock: the store never
 * reads the time.
 */
final class MemberHistoryRepository {
    /** A TIER_CHANGED row's reference: this prefix and the new tier's id ("none" below the lowest). */
    static final String TIER_REFERENCE = "tier:";

    private final SqliteSession session;

    MemberHistoryRepository(SqliteSession session) {
        this.session = session;
    }

    MemberHistory of(String memberCard, HistoryNeeds needs) throws SQLException {
        Optional<MonthDay> birthday = Optional.empty();
        PreparedStatement b = session.statement("SELECT birthday FROM members WHERE card_number = ?");
        b.setString(1, memberCard);
        try (ResultSet rs = b.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
                birthday = Optional.of(MonthDay.parse(rs.getString(1)));
            }
        }
        List<Instant> visits = new ArrayList<>();
        PreparedStatement v = session.statement(
                "SELECT opened_at FROM visits WHERE card_number = ? AND ? ORDER BY opened_at DESC LIMIT 400");
        v.setString(1, memberCard);
        v.setBoolean(2, needs.visits());
        try (ResultSet rs = v.executeQuery()) {
            while (rs.next()) {
                visits.add(Instant.parse(rs.getString(1)));
            }
        }
        return new MemberHistory(
                birthday,
                visits,
                tallies(memberCard, needs),
                recentAwards(memberCard, needs),
                movements(memberCard, needs),
                tier(memberCard),
                needs.cardStarts() ? cardsStarted(memberCard) : Map.of());
    }

    private Map<String, MemberHistory.Tally> tallies(String memberCard, HistoryNeeds needs) throws SQLException {
        Map<String, MemberHistory.Tally> tallies = new HashMap<>();
        // One max() aggregate: SQLite takes the bare wall_time from the row with the highest seq.
        PreparedStatement t = session.statement("""
                SELECT campaign_id, SUM(CASE WHEN kind = 'STAMPS' THEN stamps_delta ELSE 0 END),
                       SUM(CASE WHEN kind IN ('POINTS', 'BONUS') THEN points_delta ELSE 0 END),
                       SUM(kind = 'VOUCHER_ISSUED'), MAX(seq), wall_time
                FROM ledger WHERE card_number = ? AND ? AND campaign_id IS NOT NULL AND rule <> '' AND kind <> 'REFUND'
                GROUP BY campaign_id""");
        t.setString(1, memberCard);
        t.setBoolean(2, needs.tallies());
        try (ResultSet rs = t.executeQuery()) {
            while (rs.next()) {
                tallies.put(
                        rs.getString(1),
                        new MemberHistory.Tally(
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                Optional.of(Instant.parse(rs.getString(6)))));
            }
        }
        return tallies;
    }

    private List<MemberHistory.PastAward> recentAwards(String memberCard, HistoryNeeds needs) throws SQLException {
        List<MemberHistory.PastAward> recent = new ArrayList<>();
        PreparedStatement r = session.statement("""
                SELECT campaign_id, kind, stamps_delta, points_delta, wall_time, visit_id, terminal_id
                FROM ledger WHERE card_number = ? AND ? AND campaign_id IS NOT NULL AND rule <> '' AND kind <> 'REFUND'
                ORDER BY seq DESC LIMIT 1000""");
        r.setString(1, memberCard);
        r.setBoolean(2, needs.recentAwards());
        try (ResultSet rs = r.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(2);
                recent.add(new MemberHistory.PastAward(
                        rs.getString(1),
                        kind.equals("STAMPS") ? rs.getLong(3) : 0,
                        kind.equals("POINTS") || kind.equals("BONUS") ? rs.getLong(4) : 0,
                        kind.equals("VOUCHER_ISSUED") ? 1 : 0,
                        Instant.parse(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7)));
            }
        }
        return recent;
    }

    /** Every points movement, oldest first: the lots for expiry and the points earned for tiers. */
    private List<MemberHistory.PointsMovement> movements(String memberCard, HistoryNeeds needs) throws SQLException {
        List<MemberHistory.PointsMovement> movements = new ArrayList<>();
        PreparedStatement p = session.statement("""
                SELECT wall_time, points_delta, kind FROM ledger
                WHERE card_number = ? AND points_delta <> 0 AND ? ORDER BY seq""");
        p.setString(1, memberCard);
        p.setBoolean(2, needs.pointsMovements());
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(3);
                movements.add(new MemberHistory.PointsMovement(
                        Instant.parse(rs.getString(1)),
                        rs.getLong(2),
                        kind.equals("POINTS") || kind.equals("BONUS") || kind.equals("REFERRAL_BONUS")));
            }
        }
        return movements;
    }

    private Optional<String> tier(String memberCard) throws SQLException {
        PreparedStatement tr = session.statement("""
                SELECT reference FROM ledger WHERE card_number = ? AND kind = 'TIER_CHANGED' ORDER BY seq DESC LIMIT 1""");
        tr.setString(1, memberCard);
        try (ResultSet rs = tr.executeQuery()) {
            if (rs.next() && rs.getString(1).startsWith(TIER_REFERENCE)) {
                return Optional.of(rs.getString(1).substring(TIER_REFERENCE.length()))
                        .filter(id -> !id.equals("none"));
            }
        }
        return Optional.empty();
    }

    /** When each current stamp card got its first stamp: the core replays the member's stamp rows. */
    private Map<String, Instant> cardsStarted(String memberCard) throws SQLException {
        List<StampCardStarts.StampMovement> movements = new ArrayList<>();
        PreparedStatement s = session.statement("""
                SELECT campaign_id, wall_time, stamps_delta, kind FROM ledger
                WHERE card_number = ? AND campaign_id IS NOT NULL AND stamps_delta <> 0 ORDER BY seq""");
        s.setString(1, memberCard);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                movements.add(new StampCardStarts.StampMovement(
                        rs.getString(1),
                        Instant.parse(rs.getString(2)),
                        rs.getLong(3),
                        rs.getString(4).equals("STAMP_CARD_COMPLETED")));
            }
        }
        return StampCardStarts.replay(movements);
    }
}
