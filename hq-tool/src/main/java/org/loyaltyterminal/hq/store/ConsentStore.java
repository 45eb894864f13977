package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.hq.privacy.Consent;

/**
 * Consent records, kept as a history (a new answer is a new row; nothing is overwritten), so HQ
 * can show what a member agreed to at any time. The current answer per purpose is the newest given.
 */
public final class ConsentStore {
    private final HqDatabase database;

    public ConsentStore(HqDatabase database) {
        this.database = database;
    }

    public void record(Consent consent, Instant recordedAt) {
        database.transaction("record a consent", db -> {
            record(db, consent, recordedAt);
            return null;
        });
    }

    public List<Consent> history(String member) {
        return database.read("read consents", db -> history(db, member));
    }

    private static void record(Connection db, Consent consent, Instant recordedAt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO consents(member, purpose, granted, given_at, source, wording_version, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, consent.member());
            insert.setString(2, consent.purpose().wire());
            insert.setBoolean(3, consent.granted());
            insert.setString(4, UtcText.of(consent.givenAt()));
            insert.setString(5, consent.source());
            insert.setString(6, consent.wordingVersion());
            insert.setString(7, UtcText.of(recordedAt));
            insert.executeUpdate();
        }
    }

    /** Every answer the member gave, oldest first. */
    static List<Consent> history(Connection db, String member) throws SQLException {
        List<Consent> result = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT purpose, granted, given_at, source, wording_version FROM consents
                WHERE member = ? ORDER BY given_at, id""")) {
            select.setString(1, member);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(new Consent(
                            member,
                            Consent.Purpose.of(rs.getString(1)),
                            rs.getBoolean(2),
                            Instant.parse(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return result;
    }
}
