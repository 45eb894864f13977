package org.loyaltyterminal.hq.privacy;

import java.time.Instant;
import java.util.Optional;
import org.loyaltyterminal.sync.inbound.Target;

/**
 * One erasure request as HQ keeps it: no card number, only the card's keyed hash and the
 * pseudonym that replaced it in HQ's events and (through the command) in the tills' rows.
 *
 * @param version the erase command's version; a till's confirmation carries {@code erase-<version>}
 */
public record Erasure(
        String id,
        Target target,
        long version,
        String pseudonym,
        String requestedBy,
        Instant requestedAt,
        Optional<Counts> counts) {

    /** What the erasure changed in HQ's own tables. */
    public record Counts(int events, int accounts, int consents) {}
}
