package org.loyaltyterminal.core.engine;

import java.util.List;
import org.loyaltyterminal.core.campaign.Campaign;

/**
 * What one kind of campaign awards on one input: one evaluator per kind of {@link Campaign}.
 * {@link LoyaltyEngine} picks the evaluator with an exhaustive switch over the kinds, so a new kind
 * does not compile until it has one here.
 *
 * <p>The engine asks only campaigns in force (validity, scope, schedule) and keeps stacking,
 * exclusivity and the safeguards to itself; an evaluator applies its campaign's rule and limits.
 * Stateless and pure, like the engine.
 *
 * @param <C> the kind of campaign evaluated
 */
sealed interface CampaignEvaluator<C extends Campaign>
        permits StampCardEvaluator, PointsEvaluator, BonusEvaluator, BuyXGetYEvaluator {

    /**
     * The campaign's awards on the evaluation's input, cut to its limits, in order.
     *
     * @return empty when the campaign awards nothing on this input
     * @throws AwardOverflowException when an award cannot be computed exactly
     */
    List<Award> awards(C campaign, Evaluation evaluation);
}
