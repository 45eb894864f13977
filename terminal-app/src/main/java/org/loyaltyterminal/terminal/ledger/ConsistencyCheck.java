package org.loyaltyterminal.terminal.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Recomputes every balance from the ledger and reports the differences (the {@code check} command). */
final class ConsistencyCheck {
    private final SqliteSession session;

    ConsistencyCheck(SqliteSession session) {
        this.session = session;
    }

    ConsistencyReport run() {
        return session.read("check balances against the ledger", () -> {
            List<Discrepancy> found = new ArrayList<>();
            points(found);
            stamps(found);
            long rows;
            long last;
            try (Statement s = session.connection().createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT COUNT(*), COALESCE(MAX(seq), 0), COALESCE(MIN(seq), 1) FROM ledger")) {
                rs.next();
                rows = rs.getLong(1);
                last = rs.getLong(2);
                if (rows > 0 && (rs.getLong(3) != 1 || last != rows)) {
                    found.add(new Discrepancy("ledger sequence (must run 1.." + rows + " without gaps)", rows, last));
                }
            }
            long members;
            try (Statement s = session.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM members")) {
                rs.next();
                members = rs.getLong(1);
            }
            return new ConsistencyReport(rows, members, last, found);
        });
    }

    private void points(List<Discrepancy> found) throws SQLException {
        try (Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery("""
                SELECT m.card_number, m.points, COALESCE(SUM(l.points_delta), 0)
                FROM members m LEFT JOIN ledger l ON l.card_number = m.card_number
                GROUP BY m.card_number""")) {
            while (rs.next()) {
                long balance = rs.getLong(2);
                long sum = rs.getLong(3);
                if (balance != sum) {
                    found.add(new Discrepancy("points of member " + Redaction.mask(rs.getString(1)), sum, balance));
                }
            }
        }
    }

    private void stamps(List<Discrepancy> found) throws SQLException {
        try (Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery("""
                SELECT k.card_number, k.campaign_id, COALESCE(c.stamps, 0), COALESCE(k.stamps, 0),
                       COALESCE(c.completed, 0), COALESCE(k.completed, 0)
                FROM (SELECT card_number, campaign_id, SUM(stamps_delta) AS stamps,
                             SUM(kind = 'STAMP_CARD_COMPLETED') AS completed
                      FROM ledger WHERE kind IN ('STAMPS', 'STAMP_CARD_COMPLETED', 'HQ_BALANCE', 'REFUND', 'STAMPS_EXPIRED')
                      GROUP BY card_number, campaign_id) k
                LEFT JOIN stamp_cards c ON c.card_number = k.card_number AND c.campaign_id = k.campaign_id
                UNION ALL
                SELECT c.card_number, c.campaign_id, c.stamps, 0, c.completed, 0
                FROM stamp_cards c
                WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.card_number = c.card_number
                                  AND l.campaign_id = c.campaign_id)""")) {
            while (rs.next()) {
                String subject = rs.getString(2) + " of member " + Redaction.mask(rs.getString(1));
                if (rs.getLong(3) != rs.getLong(4)) {
                    found.add(new Discrepancy("stamps " + subject, rs.getLong(4), rs.getLong(3)));
                }
                if (rs.getLong(5) != rs.getLong(6)) {
                    found.add(new Discrepancy("completed cards " + subject, rs.getLong(6), rs.getLong(5)));
                }
            }
        }
    }
}
