package org.loyaltyterminal.hq.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.Conflict;
import org.loyaltyterminal.hq.ingest.EventStore.Received;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;

/**
 * Stores a group of batches inside one transaction, in the order that lets several workers store
 * batches of the same terminals at once (on PostgreSQL) without deadlocking on each other: first
 * every terminal row involved is created if absent and locked, in sorted terminal order; then
 * the events go in (a terminal's events are only written by the holder of its row lock); then
 * each terminal's contiguous sequence advances and the events it newly covers are applied to
 * {@code accounts} and {@code member_stores}, in sorted key order. One instance per attempt.
 */
final class BatchWriter {
    private static final String VOUCHER_REDEEMED = "VOUCHER_REDEEMED";
    private static final String MEMBER_ERASED = "MEMBER_ERASED";
    private static final String ERASE_REFERENCE = "erase-";
    private static final int FETCH = 512;

    /** A newly counted range's contribution to one account. */
    record AccountKey(String member, String campaign) {
        static final Comparator<AccountKey> ORDER =
                Comparator.comparing(AccountKey::member).thenComparing(AccountKey::campaign);
    }

    record StoreKey(String member, String chain, String store) {
        static final Comparator<StoreKey> ORDER = Comparator.comparing(StoreKey::member)
                .thenComparing(StoreKey::chain)
                .thenComparing(StoreKey::store);
    }

    private record Written(int stored, List<Conflict> conflicts, List<RedeemedVoucher> redemptions) {}

    private final Connection db;
    private final Dialect dialect;
    private final Instant now;
    private final String nowText;
    private final Map<AccountKey, long[]> accountDeltas = new TreeMap<>(AccountKey.ORDER);
    private final Map<StoreKey, String> lastSeen = new TreeMap<>(StoreKey.ORDER);
    private final ArrivalPrivacy privacy;
    /** Per member of this transaction: their tombstone, if erased; one lookup each. */
    private final Map<String, Optional<ArrivalPrivacy.Tombstone>> tombstones = new HashMap<>();

    BatchWriter(Connection db, Dialect dialect, Instant now) {
        this(db, dialect, now, ArrivalPrivacy.NONE);
    }

    BatchWriter(Connection db, Dialect dialect, Instant now, ArrivalPrivacy privacy) {
        this.db = db;
        this.dialect = dialect;
        this.privacy = privacy;
        this.now = now;
        this.nowText = UtcText.of(now);
    }

    List<BatchOutcome> store(List<Received> batches) throws SQLException {
        privacy.begin(db);
        Map<String, Topics> where = new TreeMap<>();
        for (Received received : batches) {
            where.put(received.batch().batch().terminal(), received.terminal());
        }
        Map<String, Long> contiguous = new HashMap<>();
        for (Map.Entry<String, Topics> terminal : where.entrySet()) { // sorted: the locking order
            contiguous.put(terminal.getKey(), lock(terminal.getKey(), terminal.getValue()));
        }
        List<BatchOutcome> outcomes = new ArrayList<>(batches.size());
        for (Received received : batches) {
            EventBatch batch = received.batch().batch();
            Written written = insert(received.terminal(), received.batch());
            long from = contiguous.get(batch.terminal());
            long to = advance(batch.terminal(), from);
            contiguous.put(batch.terminal(), to);
            Set<String> members = to > from ? count(batch.terminal(), from, to) : Set.of();
            outcomes.add(new BatchOutcome(
                    batch.terminal(),
                    written.stored(),
                    batch.events().size() - written.stored(),
                    to,
                    written.conflicts(),
                    members,
                    written.redemptions()));
        }
        for (Map.Entry<String, Topics> terminal : where.entrySet()) {
            update(terminal.getKey(), terminal.getValue(), contiguous.get(terminal.getKey()));
        }
        applyAccounts();
        applyStores();
        return outcomes;
    }

