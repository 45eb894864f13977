package org.loyaltyterminal.hq.ingest;

import java.util.List;
import java.util.Set;

/**
 * What storing one batch did, after its transaction committed.
 *
 * @param stored         events new to HQ
 * @param duplicates     events HQ already held (a resend); harmless
 * @param contiguousUpTo the terminal's highest sequence with every sequence from 1 up to it stored
 * @param conflicts      conflicts this batch revealed
 * @param membersCounted members whose account this batch changed: its events, or events it
 *     joined to the contiguous prefix by filling a gap, now count
 * @param newRedemptions first redemptions of a voucher reference this batch stored
 */
public record BatchOutcome(
        String terminal,
        int stored,
        int duplicates,
        long contiguousUpTo,
        List<Conflict> conflicts,
        Set<String> membersCounted,
        List<RedeemedVoucher> newRedemptions) {
    public BatchOutcome {
        conflicts = List.copyOf(conflicts);
        membersCounted = Set.copyOf(membersCounted);
        newRedemptions = List.copyOf(newRedemptions);
    }
}
