package org.loyaltyterminal.hq.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;
import org.sqlite.SQLiteConfig;

/**
 * The event store on one SQLite file (WAL, synchronous FULL: an acknowledged event must survive a
 * power cut). Tables: {@code events} keyed by (terminal, seq) with the fields HQ sums up,
 * {@code terminals} with each terminal's contiguous sequence, {@code redemptions} keyed by voucher
 * reference, {@code conflicts}. Thread-safe by confinement: one ingest worker per store.
 */
public final class SqliteEventStore implements EventStore {
    private static final String VOUCHER_REDEEMED = "VOUCHER_REDEEMED";

    private final Path file;
    private final Connection db;
    private final InstantSource wall;
    private final Json json = new Json();

    private SqliteEventStore(Path file, Connection db, InstantSource wall) {
        this.file = file;
        this.db = db;
        this.wall = wall;
    }

    public static SqliteEventStore open(Path file, InstantSource wall) {
        try {
            // IMMEDIATE: a batch takes the write lock at BEGIN, so ingest workers sharing the file
            // wait for each other (busy_timeout) instead of failing on a lock upgrade.
            SQLiteConfig config = new SQLiteConfig();
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setBusyTimeout(10_000);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS events(
                          terminal TEXT NOT NULL, seq INTEGER NOT NULL,
                          chain TEXT NOT NULL, store TEXT NOT NULL,
                          event_id TEXT, type TEXT, member TEXT, campaign TEXT,
                          points INTEGER NOT NULL, stamps INTEGER NOT NULL,
                          json TEXT NOT NULL, received_at TEXT NOT NULL,
                          PRIMARY KEY (terminal, seq)) WITHOUT ROWID""");
                s.execute("CREATE INDEX IF NOT EXISTS events_member ON events(member)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS terminals(
                          terminal TEXT PRIMARY KEY, chain TEXT NOT NULL, store TEXT NOT NULL,
                          contiguous INTEGER NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS redemptions(
                          reference TEXT NOT NULL, chain TEXT NOT NULL, store TEXT NOT NULL, terminal TEXT NOT NULL,
                          seq INTEGER NOT NULL, wall_time TEXT NOT NULL, member TEXT NOT NULL,
                          PRIMARY KEY (chain, reference))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS conflicts(
                          id INTEGER PRIMARY KEY AUTOINCREMENT, chain TEXT NOT NULL, reference TEXT NOT NULL,
                          first_store TEXT NOT NULL, first_terminal TEXT NOT NULL, first_seq INTEGER NOT NULL,
                          first_wall_time TEXT NOT NULL, first_member TEXT NOT NULL,
                          second_store TEXT NOT NULL, second_terminal TEXT NOT NULL, second_seq INTEGER NOT NULL,
                          second_wall_time TEXT NOT NULL, second_member TEXT NOT NULL,
                          detected_at TEXT NOT NULL,
                          UNIQUE (chain, reference, second_terminal, second_seq))""");
            }
            return new SqliteEventStore(file, db, wall);
        } catch (SQLException e) {
            throw new HqException(
                    "event store " + file + " cannot be opened: " + e.getMessage()
                            + "; check the path and that no other program holds it",
                    e);
        }
    }

    @Override
    public synchronized BatchOutcome store(Topics where, EventBatch batch) {
        List<JsonNode> nodes = new ArrayList<>(batch.events().size());
        for (OutboxEvent event : batch.events()) {
            nodes.add(json.read(event.json().getBytes(StandardCharsets.UTF_8), "event"));
        }
        return storeAll(List.of(new Received(where, new EventBatch.Decoded(batch, nodes))))
                .getFirst();
    }

    @Override
    public synchronized List<BatchOutcome> storeAll(List<Received> batches) {
        try {
            db.setAutoCommit(false);
            try {
                List<BatchOutcome> outcomes = new ArrayList<>(batches.size());
                for (Received received : batches) {
                    outcomes.add(storeInTransaction(received.terminal(), received.batch()));
                }
                db.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HqException(
                    "event store " + file + ": " + batches.size() + " batch(es) from "
                            + batches.stream()
                                    .map(r -> r.batch().batch().terminal() + " ["
                                            + r.batch().batch().first() + ".."
                                            + r.batch().batch().last() + "]")
                                    .toList()
                            + " not stored (" + e.getMessage() + "); they stay unacknowledged",
                    e);
        }
    }

    private BatchOutcome storeInTransaction(Topics where, EventBatch.Decoded decoded) throws SQLException {
        EventBatch batch = decoded.batch();
        String receivedAt = wall.instant().toString();
        int stored = 0;
        List<Conflict> conflicts = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT OR IGNORE INTO events(terminal, seq, chain, store, event_id, type, member, campaign, points,
                  stamps, json, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int index = 0; index < batch.events().size(); index++) {
                OutboxEvent event = batch.events().get(index);
                JsonNode node = decoded.events().get(index);
                insert.setString(1, batch.terminal());
                insert.setLong(2, event.sequence());
                insert.setString(3, where.chain());
                insert.setString(4, where.store());
                insert.setString(5, textOrNull(node, "eventId"));
                insert.setString(6, textOrNull(node, "type"));
                insert.setString(7, textOrNull(node, "member"));
                insert.setString(8, textOrNull(node, "campaign"));
                insert.setLong(9, node.path("points").asLong(0));
                insert.setLong(10, node.path("stamps").asLong(0));
                insert.setString(11, event.json());
                insert.setString(12, receivedAt);
                if (insert.executeUpdate() == 1) {
                    stored++;
                    if (VOUCHER_REDEEMED.equals(node.path("type").asText())) {
                        redeemed(where, event.sequence(), node).ifPresent(conflicts::add);
                    }
                }
            }
        }
        long contiguous = advance(where, batch.terminal());
        return new BatchOutcome(batch.terminal(), stored, batch.events().size() - stored, contiguous, conflicts);
    }

    /** Records the redemption; a second one of the same reference is a conflict. */
    private Optional<Conflict> redeemed(Topics where, long seq, JsonNode event) throws SQLException {
        String reference = event.path("voucher")
                .path("reference")
                .asText(event.path("reference").asText(""));
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        Conflict.Redemption now = new Conflict.Redemption(
                where.store(),
                where.terminal(),
                seq,
                event.path("wallTime").asText(""),
                event.path("member").asText(""));
        try (PreparedStatement insert =
                db.prepareStatement("INSERT OR IGNORE INTO redemptions VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, reference);
            insert.setString(2, where.chain());
            insert.setString(3, now.store());
            insert.setString(4, now.terminal());
            insert.setLong(5, seq);
            insert.setString(6, now.wallTime());
            insert.setString(7, now.member());
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        Conflict.Redemption first;
        try (PreparedStatement select = db.prepareStatement(
                "SELECT store, terminal, seq, wall_time, member FROM redemptions WHERE chain = ? AND reference = ?")) {
            select.setString(1, where.chain());
            select.setString(2, reference);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                first = new Conflict.Redemption(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5));
            }
        }
        Conflict conflict = new Conflict(where.chain(), reference, first, now, wall.instant());
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT OR IGNORE INTO conflicts(chain, reference, first_store, first_terminal, first_seq, first_wall_time,
                  first_member, second_store, second_terminal, second_seq, second_wall_time, second_member, detected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int i = 1;
            insert.setString(i++, conflict.chain());
            insert.setString(i++, reference);
            for (Conflict.Redemption r : List.of(first, now)) {
                insert.setString(i++, r.store());
                insert.setString(i++, r.terminal());
                insert.setLong(i++, r.seq());
                insert.setString(i++, r.wallTime());
                insert.setString(i++, r.member());
            }
            insert.setString(i, conflict.detectedAt().toString());
            insert.executeUpdate();
        }
        return Optional.of(conflict);
    }

    /** Moves the terminal's contiguous sequence over every event now stored without a gap. */
    private long advance(Topics where, String terminal) throws SQLException {
        long contiguous = contiguousUpTo(terminal);
        try (PreparedStatement select =
                db.prepareStatement("SELECT seq FROM events WHERE terminal = ? AND seq > ? ORDER BY seq")) {
            select.setString(1, terminal);
            select.setLong(2, contiguous);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && rs.getLong(1) == contiguous + 1) {
                    contiguous++;
                }
            }
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO terminals(terminal, chain, store, contiguous) VALUES (?, ?, ?, ?)
                ON CONFLICT(terminal) DO UPDATE SET contiguous = excluded.contiguous, chain = excluded.chain,
                  store = excluded.store""")) {
            upsert.setString(1, terminal);
            upsert.setString(2, where.chain());
            upsert.setString(3, where.store());
            upsert.setLong(4, contiguous);
            upsert.executeUpdate();
        }
        return contiguous;
    }

    @Override
    public synchronized long contiguousUpTo(String terminal) {
        return single("SELECT COALESCE((SELECT contiguous FROM terminals WHERE terminal = ?), 0)", terminal);
    }

    @Override
    public synchronized Map<String, Long> contiguousByTerminal() {
        Map<String, Long> result = new TreeMap<>();
        query(
                "SELECT terminal, contiguous FROM terminals",
                List.of(),
                rs -> result.put(rs.getString(1), rs.getLong(2)));
        return result;
    }

    @Override
    public synchronized long eventCount(String terminal) {
        return single("SELECT COUNT(*) FROM events WHERE terminal = ?", terminal);
    }

    @Override
    public synchronized List<MemberBalance> balances() {
        return balancesWhere("", List.of());
    }

    @Override
    public synchronized Optional<MemberBalance> balance(String member) {
        return balancesWhere(" AND e.member = ?", List.of(member)).stream().findFirst();
    }

    private List<MemberBalance> balancesWhere(String condition, List<String> args) {
        Map<String, Long> includes = contiguousByTerminal();
        Map<String, long[]> points = new TreeMap<>();
        Map<String, Map<String, Integer>> stamps = new TreeMap<>();
        String counted = " FROM events e JOIN terminals t ON t.terminal = e.terminal"
                // HQ_BALANCE rows are a till taking over HQ's own balance: counting them again would double it.
                + " WHERE e.seq <= t.contiguous AND e.member IS NOT NULL AND e.type <> 'HQ_BALANCE'" + condition;
        query(
                "SELECT e.member, SUM(e.points)" + counted + " GROUP BY e.member",
                args,
                rs -> points.put(rs.getString(1), new long[] {rs.getLong(2)}));
        query(
                "SELECT e.member, e.campaign, SUM(e.stamps)" + counted
                        + " AND e.campaign IS NOT NULL GROUP BY e.member, e.campaign HAVING SUM(e.stamps) <> 0",
                args,
                rs -> stamps.computeIfAbsent(rs.getString(1), m -> new LinkedHashMap<>())
                        .put(rs.getString(2), Math.max(0, rs.getInt(3))));
        List<MemberBalance> result = new ArrayList<>();
        points.forEach((member, sum) -> result.add(
                new MemberBalance(member, Math.max(0, sum[0]), stamps.getOrDefault(member, Map.of()), includes)));
        return result;
    }

    @Override
    public synchronized List<Conflict> conflicts() {
        List<Conflict> result = new ArrayList<>();
        query(
                """
                SELECT chain, reference, first_store, first_terminal, first_seq, first_wall_time, first_member,
                  second_store, second_terminal, second_seq, second_wall_time, second_member, detected_at
                FROM conflicts ORDER BY id""",
                List.of(),
                rs -> result.add(new Conflict(
                        rs.getString(1),
                        rs.getString(2),
                        new Conflict.Redemption(
                                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7)),
                        new Conflict.Redemption(
                                rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11), rs.getString(12)),
                        Instant.parse(rs.getString(13)))));
        return result;
    }

    @Override
    public synchronized List<RedeemedVoucher> redemptions(String chain, int limit) {
        List<RedeemedVoucher> result = new ArrayList<>();
        query(
                "SELECT reference, store, terminal, seq, wall_time, member FROM redemptions WHERE chain = ?"
                        + " ORDER BY wall_time DESC LIMIT " + limit,
                List.of(chain),
                rs -> result.add(new RedeemedVoucher(
                        rs.getString(1),
                        new Conflict.Redemption(
                                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6)))));
        return result;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new HqException("event store " + file + " did not close cleanly: " + e.getMessage(), e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private long single(String sql, String arg) {
        long[] result = {0};
        query(sql, List.of(arg), rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    private void query(String sql, List<String> args, Row row) {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                select.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new HqException("event store " + file + ": query failed (" + e.getMessage() + ")", e);
        }
    }
}
