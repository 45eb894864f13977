package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.loyaltyterminal.hq.privacy.CardKeys;
import org.loyaltyterminal.hq.privacy.Erasure;
import org.loyaltyterminal.sync.inbound.Target;

/**
 * Erasure in HQ's own tables, in one transaction: the card's events take a
 * pseudonym (in the member column and anywhere in the event's JSON), its accounts, stores,
 * redemptions, conflicts and audit entries follow, its consents go, and a tombstone (the card's
 * keyed hash, never the card) stops any later event, push, snapshot or lookup from bringing the
 * member back. Events that reach HQ later with the card and a wall time before the erasure are
 * pseudonymised on arrival (see {@link ArrivalPrivacy}).
 */
public final class ErasureStore {
    /** The tills accept exactly this form in an erase command. */
    public static final Pattern PSEUDONYM = Pattern.compile("erased-[A-Za-z0-9-]{1,64}");

    private final HqDatabase database;
    private final CardKeys keys;

    public ErasureStore(HqDatabase database, CardKeys keys) {
        this.database = database;
        this.keys = keys;
    }

    /** A fresh pseudonym for an erasure, in the form the tills accept. */
    public static String newPseudonym() {
        return "erased-" + UUID.randomUUID();
    }

    /**
     * Erases the card in HQ's tables under {@code pseudonym}, records the request and the audit
     * entry of the signed command ({@code commandDigest}) in the same transaction; the caller then
     * sends that command.
     */
    public Erasure erase(
            String card,
            String pseudonym,
            Target target,
            long version,
            String requestedBy,
            Instant now,
            String commandDigest) {
        if (!PSEUDONYM.matcher(pseudonym).matches()) {
            throw new IllegalArgumentException("not a pseudonym the tills accept: " + pseudonym);
        }
        return database.transaction("erase a member", db -> {
            Erasure erasure = erase(db, card, pseudonym, target, version, requestedBy, now);
            AuditLog.record(
                    db,
                    new AuditLog.Entry(
                            now,
                            requestedBy,
                            "erase-member",
                            Optional.of(pseudonym),
                            commandDigest,
                            "version " + version + " to " + target.path()));
            return erasure;
        });
    }

    /** Whether HQ erased this card (a tombstone exists), whatever happened after. */
    public boolean isErased(String card) {
        return database.read("check an erasure", db -> isErased(db, card));
    }

    /** Terminals that confirmed an erasure, in the order they did. */
    public List<String> confirmations(String erasureId) {
        return database.read("read erasure confirmations", db -> confirmations(db, erasureId));
    }

    private Erasure erase(
            Connection db, String card, String pseudonym, Target target, long version, String requestedBy, Instant now)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        String key = keys.keyOf(card);
        update(db, """
                INSERT INTO card_tombstones(card_key, pseudonym, erased_at) VALUES (?, ?, ?)
                ON CONFLICT(card_key) DO UPDATE SET pseudonym = excluded.pseudonym, erased_at = excluded.erased_at""", key, pseudonym, UtcText.of(now));
        MemberPseudonyms.Replaced replaced = MemberPseudonyms.replace(db, card, pseudonym);
        int consents = update(db, "DELETE FROM consents WHERE member = ?", card);
        update(
                db,
                """
                INSERT INTO erasures(id, chain, store, terminal, version, pseudonym, requested_by, requested_at, card_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id,
                target.chain(),
                target.store().orElse(null),
                target.terminal().orElse(null),
                version,
                pseudonym,
                requestedBy,
                UtcText.of(now),
                key);
        return new Erasure(
                id,
                target,
                version,
                pseudonym,
                requestedBy,
                now,
                Optional.of(new Erasure.Counts(replaced.events(), replaced.accounts(), consents)));
    }

    boolean isErased(Connection db, String card) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT 1 FROM card_tombstones WHERE card_key = ?")) {
            select.setString(1, keys.keyOf(card));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The arrival rules of the ingest: erased cards' late events and the tills' confirmations. */
    ArrivalPrivacy arrivals() {
        return new ArrivalPrivacy() {
            @Override
            public void begin(Connection db) throws SQLException {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    // Waits for an erasure under way (it holds ROW EXCLUSIVE from its tombstone
                    // insert) and holds off the next one until this commits: no event with a card
                    // can slip in between an erasure's check and its commit.
                    try (Statement lock = db.createStatement()) {
                        lock.execute("LOCK TABLE card_tombstones IN SHARE MODE");
                    }
                }
            }

            @Override
            public Optional<Tombstone> tombstone(Connection db, String member) throws SQLException {
                try (PreparedStatement select =
                        db.prepareStatement("SELECT pseudonym, erased_at FROM card_tombstones WHERE card_key = ?")) {
                    select.setString(1, keys.keyOf(member));
                    try (ResultSet rs = select.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new Tombstone(rs.getString(1), Instant.parse(rs.getString(2))))
                                : Optional.empty();
                    }
                }
            }

            @Override
            public void confirmed(Connection db, long version, String terminal, long seq, Instant at)
                    throws SQLException {
                confirm(db, version, terminal, seq, at);
            }
        };
    }

    /** A till's MEMBER_ERASED confirmation (reference {@code erase-<version>}), matched to its request. */
    boolean confirm(Connection db, long version, String terminal, long seq, Instant at) throws SQLException {
        Optional<String> id = Optional.empty();
        try (PreparedStatement select = db.prepareStatement("SELECT id FROM erasures WHERE version = ?")) {
            select.setLong(1, version);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    id = Optional.of(rs.getString(1));
                }
            }
        }
        if (id.isEmpty()) {
            return false;
        }
        return update(db, """
                        INSERT INTO erasure_confirmations(erasure_id, terminal, seq, confirmed_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", id.get(), terminal, seq, UtcText.of(at)) == 1;
    }

    private static List<String> confirmations(Connection db, String erasureId) throws SQLException {
        List<String> terminals = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT terminal FROM erasure_confirmations WHERE erasure_id = ? ORDER BY confirmed_at, terminal")) {
            select.setString(1, erasureId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    terminals.add(rs.getString(1));
                }
            }
        }
        return terminals;
    }

    static int update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }
}
