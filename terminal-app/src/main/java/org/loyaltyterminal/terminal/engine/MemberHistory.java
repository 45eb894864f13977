package org.loyaltyterminal.terminal.engine;

import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules need to know of a member's past, read from the ledger by the caller.
 *
 * @param birthday      day and month only (no year is ever stored)
 * @param visits        when the member's earlier visits opened, recent ones at least (the last 40 days)
 * @param tallies       per campaign id: everything it ever awarded this member
 * @param recentAwards  award rows of the last two days, for per-visit and per-day limits and the
 *                      minimum interval
 */
public record MemberHistory(Optional<MonthDay> birthday, List<Instant> visits, Map<String, Tally> tallies,
                            List<PastAward> recentAwards) {
    public static final MemberHistory NONE = new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of());

    public MemberHistory {
        Objects.requireNonNull(birthday, "birthday");
        visits = List.copyOf(visits);
        tallies = Map.copyOf(tallies);
        recentAwards = List.copyOf(recentAwards);
    }

    /** A campaign's all-time awards to one member, in each unit, and the last one's time. */
    public record Tally(long stamps, long points, long vouchers, Optional<Instant> last) {
        public static final Tally NONE = new Tally(0, 0, 0, Optional.empty());
    }

    /** One past award row, in the campaign's units. */
    public record PastAward(String campaignId, long stamps, long points, long vouchers, Instant at, String visitId,
                            String terminalId) {}

    public Tally tally(String campaignId) {
        return tallies.getOrDefault(campaignId, Tally.NONE);
    }
}
