package org.loyaltyterminal.core.campaign;

import java.util.Objects;

/**
 * One level of the tier ladder (format 3, {@code "tiers"."levels"}).
 *
 * @param id                stable id, recorded in the ledger ({@code TIER_CHANGED})
 * @param name              what {@code member show} and the till print, e.g. "Gold"
 * @param threshold         points earned, or visits, in the window that qualify for this tier
 * @param multiplierPercent points campaigns award this percentage of their points to a member in
 *                          this tier (100: unchanged, 150: one and a half times), rounded down
 */
public record Tier(String id, String name, long threshold, int multiplierPercent) {
    public Tier {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a tier needs an id and a name, was '" + id + "' '" + name + "'");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("tier '" + id + "': threshold must not be negative, was " + threshold);
        }
        if (multiplierPercent < 100 || multiplierPercent > 1000) {
            throw new IllegalArgumentException(
                    "tier '" + id + "': multiplierPercent must be 100..1000, was " + multiplierPercent);
        }
    }
}
