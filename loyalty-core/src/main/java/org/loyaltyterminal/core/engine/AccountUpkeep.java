package org.loyaltyterminal.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.core.campaign.CampaignBundle;

/**
 * What a visit's opening does to the member's account besides the campaigns' awards, in this order:
 * the suspicious-visits flag ({@link SuspiciousVisitFlag}), expired points lots ({@link LotExpiry}),
 * expired stamp cards ({@link StampCardExpiry}) and a change of tier ({@link TierEvaluation}).
 *
 * <p>Upkeep, not awards: the safeguards' minimum interval, which withholds a visit's awards, does not
 * hold it back.
 */
final class AccountUpkeep {
    private AccountUpkeep() {}

    /** The upkeep movements of the visit being opened; empty when there are none. */
    static List<Award> atOpening(MemberState member, CampaignBundle rules, Situation situation) {
        List<Award> upkeep = new ArrayList<>(0);
        SuspiciousVisitFlag.at(rules.safeguards(), member.history(), situation).ifPresent(upkeep::add);
        LotExpiry.at(rules.programme().pointsExpiry(), member, situation).ifPresent(upkeep::add);
        upkeep.addAll(StampCardExpiry.at(rules.campaigns(), member, situation));
        TierEvaluation.changedAt(rules.programme().tiers(), member.history(), situation)
                .ifPresent(upkeep::add);
        return upkeep;
    }
}
