package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.Safeguards;
import org.loyaltyterminal.core.engine.Award.ActivityFlagged;
import org.loyaltyterminal.core.engine.Award.Why;

/**
 * The safeguard that tells HQ of a card used for more visits in one store day than the bundle's
 * {@code suspiciousVisitsPerDay}. It only reports: the till is never blocked.
 */
final class SuspiciousVisitFlag {
    private SuspiciousVisitFlag() {}

    /**
     * The flag for the visit being opened: raised once, on the first visit of the day over the limit.
     *
     * @param history the member's earlier visits
     */
    static Optional<Award> at(Safeguards safeguards, MemberHistory history, Situation situation) {
        if (safeguards.suspiciousVisitsPerDay().isEmpty()) {
            return Optional.empty();
        }
        int limit = safeguards.suspiciousVisitsPerDay().getAsInt();
        StoreDay today = StoreDay.of(situation);
        long earlierToday = 0;
        for (Instant visit : history.visits()) {
            if (today.contains(visit)) {
                earlierToday++;
            }
        }
        if (earlierToday != limit) {
            return Optional.empty();
        }
        return Optional.of(new ActivityFlagged(
                "",
                new Why(
                        "safeguard.suspicious-visits",
                        (earlierToday + 1) + " visits by this card on " + today.date() + ", more than " + limit,
                        !situation.time().trusted())));
    }
}
