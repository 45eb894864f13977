package org.loyaltyterminal.core.engine;

import org.loyaltyterminal.core.campaign.CampaignBundle;

/** Test helper: an input prepared for the evaluators as the engine prepares it. */
final class Evaluations {
    private Evaluations() {}

    static Evaluation of(CampaignBundle rules, VisitInput input, MemberState member, Situation situation) {
        return Evaluation.of(
                input,
                member,
                rules,
                situation,
                Evaluation.scannedProduct(input, rules),
                CampaignIndex.of(rules).limited());
    }
}
