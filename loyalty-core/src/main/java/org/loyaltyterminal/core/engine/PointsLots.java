package org.loyaltyterminal.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A member's points as lots, oldest first: every movement that adds points opens a lot dated when
 * it was recorded; every movement that takes points (a purchase, a refund, an adjustment, an
 * expiry) takes them from the oldest lots first. The lots left always add up to the balance the
 * movements sum to (the store never lets it go below zero). Pure: no clock, no storage.
 */
public final class PointsLots {
    /** Points of one lot still unspent, and when the lot was earned. */
    public record Lot(Instant earnedAt, long points) {
        public Lot {
            Objects.requireNonNull(earnedAt, "earnedAt");
            if (points <= 0) {
                throw new IllegalArgumentException("a lot holds at least one point, was " + points);
            }
        }
    }

    private final List<Lot> open;

    private PointsLots(List<Lot> open) {
        this.open = List.copyOf(open);
    }

    /** Replays the movements in ledger order. */
    public static PointsLots of(List<MemberHistory.PointsMovement> movements) {
        Deque<long[]> amounts = new ArrayDeque<>();
        Deque<Instant> dates = new ArrayDeque<>();
        for (MemberHistory.PointsMovement m : movements) {
            if (m.delta() > 0) {
                amounts.addLast(new long[] {m.delta()});
                dates.addLast(m.at());
                continue;
            }
            long take = -m.delta();
            while (take > 0 && !amounts.isEmpty()) {
                long[] oldest = amounts.peekFirst();
                long used = Math.min(oldest[0], take);
                oldest[0] -= used;
                take -= used;
                if (oldest[0] == 0) {
                    amounts.removeFirst();
                    dates.removeFirst();
                }
            }
            // Taking more than the lots hold cannot happen with a balance that never goes below
            // zero; if it ever did (a file edited by hand), there is simply nothing left to expire.
        }
        List<Lot> lots = new ArrayList<>(amounts.size());
        var d = dates.iterator();
        for (long[] a : amounts) {
            lots.add(new Lot(d.next(), a[0]));
        }
        return new PointsLots(lots);
    }

    /** The unspent lots, oldest first. */
    public List<Lot> open() {
        return open;
    }

    public long balance() {
        return open.stream().mapToLong(Lot::points).sum();
    }

    /** The lots at least {@code age} old at {@code now}: what expires now. Oldest first. */
    public List<Lot> expiredAt(Instant now, Duration age) {
        Instant cutoff = now.minus(age);
        return open.stream().filter(l -> !l.earnedAt().isAfter(cutoff)).toList();
    }

    /** Points of the lots that are {@code age} old by {@code by}: already due now or falling due before then. */
    public long dueBy(Instant by, Duration age) {
        Instant cutoff = by.minus(age);
        return open.stream()
                .filter(l -> !l.earnedAt().isAfter(cutoff))
                .mapToLong(Lot::points)
                .sum();
    }

    /** Points that are not expired at {@code now} but will be within {@code within}. */
    public long expiringWithin(Instant now, Duration age, Duration within) {
        Instant expiredBy = now.minus(age);
        Instant expiringBy = now.plus(within).minus(age);
        return open.stream()
                .filter(l -> l.earnedAt().isAfter(expiredBy) && !l.earnedAt().isAfter(expiringBy))
                .mapToLong(Lot::points)
                .sum();
    }
}
