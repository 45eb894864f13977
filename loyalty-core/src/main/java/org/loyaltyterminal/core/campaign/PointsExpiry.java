package org.loyaltyterminal.core.campaign;

/**
 * Points expire in lots (format 3, {@code "pointsExpiry"}): each movement that adds points is a
 * lot, dated when it was recorded; a lot still unspent {@code afterDays} days (of 24 hours) after
 * that is taken from the balance at the member's next visit. Spending takes the oldest lots first.
 */
public record PointsExpiry(int afterDays) {
    public static final int MAX_DAYS = 3650;

    public PointsExpiry {
        if (afterDays < 1 || afterDays > MAX_DAYS) {
            throw new IllegalArgumentException("points expiry afterDays must be 1.." + MAX_DAYS + ", was " + afterDays);
        }
    }
}
