package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule of what counts, shared by the incremental upkeep ({@link BatchWriter}) and the
 * rebuild, so that the two cannot drift apart: an event of table {@code events e} counts towards
 * its member's account once it lies within its terminal's contiguous prefix, has a member, and is
 * not an {@code HQ_BALANCE} row (a till taking over HQ's own balance: counting it would double
 * it). Every event of a member within the prefix marks the store as visited.
 */
final class Accounts {
    static final String COUNTED = "e.member IS NOT NULL AND e.type <> 'HQ_BALANCE'";
    static final String VISIT = "e.member IS NOT NULL";
    /** When a visit happened: the till's wall time, or when HQ received it if the event had none. */
    static final String SEEN = "COALESCE(e.wall_time, e.received_at)";

    private static final String IN_PREFIX =
            " FROM events e JOIN terminals t ON t.terminal = e.terminal" + " WHERE e.seq <= t.contiguous AND ";
    private static final String RECOMPUTED =
            "SELECT e.member AS member, COALESCE(e.campaign, '') AS campaign, SUM(e.points) AS points,"
                    + " SUM(e.stamps) AS stamps" + IN_PREFIX + COUNTED + " GROUP BY e.member, COALESCE(e.campaign, '')";

    private Accounts() {}

    /**
     * Replaces {@code accounts} and {@code member_stores} by their recomputation from the events.
     * On PostgreSQL it first locks every terminal row in sorted order (as ingest does) and then
     * both tables, so no ingest transaction changes them halfway.
     */
    static AccountsRebuilt rebuild(Connection db, Dialect dialect, Instant now) throws SQLException {
        List<String> terminals = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT terminal FROM terminals")) {
            while (rs.next()) {
                terminals.add(rs.getString(1));
            }
        }
        terminals.sort(null);
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement lock =
                    db.prepareStatement("SELECT contiguous FROM terminals WHERE terminal = ?" + dialect.forUpdate())) {
                for (String terminal : terminals) {
                    lock.setString(1, terminal);
                    lock.executeQuery().close();
                }
            }
            try (Statement s = db.createStatement()) {
                s.execute("LOCK TABLE accounts, member_stores IN SHARE ROW EXCLUSIVE MODE");
            }
        }
        long corrected = count(
                        db,
                        "SELECT COUNT(*) FROM (" + RECOMPUTED + ") r LEFT JOIN accounts a"
                                + " ON a.member = r.member AND a.campaign = r.campaign"
                                + " WHERE a.member IS NULL OR a.points <> r.points OR a.stamps <> r.stamps")
                + count(
                        db,
                        "SELECT COUNT(*) FROM accounts a LEFT JOIN (" + RECOMPUTED + ") r"
                                + " ON a.member = r.member AND a.campaign = r.campaign WHERE r.member IS NULL");
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM accounts");
            s.executeUpdate("DELETE FROM member_stores");
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO accounts(member, campaign, points, stamps, updated_at) SELECT r.member, r.campaign,"
                        + " r.points, r.stamps, ? FROM (" + RECOMPUTED + ") r")) {
            insert.setString(1, UtcText.of(now));
            insert.executeUpdate();
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO member_stores(member, chain, store, last_seen) SELECT e.member, e.chain,"
                    + " e.store, MAX(" + SEEN + ")" + IN_PREFIX + VISIT + " GROUP BY e.member, e.chain, e.store");
        }
        return new AccountsRebuilt(
                terminals.size(),
                count(db, "SELECT COUNT(*)" + IN_PREFIX + COUNTED),
                count(db, "SELECT COUNT(DISTINCT member) FROM accounts"),
                count(db, "SELECT COUNT(*) FROM accounts"),
                count(db, "SELECT COUNT(*) FROM member_stores"),
                corrected);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
