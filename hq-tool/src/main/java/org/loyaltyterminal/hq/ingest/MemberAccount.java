package org.loyaltyterminal.hq.ingest;

import java.util.Map;

/**
 * A member's account at HQ: points summed over every campaign (and none), stamps per campaign,
 * both over each terminal's events up to {@code includes} (its contiguous sequence), for the
 * terminals of the chains the member shopped in. A terminal adds its own events above
 * {@code includes[itself]}, or all of them when it is not listed.
 */
public record MemberAccount(String member, long points, Map<String, Integer> stamps, Map<String, Long> includes) {
    public MemberAccount {
        stamps = Map.copyOf(stamps);
        includes = Map.copyOf(includes);
    }
}
