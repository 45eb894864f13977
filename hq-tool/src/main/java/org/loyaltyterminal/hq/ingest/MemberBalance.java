package org.loyaltyterminal.hq.ingest;

import java.util.Map;

/**
 * A member's balances over the events HQ counts: sums of the events' {@code points} and, per
 * campaign, {@code stamps} deltas, from every terminal up to {@code includes} (its contiguous
 * acknowledged sequence).
 */
public record MemberBalance(String member, long points, Map<String, Integer> stamps, Map<String, Long> includes) {
    public MemberBalance {
        stamps = Map.copyOf(stamps);
        includes = Map.copyOf(includes);
    }
}
