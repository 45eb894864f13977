package org.loyaltyterminal.hq.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.Conflict;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.hq.ingest.StoreRef;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;

/**
 * The event store on {@link HqDatabase}, SQLite or PostgreSQL: {@code events} keyed by
 * (terminal, seq), {@code terminals} with each terminal's contiguous sequence, {@code redemptions}
 * and {@code conflicts}, and the members' {@code accounts} and {@code member_stores}, kept in the
 * same transaction as the events they count ({@link BatchWriter}). Thread-safe; several stores,
 * in this process or others, may share one database.
 */
public final class JdbcEventStore implements EventStore {
    private final HqDatabase db;
    private final boolean ownsDatabase;
    private final InstantSource wall;
    private final ArrivalPrivacy privacy;
    private final Json json = new Json();

    /** A store on a database someone else closes. */
    public JdbcEventStore(HqDatabase db, InstantSource wall) {
        this(db, wall, false);
    }

    private JdbcEventStore(HqDatabase db, InstantSource wall, boolean ownsDatabase) {
        this(db, wall, ownsDatabase, ArrivalPrivacy.NONE);
    }

    private JdbcEventStore(HqDatabase db, InstantSource wall, boolean ownsDatabase, ArrivalPrivacy privacy) {
        this.db = db;
        this.wall = wall;
        this.ownsDatabase = ownsDatabase;
        this.privacy = privacy;
    }

    /**
     * The HQ service's store: an event of an erased card that a till recorded before the erasure
     * is pseudonymised as it arrives, and the tills' erasure confirmations are matched.
     */
    public JdbcEventStore(HqDatabase db, InstantSource wall, ErasureStore erasures) {
        this(db, wall, false, erasures.arrivals());
    }

    /** Opens (and migrates) the database; closing the store closes it. */
    public static JdbcEventStore open(DatabaseSettings settings, InstantSource wall) {
        return new JdbcEventStore(HqDatabase.open(settings), wall, true);
    }

    /** A store on a SQLite file, created if missing. */
    public static JdbcEventStore open(Path sqliteFile, InstantSource wall) {
        return open(DatabaseSettings.sqlite(sqliteFile), wall);
    }

    public HqDatabase database() {
        return db;
    }

    @Override
    public BatchOutcome store(Topics where, EventBatch batch) {
        List<JsonNode> nodes = new ArrayList<>(batch.events().size());
        for (OutboxEvent event : batch.events()) {
            nodes.add(json.read(event.json().getBytes(StandardCharsets.UTF_8), "event"));
        }
        return storeAll(List.of(new Received(where, new EventBatch.Decoded(batch, nodes))))
                .getFirst();
    }

    @Override
    public List<BatchOutcome> storeAll(List<Received> batches) {
        if (batches.isEmpty()) {
            return List.of();
        }
        String what = "storing " + batches.size() + " batch(es) from "
                + batches.stream()
                        .map(r -> r.batch().batch().terminal() + " ["
                                + r.batch().batch().first() + ".."
                                + r.batch().batch().last() + "]")
                        .toList();
        try {
            return db.transaction(what, c -> new BatchWriter(c, db.dialect(), wall.instant(), privacy).store(batches));
        } catch (HqException e) {
            throw new HqException(e.getMessage() + "; they stay unacknowledged", e);
        }
    }

    @Override
    public long contiguousUpTo(String terminal) {
        return db.read("reading " + terminal + "'s contiguous sequence", c -> single(c, """
                SELECT COALESCE((SELECT contiguous FROM terminals WHERE terminal = ?), 0)""", terminal));
    }

    @Override
    public Map<String, Long> contiguousByTerminal() {
        return db.read("reading the terminals' contiguous sequences", c -> includes(c, Optional.empty()));
    }

    @Override
    public long eventCount(String terminal) {
        return db.read(
                "counting " + terminal + "'s events",
                c -> single(c, "SELECT COUNT(*) FROM events WHERE terminal = ?", terminal));
    }

    @Override
    public List<MemberAccount> balances() {
        return db.snapshot("reading the members' balances", c -> balances(c, Optional.empty()));
    }

    @Override
    public Optional<MemberAccount> balance(String member) {
        return db.snapshot("reading member " + member + "'s balance", c -> balances(c, Optional.of(member))).stream()
                .findFirst();
    }

