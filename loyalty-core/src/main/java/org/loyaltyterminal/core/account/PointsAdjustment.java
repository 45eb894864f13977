package org.loyaltyterminal.core.account;

import java.util.Optional;

/** The rule for a manager's correction of a member's points: the balance never goes below zero. */
public final class PointsAdjustment {
    private PointsAdjustment() {}

    /**
     * Why the adjustment is refused, empty when it may be recorded.
     *
     * @param member the member as the message may name them (masked)
     */
    public static Optional<String> refusal(String member, long balance, long delta) {
        if (balance + delta < 0) {
            return Optional.of("member " + member + " has " + balance + " points; taking " + -delta
                    + " would leave a negative balance; nothing was recorded");
        }
        return Optional.empty();
    }
}
