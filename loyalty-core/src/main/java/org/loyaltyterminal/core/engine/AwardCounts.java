package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.loyaltyterminal.core.campaign.BonusTrigger;
import org.loyaltyterminal.core.campaign.Limits;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;

/**
 * What each campaign already awarded this member this visit, today and ever, and the member's
 * earlier visits per period; computed on demand, once per engine call.
 */
final class AwardCounts {
    /** What a campaign's limits count. */
    enum Unit {
        STAMPS,
        POINTS,
        VOUCHERS
    }

    private final MemberHistory history;
    private final Situation situation;
    private final StoreDay today;
    /** The campaigns with caps: the only ones whose rows of this visit and today are summed. */
    private final Set<String> limited;
    /** The award rows of this visit or today of capped campaigns; gathered on first use. */
    private List<PastAward> counted;
    /** Earlier visits in the current day, week and month (nth-visit bonuses), by period; absent until counted. */
    private final EnumMap<BonusTrigger.Period, Long> visitsInPeriod = new EnumMap<>(BonusTrigger.Period.class);

    /**
     * @param today   the store's day of the situation's rule time
     * @param limited the ids of the campaigns with a per-visit, per-day or per-member cap
     */
    AwardCounts(MemberHistory history, Situation situation, StoreDay today, Set<String> limited) {
        this.history = history;
        this.situation = situation;
        this.today = today;
        this.limited = limited;
    }

    /**
     * The rows per-visit and per-day caps can count, from one pass over the recent award rows
     * per engine call. Each capped campaign then sums its own from these few rows: no per-campaign
     * objects, which on a regular's history were most of what an engine call allocated.
     */
    private List<PastAward> counted() {
        if (counted == null) {
            List<PastAward> rows = new ArrayList<>();
            for (PastAward past : history.recentAwards()) {
                if ((today.contains(past.at()) || past.visitId().equals(situation.visitId()))
                        && limited.contains(past.campaignId())) {
                    rows.add(past);
                }
            }
            counted = rows;
        }
        return counted;
    }

    /** Earlier visits from {@code start} (the period's first instant) up to the rule time, counted once per period. */
    long visitsSince(BonusTrigger.Period period, Instant start) {
        return visitsInPeriod.computeIfAbsent(period, p -> {
            Instant now = situation.time().at();
            long n = 0;
            for (Instant visit : history.visits()) {
                if (!visit.isBefore(start) && visit.isBefore(now)) {
                    n++;
                }
            }
            return n;
        });
    }

    /** How much of {@code wanted} the limits still allow (0 when a cap is reached). */
    long allowed(String campaignId, Limits limits, long wanted, Unit unit) {
        if (!limits.any() || wanted <= 0) {
            return wanted;
        }
        long visit = 0;
        long day = 0;
        if (limits.perVisit().isPresent() || limits.perDay().isPresent()) {
            for (PastAward past : counted()) {
                if (!past.campaignId().equals(campaignId)) {
                    continue;
                }
                long used = units(unit, past.stamps(), past.points(), past.vouchers());
                if (past.visitId().equals(situation.visitId())) {
                    visit += used;
                }
                if (today.contains(past.at())) {
                    day += used;
                }
            }
        }
        MemberHistory.Tally tally = history.tally(campaignId);
        long allowed = wanted;
        allowed = cap(allowed, limits.perVisit(), visit);
        allowed = cap(allowed, limits.perDay(), day);
        allowed = cap(allowed, limits.perMember(), units(unit, tally.stamps(), tally.points(), tally.vouchers()));
        return Math.max(0, allowed);
    }

    private static long units(Unit unit, long stamps, long points, long vouchers) {
        return switch (unit) {
            case STAMPS -> stamps;
            case POINTS -> points;
            case VOUCHERS -> vouchers;
        };
    }

    private static long cap(long wanted, OptionalLong cap, long used) {
        return cap.isPresent() ? Math.min(wanted, cap.getAsLong() - used) : wanted;
    }
}
