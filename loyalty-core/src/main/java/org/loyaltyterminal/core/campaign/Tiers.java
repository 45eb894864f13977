package org.loyaltyterminal.core.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tier ladder (format 3, {@code "tiers"}): a member is in the highest level whose threshold
 * their points earned (or visits) in the last {@code windowDays} reach; a member who falls below
 * their level keeps it until {@code graceDays} have passed without qualifying for it.
 *
 * @param basis      what is counted in the window
 * @param windowDays the rolling window, in days of 24 hours before the visit
 * @param graceDays  how long a member keeps a level after last qualifying for it (0: drop at once)
 * @param levels     lowest first; thresholds strictly increasing; empty when the bundle has no tiers
 */
public record Tiers(Basis basis, int windowDays, int graceDays, List<Tier> levels) {
    /** The visits the store reads per member ({@code SqliteLoyaltyStore}): a visits threshold above it is never reached. */
    public static final int MAX_VISITS = 400;

    public static final Tiers NONE = new Tiers(Basis.POINTS_EARNED, 1, 0, List.of());

    /** What qualifies: points awarded by campaigns (receipts, items, bonuses), or visits opened. */
    public enum Basis {
        POINTS_EARNED,
        VISITS
    }

    public Tiers {
        Objects.requireNonNull(basis, "basis");
        levels = List.copyOf(levels);
        if (windowDays < 1 || windowDays > 3650 || graceDays < 0 || graceDays > 3650) {
            throw new IllegalArgumentException("tiers: windowDays must be 1..3650 and graceDays 0..3650, were "
                    + windowDays + " and " + graceDays);
        }
        for (Tier t : levels) {
            if (basis == Basis.VISITS && t.threshold() > MAX_VISITS) {
                throw new IllegalArgumentException("tier '" + t.id() + "': a threshold of " + t.threshold()
                        + " visits is never reached: the terminal reads a member's last " + MAX_VISITS
                        + " visits; use at most " + MAX_VISITS);
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < levels.size(); i++) {
            if (!ids.add(levels.get(i).id())) {
                throw new IllegalArgumentException(
                        "tier id '" + levels.get(i).id() + "' appears twice; tier ids must be unique");
            }
            if (i > 0 && levels.get(i).threshold() <= levels.get(i - 1).threshold()) {
                throw new IllegalArgumentException("tier '" + levels.get(i).id() + "': threshold "
                        + levels.get(i).threshold()
                        + " must be above the threshold of the level before it, '"
                        + levels.get(i - 1).id() + "' ("
                        + levels.get(i - 1).threshold() + "); list levels lowest first");
            }
        }
    }

    public Optional<Tier> level(String id) {
        return levels.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The level's position in the ladder, lowest 0; -1 for no level (or one this bundle no longer has). */
    public int rank(Optional<String> id) {
        for (int i = 0; i < levels.size(); i++) {
            if (id.isPresent() && levels.get(i).id().equals(id.get())) {
                return i;
            }
        }
        return -1;
    }
}
