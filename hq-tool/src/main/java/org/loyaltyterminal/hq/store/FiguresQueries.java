package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltyterminal.hq.figures.CampaignFigures;
import org.loyaltyterminal.hq.figures.ChainFlows;
import org.loyaltyterminal.hq.figures.ChainSummary;
import org.loyaltyterminal.hq.figures.Figures;
import org.loyaltyterminal.hq.figures.FiguresSource;
import org.loyaltyterminal.hq.figures.FlowSeries;
import org.loyaltyterminal.hq.figures.Flows;
import org.loyaltyterminal.hq.figures.Members;
import org.loyaltyterminal.hq.figures.ReportPeriod;
import org.loyaltyterminal.hq.figures.Scope;
import org.loyaltyterminal.hq.figures.Summary;

/**
 * The programme figures, computed in the database from the stored events (every stored event,
 * within its terminal's contiguous prefix or beyond a gap); the definitions are in
 * docs/hq-tool.md, "Programme figures". The same SQL runs on SQLite and PostgreSQL. Each query
 * selects a chain's or a store's events by time through the V2 indexes on
 * {@code (chain[, store], COALESCE(wall_time, received_at))} and groups them in the database, so
 * what comes back is a row per group and time slot, never per event. Where the grouping could
 * be read in order from another index (a member's visits from {@code events_member}), the events
 * are first picked by time in a MATERIALIZED common table expression: SQLite's planner otherwise
 * chose, for a wide window, to walk the whole member index to spare itself a sort (ten times
 * slower on a million events).
 *
 * <p>On PostgreSQL one call reads one snapshot (REPEATABLE READ, read only). On SQLite each query
 * reads the state of its own moment: a transaction there would take the file's write lock and
 * hold up ingest; a batch stored meanwhile may show in some figures and not yet in others.
 */
public final class FiguresQueries implements FiguresSource {
    /** When an event happened: the till's wall time, or when HQ received it if the event had none. */
    private static final String AT = "COALESCE(e.wall_time, e.received_at)";

    /**
     * A member's visit: an event with a member and a visit id, but not one that records something
     * else: an unlink (possibly an operator's), a refund (it carries the sale's visit), HQ's
     * balance taken over, an erasure, a manager's adjustment, or a referral bonus (the referrer's
     * row carries the new member's visit).
     */
    private static final String VISIT_EVENT = "e.member IS NOT NULL AND e.visit IS NOT NULL AND e.type NOT IN"
            + " ('CARD_UNLINKED', 'REFUND', 'HQ_BALANCE', 'MEMBER_ERASED', 'ADJUSTMENT', 'REFERRAL_BONUS')";

    /** A member's first enrolment in the chain (a till that did not know the card enrols it again). */
    private static final String FIRST_ENROLMENT = "e.type = 'ENROLLED' AND e.member IS NOT NULL AND NOT EXISTS"
            + " (SELECT 1 FROM events f WHERE f.type = 'ENROLLED' AND f.member = e.member AND f.chain = e.chain"
            + " AND COALESCE(f.wall_time, f.received_at) < " + AT + ")";

    private static final String POINTS_ISSUED =
            "CASE WHEN e.points > 0 AND e.type <> 'HQ_BALANCE' THEN e.points ELSE 0 END";
    private static final String POINTS_REDEEMED =
            "CASE WHEN e.type = 'VOUCHER_ISSUED' AND e.points < 0 THEN -e.points ELSE 0 END";
    private static final String STAMPS_ISSUED =
            "CASE WHEN e.stamps > 0 AND e.type <> 'HQ_BALANCE' THEN e.stamps ELSE 0 END";
    private static final String VOUCHERS_ISSUED = "CASE WHEN e.type = 'VOUCHER_ISSUED' THEN 1 ELSE 0 END";
    private static final String VOUCHERS_REDEEMED = "CASE WHEN e.type = 'VOUCHER_REDEEMED' THEN 1 ELSE 0 END";

    private final HqDatabase db;

    public FiguresQueries(HqDatabase db) {
        this.db = db;
    }

