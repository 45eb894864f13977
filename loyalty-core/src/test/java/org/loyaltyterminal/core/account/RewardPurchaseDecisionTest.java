package org.loyaltyterminal.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;

class RewardPurchaseDecisionTest {

    private static Reward reward(boolean spendsAll) {
        return new Reward(
                "hamper",
                4,
                "Hamper",
                2000,
                30,
                Optional.of(500L),
                Optional.empty(),
                RewardScope.CHAIN,
                Optional.empty(),
                spendsAll);
    }

    @Test
    void a_balance_below_the_cost_is_refused() {
        assertEquals(
                new RewardPurchaseDecision.Refused(499, 500), RewardPurchaseDecision.decide(reward(false), 500, 499));
    }

    @Test
    void a_reward_spends_exactly_its_cost() {
        assertEquals(
                new RewardPurchaseDecision.Bought(
                        500, new Award.Why("reward.bought", "reward hamper for exactly 500 points", false)),
                RewardPurchaseDecision.decide(reward(false), 500, 800));
    }

    @Test
    void a_reward_that_spends_all_points_takes_the_whole_balance() {
        assertEquals(
                new RewardPurchaseDecision.Bought(
                        800, new Award.Why("reward.bought", "reward hamper for all 800 points (at least 500)", false)),
                RewardPurchaseDecision.decide(reward(true), 500, 800));
    }

    @Test
    void an_adjustment_never_leaves_a_negative_balance() {
        assertEquals(Optional.empty(), PointsAdjustment.refusal("m", 10, -10));
        assertEquals(
                Optional.of("member m has 10 points; taking 11 would leave a negative balance; nothing was recorded"),
                PointsAdjustment.refusal("m", 10, -11));
    }
}
