package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.hq.privacy.CardKeys;

/**
 * The retention period: a member not seen in any store for that long is pseudonymised like an
 * erasure (card number out of events, accounts and stores; the sums kept under a pseudonym for
 * the figures), but without a tombstone or a command to the tills: the card may come back as a
 * new member. The pseudonym is derived from the card's keyed hash, so each run is idempotent.
 */
public final class Retention {
    /** Members handled per transaction: keeps each one short on a busy database. */
    public static final int BATCH = 200;

    private final HqDatabase database;
    private final CardKeys keys;

    public Retention(HqDatabase database, CardKeys keys) {
        this.database = database;
        this.keys = keys;
    }

    /** Pseudonymises every member last seen before {@code cutoff}, {@link #BATCH} per transaction; returns how many. */
    public int retireBefore(Instant cutoff) {
        int total = 0;
        int done;
        do {
            done = database.transaction("pseudonymise dormant members", db -> retireBefore(db, cutoff));
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int retireBefore(Connection db, Instant cutoff) throws SQLException {
        List<String> dormant = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT member FROM member_stores
                WHERE member NOT LIKE 'erased-%' AND member NOT LIKE 'retired-%'
                GROUP BY member HAVING MAX(last_seen) < ? LIMIT ?""")) {
            select.setString(1, UtcText.of(cutoff));
            select.setInt(2, BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    dormant.add(rs.getString(1));
                }
            }
        }
        for (String card : dormant) {
            MemberPseudonyms.replace(db, card, "retired-" + keys.keyOf(card).substring(0, 32));
            ErasureStore.update(db, "DELETE FROM consents WHERE member = ?", card);
        }
        return dormant.size();
    }
}
