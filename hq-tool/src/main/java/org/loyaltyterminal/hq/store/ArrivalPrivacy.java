package org.loyaltyterminal.hq.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What happens to an event as it arrives, for the members' sake, inside the ingest transaction:
 * an event of an erased card recorded before the erasure (a till that was offline) takes the
 * erasure's pseudonym before it is stored, and a till's MEMBER_ERASED confirmation is matched to
 * the request it answers.
 */
interface ArrivalPrivacy {
    /** Called once per ingest transaction before any event is looked at. */
    void begin(Connection db) throws SQLException;

    /** An erased card's pseudonym and when it was erased. */
    record Tombstone(String pseudonym, Instant erasedAt) {}

    /** The card's tombstone, if HQ erased it. */
    Optional<Tombstone> tombstone(Connection db, String member) throws SQLException;

    /** A newly stored MEMBER_ERASED event with reference {@code erase-<version>}. */
    void confirmed(Connection db, long version, String terminal, long seq, Instant at) throws SQLException;

    ArrivalPrivacy NONE = new ArrivalPrivacy() {
        @Override
        public void begin(Connection db) {}

        @Override
        public Optional<Tombstone> tombstone(Connection db, String member) {
            return Optional.empty();
        }

        @Override
        public void confirmed(Connection db, long version, String terminal, long seq, Instant at) {}
    };
}
