package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The terminal's own pick from the reward catalogue (format 3, {@code "rewardOffer"}): which reward
 * a member can take now, offered to the cashier when the member's visit opens and after a receipt,
 * and bought when the cashier scans {@code takeCode}. The member can still choose another reward by
 * its own control code.
 *
 * @param policy   how the offered reward is chosen among those the member can afford
 * @param takeCode the barcode the cashier scans to take the offered reward
 */
public record RewardOffer(Policy policy, String takeCode) {
    /** How the terminal chooses among the rewards the member's points cover. */
    public enum Policy {
        /** The one with the lowest points cost: points go furthest for the most members. */
        CHEAPEST("cheapest"),
        /** The one with the highest points cost the balance reaches: the next rung of the ladder. */
        NEXT("next");

        private final String jsonName;

        Policy(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public RewardOffer {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(takeCode, "takeCode");
        if (takeCode.isBlank()) {
            throw new IllegalArgumentException("rewardOffer takeCode must not be empty");
        }
    }

    /**
     * The reward to offer a member with {@code points}: among the catalogue's rewards that have a
     * points cost within the balance, the cheapest or the dearest by policy; ties go to the one
     * listed first in the catalogue. Empty when none is within reach.
     */
    public Optional<Reward> pick(List<Reward> catalogue, long points) {
        Reward chosen = null;
        for (Reward reward : catalogue) {
            if (reward.pointsCost().isEmpty() || reward.pointsCost().get() > points) {
                continue;
            }
            long cost = reward.pointsCost().get();
            if (chosen == null
                    || (policy == Policy.CHEAPEST && cost < chosen.pointsCost().get())
                    || (policy == Policy.NEXT && cost > chosen.pointsCost().get())) {
                chosen = reward;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
