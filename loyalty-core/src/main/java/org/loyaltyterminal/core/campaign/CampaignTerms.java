package org.loyaltyterminal.core.campaign;

import java.util.Objects;

/**
 * What every campaign of format 3 may add to its rule: where it applies, when in the week and
 * day, how it combines with other campaigns and how much it may award. Format 1 and 2 campaigns
 * get {@link #DEFAULT}: chain-wide, any day and hour, stacking, priority 0, no limits.
 *
 * @param priority  higher first; decides among exclusive campaigns and the order awards are reported in
 * @param exclusive when it applies to a scan, no other campaign awards on that scan, unless an
 *                  exclusive one with a higher priority (then that one alone)
 */
public record CampaignTerms(int priority, boolean exclusive, Scope scope, Schedule schedule, Limits limits) {
    public static final CampaignTerms DEFAULT = new CampaignTerms(0, false, Scope.CHAIN, Schedule.ALWAYS, Limits.NONE);

    public CampaignTerms {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(limits, "limits");
    }
}
