package org.loyaltyterminal.hq.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.loyaltyterminal.hq.privacy.Consent;
import org.loyaltyterminal.sync.wire.Json;

/**
 * The right of access: everything HQ holds about one member as one JSON document, in one
 * consistent read: the account, the stores, every event as the till sent it, redemptions,
 * conflicts and consents. An erased card gets a document that says so and holds nothing else.
 */
public final class AccessExport {
    private final HqDatabase database;
    private final ErasureStore erasures;
    private final Json json = new Json();

    public AccessExport(HqDatabase database, ErasureStore erasures) {
        this.database = database;
        this.erasures = erasures;
    }

    public ObjectNode export(String card, Instant now) {
        return database.snapshot("export a member's data", db -> export(db, card, now));
    }

    private ObjectNode export(Connection db, String card, Instant now) throws SQLException {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("schema", 1);
        root.put("card", card);
        root.put("exportedAt", UtcText.of(now));
        boolean erased = erasures.isErased(db, card);
        root.put("erased", erased);
        ObjectNode account = root.putObject("account");
        ArrayNode balances = account.putArray("balances");
        rows(
                db,
                "SELECT campaign, points, stamps, updated_at FROM accounts WHERE member = ? ORDER BY campaign",
                card,
                rs -> balances.addObject()
                        .put("campaign", rs.getString(1))
                        .put("points", rs.getLong(2))
                        .put("stamps", rs.getLong(3))
                        .put("updatedAt", rs.getString(4)));
        ArrayNode stores = root.putArray("stores");
        rows(
                db,
                "SELECT chain, store, last_seen FROM member_stores WHERE member = ? ORDER BY chain, store",
                card,
                rs -> stores.addObject()
                        .put("chain", rs.getString(1))
                        .put("store", rs.getString(2))
                        .put("lastSeen", rs.getString(3)));
        ArrayNode events = root.putArray("events");
        rows(
                db,
                "SELECT chain, store, terminal, seq, json FROM events WHERE member = ? ORDER BY wall_time, terminal, seq",
                card,
                rs -> events.addObject()
                        .put("chain", rs.getString(1))
                        .put("store", rs.getString(2))
                        .put("terminal", rs.getString(3))
                        .put("seq", rs.getLong(4))
                        .set("event", json.read(rs.getString(5).getBytes(StandardCharsets.UTF_8), "stored event")));
        ArrayNode redemptions = root.putArray("vouchersRedeemed");
        rows(
                db,
                "SELECT chain, reference, store, terminal, wall_time FROM redemptions WHERE member = ?"
                        + " ORDER BY wall_time",
                card,
                rs -> redemptions
                        .addObject()
                        .put("chain", rs.getString(1))
                        .put("reference", rs.getString(2))
                        .put("store", rs.getString(3))
                        .put("terminal", rs.getString(4))
                        .put("at", rs.getString(5)));
        ArrayNode given = root.putArray("consents");
        for (Consent consent : ConsentStore.history(db, card)) {
            given.addObject()
                    .put("purpose", consent.purpose().wire())
                    .put("granted", consent.granted())
                    .put("givenAt", UtcText.of(consent.givenAt()))
                    .put("source", consent.source())
                    .put("wordingVersion", consent.wordingVersion());
        }
        return root;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void rows(Connection db, String sql, String member, Row row) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, member);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
