package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a pseudonym in place of a card number everywhere HQ keeps it (events, their JSON,
 * accounts, stores, redemptions, conflicts, audit entries), inside the caller's transaction. The
 * sums stay as they were, under the pseudonym: figures and a rebuild of the accounts still add up.
 */
final class MemberPseudonyms {
    private MemberPseudonyms() {}

    record Replaced(int events, int accounts) {}

    static Replaced replace(Connection db, String card, String pseudonym) throws SQLException {
        int events = pseudonymiseEvents(db, card, pseudonym);
        int accounts = ErasureStore.update(db, "UPDATE accounts SET member = ? WHERE member = ?", pseudonym, card);
        ErasureStore.update(db, "UPDATE member_stores SET member = ? WHERE member = ?", pseudonym, card);
        ErasureStore.update(db, "UPDATE redemptions SET member = ? WHERE member = ?", pseudonym, card);
        ErasureStore.update(db, "UPDATE conflicts SET first_member = ? WHERE first_member = ?", pseudonym, card);
        ErasureStore.update(db, "UPDATE conflicts SET second_member = ? WHERE second_member = ?", pseudonym, card);
        ErasureStore.update(db, "UPDATE audit_log SET subject = ? WHERE subject = ?", pseudonym, card);
        return new Replaced(events, accounts);
    }

    private static int pseudonymiseEvents(Connection db, String card, String pseudonym) throws SQLException {
        record Row(String terminal, long seq, String json) {}
        List<Row> rows = new ArrayList<>();
        // The member column, and the card anywhere else in an event (a detail, a referral).
        try (PreparedStatement select = db.prepareStatement(
                "SELECT terminal, seq, json FROM events WHERE member = ? OR json LIKE ? ESCAPE '!'")) {
            select.setString(1, card);
            select.setString(2, "%" + card.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
        }
        try (PreparedStatement update =
                db.prepareStatement("UPDATE events SET member = CASE WHEN member = ? THEN ? ELSE member END, json = ?"
                        + " WHERE terminal = ? AND seq = ?")) {
            for (Row row : rows) {
                update.setString(1, card);
                update.setString(2, pseudonym);
                update.setString(3, row.json().replace(card, pseudonym));
                update.setString(4, row.terminal());
                update.setLong(5, row.seq());
                update.addBatch();
            }
            update.executeBatch();
        }
        return rows.size();
    }
}
