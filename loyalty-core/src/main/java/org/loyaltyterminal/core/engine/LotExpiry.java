package org.loyaltyterminal.core.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.PointsExpiry;
import org.loyaltyterminal.core.engine.Award.Why;

/**
 * The bundle's points expiry applied at a visit's opening: the member's points lots
 * ({@link PointsLots}) at least {@code afterDays} old leave the balance.
 */
final class LotExpiry {
    private LotExpiry() {}

    /** The lots old enough to expire at this visit, as one movement naming their dates; empty when none are. */
    static Optional<Award> at(Optional<PointsExpiry> rule, MemberState member, Situation situation) {
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        int days = rule.get().afterDays();
        List<PointsLots.Lot> expired = PointsLots.of(member.history().pointsMovements())
                .expiredAt(situation.time().at(), Duration.ofDays(days));
        long points = expired.stream().mapToLong(PointsLots.Lot::points).sum();
        // Never more than the balance: the lots come from the ledger, the balance from the members
        // table; they agree (ConsistencyReport), but a disagreement must not go below zero.
        points = Math.min(points, member.points());
        if (points <= 0) {
            return Optional.empty();
        }
        StringBuilder detail = new StringBuilder(points + " points earned more than " + days + " days ago: ");
        for (int i = 0; i < expired.size(); i++) {
            detail.append(i == 0 ? "" : ", ")
                    .append(expired.get(i).points())
                    .append(" of ")
                    .append(expired.get(i).earnedAt().atZone(situation.zone()).toLocalDate());
        }
        return Optional.of(new Award.PointsExpired(
                points,
                new Why("points.expiry", detail.toString(), !situation.time().trusted())));
    }
}