    /**
     * Which events a query reads and what it groups them by.
     *
     * @param key   the group's SQL expression: the chain (one group) or the store
     * @param where the scope's condition on {@code events e}
     * @param args  its parameters
     */
    private record Grouping(String key, String where, List<String> args) {
        static Grouping of(Scope scope) {
            return scope.store()
                    .map(store -> new Grouping("e.store", "e.chain = ? AND e.store = ?", List.of(scope.chain(), store)))
                    .orElseGet(() -> new Grouping("e.chain", "e.chain = ?", List.of(scope.chain())));
        }

        static Grouping byStore(String chain) {
            return new Grouping("e.store", "e.chain = ?", List.of(chain));
        }
    }

    /**
     * Time slots of {@code minutes} (15 or 1) within which flows are grouped, from the UTC text
     * of a time ({@code 2026-03-01T10:37:12.345Z} falls in {@code 2026-03-01T10:30}); or none.
     */
    private record Slots(int minutes) {
        static final Slots NONE = new Slots(0);

        String of(String time) {
            return switch (minutes) {
                case 0 -> "''";
                case 1 -> "substr(" + time + ", 1, 16)";
                case 15 -> {
                    String minute = "substr(" + time + ", 15, 2)";
                    yield "substr(" + time + ", 1, 14) || CASE WHEN " + minute + " < '15' THEN '00' WHEN " + minute
                            + " < '30' THEN '15' WHEN " + minute + " < '45' THEN '30' ELSE '45' END";
                }
                default -> throw new IllegalStateException("slots of " + minutes + " minutes");
            };
        }

        static Instant start(String slot) {
            return Instant.parse(slot + ":00Z");
        }
    }

    /** A group and slot of a query's result ("" when not slotted). */
    private record Cell(String group, String slot) {}

    @Override
    public Figures figures(Scope scope, ReportPeriod period) {
        return consistently("computing the figures of " + scope.describe(), c -> {
            Grouping grouping = Grouping.of(scope);
            Slots slots = new Slots(period.slotMinutes());
            FlowSeries series = new FlowSeries(period);
            flows(c, grouping, period, slots).forEach((cell, flows) -> series.add(Slots.start(cell.slot()), flows));
            Members members =
                    members(c, grouping, period).getOrDefault(scope.store().orElse(scope.chain()), Members.NONE);
            return new Figures(
                    scope,
                    period,
                    new Summary(series.total(), members),
                    campaigns(c, grouping, period),
                    series.days(),
                    series.weeks());
        });
    }

    @Override
    public ChainSummary summary(String chain, ReportPeriod period) {
        Scope scope = Scope.chain(chain); // checks the id
        return consistently("computing the figures of chain " + chain, c -> {
            ChainFlows flows = chainFlows(c, scope, period);
            Map<String, Members> chainMembers = members(c, Grouping.of(scope), period);
            Map<String, Members> storeMembers = members(c, Grouping.byStore(chain), period);
            SortedMap<String, Summary> perStore = new TreeMap<>();
            TreeSet<String> stores = new TreeSet<>(flows.stores().keySet());
            stores.addAll(storeMembers.keySet());
            for (String store : stores) {
                perStore.put(
                        store,
                        new Summary(
                                flows.stores().getOrDefault(store, Flows.ZERO),
                                storeMembers.getOrDefault(store, Members.NONE)));
            }
            return new ChainSummary(
                    chain, new Summary(flows.whole(), chainMembers.getOrDefault(chain, Members.NONE)), perStore);
        });
    }

    @Override
    public ChainFlows flows(String chain, ReportPeriod period) {
        Scope scope = Scope.chain(chain); // checks the id
        return consistently("computing the flows of chain " + chain, c -> chainFlows(c, scope, period));
    }

