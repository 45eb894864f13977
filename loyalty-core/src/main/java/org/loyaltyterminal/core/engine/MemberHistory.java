package org.loyaltyterminal.core.engine;

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
 * @param pointsMovements every change of the points balance, in ledger order (points lots, expiry,
 *                      tiers by points earned)
 * @param tier          the member's tier id as last recorded ({@code TIER_CHANGED}); empty for none
 * @param cardStarted   per stamp-card campaign id with stamps on the current card: when that card
 *                      got its first stamp (the surplus of a completed card starts the next card then)
 */
public record MemberHistory(
        Optional<MonthDay> birthday,
        List<Instant> visits,
        Map<String, Tally> tallies,
        List<PastAward> recentAwards,
        List<PointsMovement> pointsMovements,
        Optional<String> tier,
        Map<String, Instant> cardStarted) {
    public static final MemberHistory NONE = new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of());

    public MemberHistory(
            Optional<MonthDay> birthday,
            List<Instant> visits,
            Map<String, Tally> tallies,
            List<PastAward> recentAwards) {
        this(birthday, visits, tallies, recentAwards, List.of(), Optional.empty());
    }

    public MemberHistory(
            Optional<MonthDay> birthday,
            List<Instant> visits,
            Map<String, Tally> tallies,
            List<PastAward> recentAwards,
            List<PointsMovement> pointsMovements,
            Optional<String> tier) {
        this(birthday, visits, tallies, recentAwards, pointsMovements, tier, Map.of());
    }

    public MemberHistory {
        Objects.requireNonNull(birthday, "birthday");
        visits = List.copyOf(visits);
        tallies = Map.copyOf(tallies);
        recentAwards = List.copyOf(recentAwards);
        pointsMovements = List.copyOf(pointsMovements);
        Objects.requireNonNull(tier, "tier");
        cardStarted = Map.copyOf(cardStarted);
    }

    /**
     * One change of the points balance, as a ledger row recorded it.
     *
     * @param earned the row is a campaign's award (points on a receipt or items, a bonus): it counts
     *               towards a tier by points earned. Adjustments and HQ's balances add lots but do not.
     */
    public record PointsMovement(Instant at, long delta, boolean earned) {
        public PointsMovement {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A campaign's all-time awards to one member, in each unit, and the last one's time. */
    public record Tally(long stamps, long points, long vouchers, Optional<Instant> last) {
        public static final Tally NONE = new Tally(0, 0, 0, Optional.empty());
    }

    /** One past award row, in the campaign's units. */
    public record PastAward(
            String campaignId,
            long stamps,
            long points,
            long vouchers,
            Instant at,
            String visitId,
            String terminalId) {}

    public Tally tally(String campaignId) {
        return tallies.getOrDefault(campaignId, Tally.NONE);
    }
}
