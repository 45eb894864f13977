package org.loyaltyterminal.core.account;

import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.engine.Award;

/** Whether a member with a balance may buy a catalogue reward, and what it takes from them. */
public sealed interface RewardPurchaseDecision {

    /** The balance is below the reward's cost: nothing is spent. */
    record Refused(long balance, long cost) implements RewardPurchaseDecision {}

    /** The reward is bought for {@code spent} points, for the reason {@code why}. */
    record Bought(long spent, Award.Why why) implements RewardPurchaseDecision {}

    /**
     * Exactly {@code cost} points are spent, or the whole balance (at least the cost) for a reward
     * that spends all points.
     */
    static RewardPurchaseDecision decide(Reward reward, long cost, long balance) {
        if (balance < cost) {
            return new Refused(balance, cost);
        }
        long spent = reward.pointsSpentFrom(balance);
        String detail = reward.spendsAllPoints()
                ? "reward " + reward.id() + " for all " + spent + " points (at least " + cost + ")"
                : "reward " + reward.id() + " for exactly " + spent + " points";
        return new Bought(spent, new Award.Why("reward.bought", detail, false));
    }
}