    /** The chain's flows, and each store's: those HQ has a terminal of, and any other with events. */
    private static ChainFlows chainFlows(Connection c, Scope scope, ReportPeriod period) throws SQLException {
        Map<String, Flows> whole = ungrouped(flows(c, Grouping.of(scope), period, Slots.NONE));
        Map<String, Flows> byStore = ungrouped(flows(c, Grouping.byStore(scope.chain()), period, Slots.NONE));
        SortedMap<String, Flows> stores = new TreeMap<>();
        for (String store : stores(c, scope.chain())) {
            stores.put(store, Flows.ZERO);
        }
        stores.putAll(byStore);
        return new ChainFlows(scope.chain(), whole.getOrDefault(scope.chain(), Flows.ZERO), stores);
    }

    @Override
    public List<String> chains() {
        return db.read("reading the chains", c -> {
            List<String> chains = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT chain FROM terminals");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    chains.add(rs.getString(1));
                }
            }
            chains.sort(null);
            return chains;
        });
    }

    private <T> T consistently(String what, HqDatabase.Work<T> work) {
        return db.dialect() == Dialect.POSTGRESQL ? db.snapshot(what, work) : db.read(what, work);
    }

    private static List<String> stores(Connection c, String chain) throws SQLException {
        List<String> stores = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT store FROM terminals WHERE chain = ?")) {
            select.setString(1, chain);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stores.add(rs.getString(1));
                }
            }
        }
        return stores;
    }

    /** Visits, enrolments, points and vouchers per group and slot, from three queries. */
    private static Map<Cell, Flows> flows(Connection c, Grouping grouping, ReportPeriod period, Slots slots)
            throws SQLException {
        Map<Cell, long[]> cells = new HashMap<>();
        String range = grouping.where() + " AND " + AT + " >= ? AND " + AT + " < ?";
        List<String> args = new ArrayList<>(grouping.args());
        args.add(UtcText.of(period.start()));
        args.add(UtcText.of(period.end()));
        // Points and vouchers: sums over the events.
        query(
                c,
                "SELECT g, s, SUM(pi), SUM(pr), SUM(vi), SUM(vr) FROM (SELECT " + grouping.key() + " AS g, "
                        + slots.of(AT) + " AS s, " + POINTS_ISSUED + " AS pi, " + POINTS_REDEEMED + " AS pr, "
                        + VOUCHERS_ISSUED + " AS vi, " + VOUCHERS_REDEEMED + " AS vr FROM events e WHERE " + range
                        + ") x GROUP BY g, s",
                args,
                rs -> {
                    long[] cell = cells.computeIfAbsent(new Cell(rs.getString(1), rs.getString(2)), k -> new long[6]);
                    cell[2] += rs.getLong(3);
                    cell[3] += rs.getLong(4);
                    cell[4] += rs.getLong(5);
                    cell[5] += rs.getLong(6);
                });
        // Visits: each (terminal, visit) once, in the slot of its first visit event in the period.
        query(
                c,
                "WITH x AS MATERIALIZED (SELECT " + grouping.key() + " AS g, e.terminal AS terminal, e.visit AS visit, "
                        + AT + " AS at FROM events e WHERE " + range + " AND " + VISIT_EVENT + ")"
                        + " SELECT g, s, COUNT(*) FROM (SELECT v.g AS g, " + slots.of("v.first") + " AS s FROM"
                        + " (SELECT g, terminal, visit, MIN(at) AS first FROM x GROUP BY g, terminal, visit) v) w"
                        + " GROUP BY g, s",
                args,
                rs -> cells.computeIfAbsent(new Cell(rs.getString(1), rs.getString(2)), k -> new long[6])[0] +=
                        rs.getLong(3));
        // Enrolments: members whose first enrolment in the chain lies here.
        query(
                c,
                "SELECT g, s, COUNT(DISTINCT m) FROM (SELECT " + grouping.key() + " AS g, " + slots.of(AT)
                        + " AS s, e.member AS m FROM events e WHERE " + range + " AND " + FIRST_ENROLMENT
                        + ") x GROUP BY g, s",
                args,
                rs -> cells.computeIfAbsent(new Cell(rs.getString(1), rs.getString(2)), k -> new long[6])[1] +=
                        rs.getLong(3));
        Map<Cell, Flows> result = new HashMap<>();
        cells.forEach((cell, n) -> result.put(cell, new Flows(n[0], n[1], n[2], n[3], n[4], n[5])));
        return result;
    }

    private static Map<String, Flows> ungrouped(Map<Cell, Flows> cells) {
        Map<String, Flows> result = new HashMap<>();
        cells.forEach((cell, flows) -> result.merge(cell.group(), flows, Flows::plus));
        return result;
    }

    /**
     * Per group: members with a visit in the period (and with two or more), in the period before
     * (and again in this one), and in the 30 and 90 days ending with the period's last day. One
     * pass over the visit events since the earliest of those starts, grouped per member.
     */
    private static Map<String, Members> members(Connection c, Grouping grouping, ReportPeriod period)
            throws SQLException {
        String start = UtcText.of(period.start());
        String end = UtcText.of(period.end());
        String previous = UtcText.of(period.previousStart());
        String last30 = UtcText.of(period.windowStart(30));
        String last90 = UtcText.of(period.windowStart(90));
        String earliest = previous.compareTo(last90) <= 0 ? previous : last90;
        List<String> args = new ArrayList<>(grouping.args());
        args.addAll(List.of(earliest, end, start, end, previous, start, last30, end, last90, end));
        Map<String, Members> result = new HashMap<>();
        query(
                c,
                "WITH x AS MATERIALIZED (SELECT " + grouping.key() + " AS g, e.member AS member, e.terminal || '|' ||"
                        + " e.visit AS visit, " + AT + " AS at FROM events e WHERE " + grouping.where() + " AND " + AT
                        + " >= ? AND " + AT + " < ? AND " + VISIT_EVENT + ")"
                        + " SELECT g, SUM(CASE WHEN n >= 1 THEN 1 ELSE 0 END), SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END),"
                        + " SUM(p), SUM(CASE WHEN p = 1 AND n >= 1 THEN 1 ELSE 0 END), SUM(a30), SUM(a90) FROM"
                        + " (SELECT g, member,"
                        + " COUNT(DISTINCT CASE WHEN at >= ? AND at < ? THEN visit END) AS n,"
                        + " MAX(CASE WHEN at >= ? AND at < ? THEN 1 ELSE 0 END) AS p,"
                        + " MAX(CASE WHEN at >= ? AND at < ? THEN 1 ELSE 0 END) AS a30,"
                        + " MAX(CASE WHEN at >= ? AND at < ? THEN 1 ELSE 0 END) AS a90"
                        + " FROM x GROUP BY g, member) m GROUP BY g",
                args,
                rs -> result.put(
                        rs.getString(1),
                        new Members(
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5))));
        return result;
    }

    /** Per campaign ("" for none), sorted; campaigns with nothing to show are left out. */
    private static List<CampaignFigures> campaigns(Connection c, Grouping grouping, ReportPeriod period)
            throws SQLException {
        List<String> args = new ArrayList<>(grouping.args());
        args.add(UtcText.of(period.start()));
        args.add(UtcText.of(period.end()));
        SortedMap<String, CampaignFigures> result = new TreeMap<>();
        query(
                c,
                "SELECT k, SUM(pi), SUM(pr), SUM(si), SUM(vi) FROM (SELECT COALESCE(e.campaign, '') AS k, "
                        + POINTS_ISSUED + " AS pi, " + POINTS_REDEEMED + " AS pr, " + STAMPS_ISSUED + " AS si, "
                        + VOUCHERS_ISSUED + " AS vi FROM events e WHERE " + grouping.where() + " AND " + AT
                        + " >= ? AND " + AT + " < ?) x GROUP BY k",
                args,
                rs -> {
                    CampaignFigures campaign = new CampaignFigures(
                            rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                    if (campaign.pointsIssued() != 0
                            || campaign.pointsRedeemed() != 0
                            || campaign.stampsIssued() != 0
                            || campaign.vouchersIssued() != 0) {
                        result.put(campaign.campaign(), campaign);
                    }
                });
        return List.copyOf(result.values());
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<String> args, Row row) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                select.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
