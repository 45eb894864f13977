package org.loyaltyterminal.core.campaign;

import java.util.OptionalLong;

/**
 * Caps on what one campaign awards one member, in the campaign's own unit (stamps for a stamp
 * card, points for points and bonuses, vouchers for buy X get Y). An award that would pass a cap
 * is cut down to it; at the cap, the campaign awards nothing. "Per day" is the calendar day in the
 * store's time zone.
 */
public record Limits(OptionalLong perVisit, OptionalLong perDay, OptionalLong perMember) {
    public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    public Limits {
        for (OptionalLong cap : new OptionalLong[] {perVisit, perDay, perMember}) {
            if (cap.isPresent() && cap.getAsLong() < 1) {
                throw new IllegalArgumentException("a limit must be at least 1, was " + cap.getAsLong());
            }
        }
    }

    public boolean any() {
        return perVisit.isPresent() || perDay.isPresent() || perMember.isPresent();
    }
}
