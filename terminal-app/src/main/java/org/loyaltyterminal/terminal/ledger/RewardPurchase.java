package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;

/**
 * A member buys a catalogue reward with points: exactly {@code grant.reward()}'s cost is spent, or
 * the whole balance (at least the cost) for a reward that spends all points.
 */
public record RewardPurchase(
        String memberCard, String visitId, VoucherGrant grant, long bundleVersion, EventTime time) {
    public RewardPurchase {
        Objects.requireNonNull(memberCard, "memberCard");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(time, "time");
        if (grant.reward().pointsCost().isEmpty()) {
            throw new IllegalArgumentException(
                    "reward '" + grant.reward().id() + "' has no points cost; it cannot be bought");
        }
    }

    /** The least balance the reward is bought with: its points cost. */
    public long cost() {
        return grant.reward().pointsCost().orElseThrow();
    }
}
