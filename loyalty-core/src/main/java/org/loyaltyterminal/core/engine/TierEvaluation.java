package org.loyaltyterminal.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.Tier;
import org.loyaltyterminal.core.campaign.Tiers;

/**
 * Which tier a member is in at a visit's opening. Pure.
 *
 * <p>The measure at an instant t is the points earned (or visits opened, the opening one included)
 * in the window (t − windowDays, t]. A member reaching a higher level moves up at once. A member
 * below their level keeps it while they qualified for it at some instant of the grace period
 * [now − graceDays, now]; otherwise they move to the highest level they qualified for in that
 * period (possibly none). The measure only rises at an event (an award, a visit) and falls as
 * time passes, so its highest value over the grace period is at its start or at an event in it:
 * those instants are the only ones looked at.
 */
public final class TierEvaluation {
    private TierEvaluation() {}

    /** A change of tier, or none; {@code to} empty when the member leaves the lowest level. */
    public record Change(Optional<Tier> from, Optional<Tier> to, String detail) {
        /** The change as the ledger records it: tier ids ("none" for no level), worded as an upgrade or a downgrade. */
        Award.TierChanged award(Tiers tiers, boolean clockUntrusted) {
            Optional<String> fromId = from.map(Tier::id);
            Optional<String> toId = to.map(Tier::id);
            boolean up = toId.isPresent() && tiers.rank(toId) > tiers.rank(fromId);
            return new Award.TierChanged(
                    fromId.orElse("none"),
                    toId.orElse("none"),
                    new Award.Why(up ? "tier.upgrade" : "tier.downgrade", detail, clockUntrusted));
        }
    }

    /** The member's change of tier at the visit being opened, as the award the ledger records; empty for none. */
    static Optional<Award> changedAt(Tiers tiers, MemberHistory history, Situation situation) {
        return atVisit(tiers, history, situation.time().at())
                .map(c -> c.award(tiers, !situation.time().trusted()));
    }

    public static Optional<Change> atVisit(Tiers tiers, MemberHistory history, Instant now) {
        if (tiers.levels().isEmpty()) {
            return Optional.empty();
        }
        List<Instant> events = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        if (tiers.basis() == Tiers.Basis.VISITS) {
            for (Instant v : history.visits()) {
                events.add(v);
                amounts.add(1L);
            }
            events.add(now); // the visit being opened
            amounts.add(1L);
        } else {
            for (MemberHistory.PointsMovement m : history.pointsMovements()) {
                if (m.earned() && m.delta() > 0) {
                    events.add(m.at());
                    amounts.add(m.delta());
                }
            }
        }
        Duration window = Duration.ofDays(tiers.windowDays());
        int current = tiers.rank(history.tier());
        long measureNow = measure(events, amounts, now, window);
        int reached = rankFor(tiers, measureNow);
        String unit = tiers.basis() == Tiers.Basis.VISITS ? " visits" : " points earned";
        String measured = measureNow + unit + " in the last " + tiers.windowDays() + " days";
        if (reached > current) {
            return Optional.of(change(
                    tiers,
                    current,
                    reached,
                    measured + ", " + tiers.levels().get(reached).name() + " from "
                            + tiers.levels().get(reached).threshold()));
        }
        if (reached == current) {
            return Optional.empty();
        }
        Instant graceStart = now.minus(Duration.ofDays(tiers.graceDays()));
        int best = Math.max(reached, rankFor(tiers, measure(events, amounts, graceStart, window)));
        for (Instant e : events) {
            if (e.isAfter(graceStart) && !e.isAfter(now)) {
                best = Math.max(best, rankFor(tiers, measure(events, amounts, e, window)));
            }
        }
        if (best >= current) {
            return Optional.empty(); // still within the grace period
        }
        return Optional.of(change(
                tiers,
                current,
                best,
                measured + ", below "
                        + tiers.levels().get(current).name() + " ("
                        + tiers.levels().get(current).threshold()
                        + ") for more than the " + tiers.graceDays() + "-day grace period"));
    }

    private static Change change(Tiers tiers, int from, int to, String why) {
        Optional<Tier> f =
                from < 0 ? Optional.empty() : Optional.of(tiers.levels().get(from));
        Optional<Tier> t =
                to < 0 ? Optional.empty() : Optional.of(tiers.levels().get(to));
        return new Change(
                f, t, f.map(Tier::id).orElse("none") + " → " + t.map(Tier::id).orElse("none") + ": " + why);
    }

    private static long measure(List<Instant> events, List<Long> amounts, Instant at, Duration window) {
        Instant from = at.minus(window);
        long sum = 0;
        for (int i = 0; i < events.size(); i++) {
            Instant e = events.get(i);
            if (e.isAfter(from) && !e.isAfter(at)) {
                sum += amounts.get(i);
            }
        }
        return sum;
    }

    private static int rankFor(Tiers tiers, long measure) {
        int rank = -1;
        for (int i = 0; i < tiers.levels().size(); i++) {
            if (tiers.levels().get(i).threshold() <= measure) {
                rank = i;
            }
        }
        return rank;
    }
}