    /** Creates the terminal's row if absent and locks it; its contiguous sequence. */
    private long lock(String terminal, Topics where) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO terminals(terminal, chain, store, contiguous, last_batch_at) VALUES (?, ?, ?, 0, ?)
                ON CONFLICT(terminal) DO NOTHING""")) {
            insert.setString(1, terminal);
            insert.setString(2, where.chain());
            insert.setString(3, where.store());
            insert.setString(4, nowText);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                db.prepareStatement("SELECT contiguous FROM terminals WHERE terminal = ?" + dialect.forUpdate())) {
            select.setString(1, terminal);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Written insert(Topics where, EventBatch.Decoded decoded) throws SQLException {
        EventBatch batch = decoded.batch();
        int stored = 0;
        List<Conflict> conflicts = new ArrayList<>();
        List<RedeemedVoucher> redemptions = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO events(terminal, seq, chain, store, event_id, type, member, campaign, points, stamps,
                  json, wall_time, received_at, visit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(terminal, seq) DO NOTHING""")) {
            for (int index = 0; index < batch.events().size(); index++) {
                OutboxEvent event = batch.events().get(index);
                JsonNode node = decoded.events().get(index);
                String member = textOrNull(node, "member");
                String json = event.json();
                Optional<String> pseudonym = member == null ? Optional.empty() : pseudonymOf(member, node);
                if (pseudonym.isPresent()) {
                    // Recorded before the card's erasure reached that till: stored as if erased with the rest.
                    json = json.replace(member, pseudonym.get());
                    member = pseudonym.get();
                }
                insert.setString(1, batch.terminal());
                insert.setLong(2, event.sequence());
                insert.setString(3, where.chain());
                insert.setString(4, where.store());
                insert.setString(5, textOrNull(node, "eventId"));
                insert.setString(6, textOrNull(node, "type"));
                insert.setString(7, member);
                insert.setString(8, textOrNull(node, "campaign"));
                insert.setLong(9, node.path("points").asLong(0));
                insert.setLong(10, node.path("stamps").asLong(0));
                insert.setString(11, json);
                insert.setString(12, UtcText.ofEvent(textOrNull(node, "wallTime")));
                insert.setString(13, nowText);
                insert.setString(14, visit(node));
                if (insert.executeUpdate() == 1) {
                    stored++;
                    String type = node.path("type").asText();
                    if (VOUCHER_REDEEMED.equals(type)) {
                        redeemed(where, batch.terminal(), event.sequence(), node, member, conflicts, redemptions);
                    } else if (MEMBER_ERASED.equals(type)) {
                        erasureConfirmed(batch.terminal(), event.sequence(), node);
                    }
                }
            }
        }
        return new Written(stored, conflicts, redemptions);
    }

    /**
     * Records a newly stored redemption: the first of its reference in the chain, or else a
     * conflict with that first one. Only newly stored events come here, so a resend raises nothing.
     */
    private void redeemed(
            Topics where,
            String terminal,
            long seq,
            JsonNode event,
            String member,
            List<Conflict> conflicts,
            List<RedeemedVoucher> redemptions)
            throws SQLException {
        String reference = event.path("voucher")
                .path("reference")
                .asText(event.path("reference").asText(""));
        if (reference.isEmpty()) {
            return;
        }
        Conflict.Redemption now = new Conflict.Redemption(
                where.store(), terminal, seq, event.path("wallTime").asText(""), member == null ? "" : member);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO redemptions(chain, reference, store, terminal, seq, wall_time, member)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(chain, reference) DO NOTHING""")) {
            insert.setString(1, where.chain());
            insert.setString(2, reference);
            insert.setString(3, now.store());
            insert.setString(4, now.terminal());
            insert.setLong(5, seq);
            insert.setString(6, now.wallTime());
            insert.setString(7, now.member());
            if (insert.executeUpdate() == 1) {
                redemptions.add(new RedeemedVoucher(reference, now));
                return;
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
        Conflict conflict = new Conflict(where.chain(), reference, first, now, this.now);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO conflicts(chain, reference, first_store, first_terminal, first_seq, first_wall_time,
                  first_member, second_store, second_terminal, second_seq, second_wall_time, second_member, detected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
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
        conflicts.add(conflict);
    }

    private Optional<String> pseudonymOf(String member, JsonNode event) throws SQLException {
        Optional<ArrivalPrivacy.Tombstone> tombstone = tombstones.get(member);
        if (tombstone == null) {
            tombstone = privacy.tombstone(db, member);
            tombstones.put(member, tombstone);
        }
        if (tombstone.isEmpty()) {
            return Optional.empty();
        }
        String wallTime = UtcText.ofEvent(textOrNull(event, "wallTime"));
        // An event without a readable time counts as recorded now: after the erasure, a new membership.
        Instant at = wallTime == null ? now : Instant.parse(wallTime);
        return at.isAfter(tombstone.get().erasedAt())
                ? Optional.empty()
                : Optional.of(tombstone.get().pseudonym());
    }

    private void erasureConfirmed(String terminal, long seq, JsonNode event) throws SQLException {
        String reference = event.path("reference").asText("");
        if (!reference.startsWith(ERASE_REFERENCE)) {
            return;
        }
        try {
            long version = Long.parseLong(reference.substring(ERASE_REFERENCE.length()));
            privacy.confirmed(db, version, terminal, seq, now);
        } catch (NumberFormatException e) {
            // Not one of HQ's erase commands: nothing to match it to.
        }
    }

    /**
     * The event's visit id for the {@code visit} column: null when it has none, an empty one, or
     * one holding a NUL character, which PostgreSQL cannot store (the event must still go in).
     */
    private static String visit(JsonNode node) {
        String visit = textOrNull(node, "visit");
        return visit == null || visit.isEmpty() || visit.indexOf('\0') >= 0 ? null : visit;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** The terminal's contiguous sequence over every event now stored without a gap, from {@code from}. */
    private long advance(String terminal, long from) throws SQLException {
        long contiguous = from;
        try (PreparedStatement select =
                db.prepareStatement("SELECT seq FROM events WHERE terminal = ? AND seq > ? ORDER BY seq")) {
            select.setFetchSize(FETCH);
            select.setString(1, terminal);
            select.setLong(2, contiguous);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && rs.getLong(1) == contiguous + 1) {
                    contiguous++;
                }
            }
        }
        return contiguous;
    }

    /**
     * Adds the events of {@code terminal} in (from, to], which just joined its contiguous prefix,
     * to the pending account and store changes; the members whose account they change.
     */
    private Set<String> count(String terminal, long from, long to) throws SQLException {
        Set<String> members = new LinkedHashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT e.member, COALESCE(e.campaign, ''), SUM(e.points),"
                + " SUM(e.stamps) FROM events e WHERE e.terminal = ? AND e.seq > ? AND e.seq <= ? AND "
                + Accounts.COUNTED + " GROUP BY e.member, COALESCE(e.campaign, '')")) {
            select.setString(1, terminal);
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long[] delta = accountDeltas.computeIfAbsent(
                            new AccountKey(rs.getString(1), rs.getString(2)), k -> new long[2]);
                    delta[0] += rs.getLong(3);
                    delta[1] += rs.getLong(4);
                    members.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement select = db.prepareStatement("SELECT e.member, e.chain, e.store, MAX("
                + Accounts.SEEN + ") FROM events e WHERE e.terminal = ? AND e.seq > ? AND e.seq <= ? AND "
                + Accounts.VISIT + " GROUP BY e.member, e.chain, e.store")) {
            select.setString(1, terminal);
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lastSeen.merge(
                            new StoreKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getString(4),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return members;
    }

    private void update(String terminal, Topics where, long contiguous) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE terminals SET contiguous = ?, chain = ?, store = ?, last_batch_at = ? WHERE terminal = ?")) {
            update.setLong(1, contiguous);
            update.setString(2, where.chain());
            update.setString(3, where.store());
            update.setString(4, nowText);
            update.setString(5, terminal);
            update.executeUpdate();
        }
    }

    /** In sorted (member, campaign) order: two workers updating the same accounts wait, never deadlock. */
    private void applyAccounts() throws SQLException {
        if (accountDeltas.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO accounts(member, campaign, points, stamps, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(member, campaign) DO UPDATE SET points = accounts.points + excluded.points,
                  stamps = accounts.stamps + excluded.stamps, updated_at = excluded.updated_at""")) {
            for (Map.Entry<AccountKey, long[]> delta : accountDeltas.entrySet()) {
                upsert.setString(1, delta.getKey().member());
                upsert.setString(2, delta.getKey().campaign());
                upsert.setLong(3, delta.getValue()[0]);
                upsert.setLong(4, delta.getValue()[1]);
                upsert.setString(5, nowText);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void applyStores() throws SQLException {
        if (lastSeen.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO member_stores(member, chain, store, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT(member, chain, store) DO UPDATE SET last_seen = CASE
                  WHEN excluded.last_seen > member_stores.last_seen THEN excluded.last_seen
                  ELSE member_stores.last_seen END""")) {
            for (Map.Entry<StoreKey, String> seen : lastSeen.entrySet()) {
                upsert.setString(1, seen.getKey().member());
                upsert.setString(2, seen.getKey().chain());
                upsert.setString(3, seen.getKey().store());
                upsert.setString(4, seen.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
