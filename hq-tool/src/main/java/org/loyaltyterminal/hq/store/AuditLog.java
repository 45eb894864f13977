package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who did what to the programme, when, and the digest of what was sent: every publication and
 * command HQ signs. Append-only: nothing here updates or deletes an entry (an erasure only puts
 * its pseudonym in place of a card number in {@code subject}).
 */
public final class AuditLog {
    private final HqDatabase database;

    public record Entry(
            Instant at, String actor, String action, Optional<String> subject, String digest, String detail) {}

    public AuditLog(HqDatabase database) {
        this.database = database;
    }

    public void record(Entry entry) {
        database.transaction("record in the audit log", db -> {
            record(db, entry);
            return null;
        });
    }

    static void record(Connection db, Entry entry) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO audit_log(at, actor, action, subject, digest, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UtcText.of(entry.at()));
            insert.setString(2, entry.actor());
            insert.setString(3, entry.action());
            insert.setString(4, entry.subject().orElse(null));
            insert.setString(5, entry.digest());
            insert.setString(6, entry.detail());
            insert.executeUpdate();
        }
    }

    /** The newest entries first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        return database.read("read the audit log", db -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT at, actor, action, subject, digest, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(
                                Instant.parse(rs.getString(1)),
                                rs.getString(2),
                                rs.getString(3),
                                Optional.ofNullable(rs.getString(4)),
                                rs.getString(5),
                                rs.getString(6)));
                    }
                }
            }
            return entries;
        });
    }
}
