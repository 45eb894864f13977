package org.loyaltyterminal.core.campaign;

import java.util.Set;

/**
 * The file's {@code "format"} and what each format allows (docs/campaign-format.md, "Versioning"):
 * format 2 adds the reward catalogue, format 3 the campaign rules. A file that does not say is
 * judged as format 1.
 */
record FileFormat(long number) {

    /** The first format with the reward catalogue and stamp cards that issue vouchers. */
    static final int REWARDS = 2;

    /** The first format with scope, schedules, stacking, limits, bonuses, buy X get Y and safeguards. */
    static final int RULES = 3;

    /** Fields that only a format 3 file may use, wherever they appear outside the reward catalogue. */
    private static final Set<String> RULES_FIELDS = Set.of(
            "safeguards",
            "pointsExpiry",
            "tiers",
            "referral",
            "rewardOffer",
            "priceCents",
            "priority",
            "exclusive",
            "scope",
            "schedule",
            "limits",
            "basis",
            "pointsPerItem",
            "categoryMultipliers",
            "excludedCategories",
            "expiresAfterDays");

    boolean hasRewards() {
        return number >= REWARDS;
    }

    boolean hasRules() {
        return number >= RULES;
    }

    /** Whether {@code name}, a field the object at {@code in} knows, needs a newer format than this one. */
    boolean tooOldFor(String name, JsonPath in) {
        // a reward's "scope" is format 2's, not a campaign's format 3 scope
        return !hasRules() && RULES_FIELDS.contains(name) && !in.shown().startsWith("rewards");
    }

    /** "needs format 3 or later, the file says format 1; set "format": 3" */
    String needs(int format) {
        return "needs format " + format + " or later, the file says format " + number + "; set \"format\": " + format;
    }
}
