package org.loyaltyterminal.hq.ingest;

import java.util.List;

/**
 * What storing one batch did, after its transaction committed.
 *
 * @param stored         events new to HQ
 * @param duplicates     events HQ already held (a resend); harmless
 * @param contiguousUpTo the terminal's highest sequence with every sequence from 1 up to it stored
 * @param conflicts      conflicts this batch revealed
 */
public record BatchOutcome(String terminal, int stored, int duplicates, long contiguousUpTo, List<Conflict> conflicts) {
    public BatchOutcome {
        conflicts = List.copyOf(conflicts);
    }
}
