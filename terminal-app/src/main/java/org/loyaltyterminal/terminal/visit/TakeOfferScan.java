package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * The take code of the bundle's reward offer: buys the reward its policy picks for the member's
 * balance now (which the receipt just scanned may have changed since the offer was shown).
 */
final class TakeOfferScan implements ScanHandler<ScanKind.TakeOffer> {
    private final VisitTracker visits;
    private final LoyaltyStore store;
    private final RewardScan rewards;

    TakeOfferScan(VisitTracker visits, LoyaltyStore store, RewardScan rewards) {
        this.visits = visits;
        this.store = store;
        this.rewards = rewards;
    }

    @Override
    public ScanOutcome handle(ScanKind.TakeOffer scan, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return Refused.noVisit("take-reward code");
        }
        long points =
                store.memberState(visit.get().memberCard(), HistoryNeeds.NONE).points();
        Optional<Reward> offer = bundle.offerFor(points);
        if (offer.isPresent()) {
            return rewards.buy(offer.get(), bundle, now);
        }
        visits.touch(now);
        long cheapest = bundle.rewards().stream()
                .flatMap(r -> r.pointsCost().stream())
                .min(Long::compare)
                .orElse(0L);
        return new Refused(
                RefusalReason.NOT_ENOUGH_POINTS,
                "no reward to offer: the cheapest costs " + cheapest + " points, the member has " + points
                        + "; no change made");
    }
}
