package org.loyaltyterminal.core.engine;

import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.StampCardCampaign;

/**
 * Which parts of a member's history the rules in force actually read. Each part costs a query
 * (and parsing its rows) on every scan, some in proportion to the member's whole past; the bench
 * measured the scan-to-commit time doubling when every part was read for a bundle that used
 * none of them.
 *
 * @param visits          the last visits (safeguards, Nth-visit bonuses, tiers by visits)
 * @param tallies         all-time sums per campaign (bonuses' last award, per-member limits)
 * @param recentAwards    the last award rows (per-visit and per-day limits, minimum interval)
 * @param pointsMovements every points row (lots for expiry, points earned for tiers)
 * @param cardStarts      when each current stamp card began (card expiry)
 */
public record HistoryNeeds(
        boolean visits, boolean tallies, boolean recentAwards, boolean pointsMovements, boolean cardStarts) {
    public static final HistoryNeeds ALL = new HistoryNeeds(true, true, true, true, true);
    /** Balances alone: for a question about the points, not the rules. */
    public static final HistoryNeeds NONE = new HistoryNeeds(false, false, false, false, false);

    public static HistoryNeeds of(CampaignBundle rules) {
        boolean bonuses = false;
        boolean perMember = false;
        boolean recentLimits = false;
        boolean cardExpiry = false;
        for (Campaign campaign : rules.campaigns()) {
            bonuses |= campaign instanceof BonusCampaign;
            perMember |= campaign.terms().limits().perMember().isPresent();
            recentLimits |= campaign.terms().limits().perVisit().isPresent()
                    || campaign.terms().limits().perDay().isPresent();
            cardExpiry |= campaign instanceof StampCardCampaign card
                    && card.expiresAfterDays().isPresent();
        }
        boolean tiers = !rules.programme().tiers().levels().isEmpty();
        return new HistoryNeeds(
                bonuses || tiers || rules.safeguards().suspiciousVisitsPerDay().isPresent(),
                bonuses || perMember,
                recentLimits || rules.safeguards().minInterval().isPresent(),
                tiers || rules.programme().pointsExpiry().isPresent(),
                cardExpiry);
    }
}