    @Override
    public Optional<MemberAccount> account(String member) {
        return db.snapshot("reading member " + member + "'s account", c -> {
            List<MemberAccount> rows = balances(c, Optional.of(member));
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            MemberAccount b = rows.getFirst();
            return Optional.of(new MemberAccount(member, b.points(), b.stamps(), includes(c, Optional.of(member))));
        });
    }

    @Override
    public List<StoreRef> storesSince(String member, Instant since) {
        return db.read("reading where member " + member + " shopped", c -> {
            List<StoreRef> stores = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT chain, store FROM member_stores WHERE member = ? AND last_seen >= ? ORDER BY chain, store")) {
                select.setString(1, member);
                select.setString(2, UtcText.of(since));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stores.add(new StoreRef(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return stores;
        });
    }

    @Override
    public void rebuildAccounts() {
        rebuild();
    }

    /** {@link #rebuildAccounts()}, saying what it did. */
    public AccountsRebuilt rebuild() {
        return db.transaction(
                "rebuilding the accounts from the events", c -> Accounts.rebuild(c, db.dialect(), wall.instant()));
    }

    @Override
    public List<Conflict> conflicts() {
        return db.read("reading the conflicts", c -> {
            List<Conflict> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT chain, reference, first_store, first_terminal, first_seq, first_wall_time, first_member,
                      second_store, second_terminal, second_seq, second_wall_time, second_member, detected_at
                    FROM conflicts ORDER BY id""");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(new Conflict(
                            rs.getString(1),
                            rs.getString(2),
                            new Conflict.Redemption(
                                    rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7)),
                            new Conflict.Redemption(
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getLong(10),
                                    rs.getString(11),
                                    rs.getString(12)),
                            Instant.parse(rs.getString(13))));
                }
            }
            return result;
        });
    }

    @Override
    public List<RedeemedVoucher> redemptions(String chain, int limit) {
        return db.read("reading the redemptions of chain " + chain, c -> {
            List<RedeemedVoucher> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT reference, store, terminal, seq, wall_time,"
                    + " member FROM redemptions WHERE chain = ? ORDER BY wall_time DESC, reference LIMIT ?")) {
                select.setString(1, chain);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(new RedeemedVoucher(
                                rs.getString(1),
                                new Conflict.Redemption(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getLong(4),
                                        rs.getString(5),
                                        rs.getString(6))));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }

    /**
     * Balances from the accounts table, with every terminal's contiguous sequence as includes.
     * Points and stamps are clamped at zero; campaigns whose stamps sum to zero are left out.
     */
    private static List<MemberAccount> balances(Connection c, Optional<String> member) throws SQLException {
        Map<String, Long> includes = includes(c, Optional.empty());
        Map<String, long[]> points = new TreeMap<>();
        Map<String, Map<String, Integer>> stamps = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT member, campaign, points, stamps FROM accounts"
                + (member.isPresent() ? " WHERE member = ?" : "")
                + " ORDER BY member, campaign")) {
            if (member.isPresent()) {
                select.setString(1, member.get());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String who = rs.getString(1);
                    String campaign = rs.getString(2);
                    points.computeIfAbsent(who, m -> new long[1])[0] += rs.getLong(3);
                    long campaignStamps = rs.getLong(4);
                    if (!campaign.isEmpty() && campaignStamps != 0) {
                        stamps.computeIfAbsent(who, m -> new LinkedHashMap<>())
                                .put(campaign, (int) Math.clamp(campaignStamps, 0, Integer.MAX_VALUE));
                    }
                }
            }
        }
        List<MemberAccount> result = new ArrayList<>();
        points.forEach((who, sum) ->
                result.add(new MemberAccount(who, Math.max(0, sum[0]), stamps.getOrDefault(who, Map.of()), includes)));
        return result;
    }

    /** Every terminal's contiguous sequence, or only those of the chains the member shopped in. */
    private static Map<String, Long> includes(Connection c, Optional<String> member) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT terminal, contiguous FROM terminals"
                + (member.isPresent() ? " WHERE chain IN (SELECT chain FROM member_stores WHERE member = ?)" : ""))) {
            if (member.isPresent()) {
                select.setString(1, member.get());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return result;
    }

    private static long single(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, arg);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
