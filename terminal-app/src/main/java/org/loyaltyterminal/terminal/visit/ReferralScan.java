package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.Referrals;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.ReferralCommit;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * A referral code in the visit that enrolled the new member: both members get their bonus. The
 * rule decides ({@link Referrals}), the store refuses what it knows better (either not enrolled,
 * referred before); both refusals are values.
 */
final class ReferralScan implements ScanHandler<ScanKind.ReferralCode> {
    private final VisitTracker visits;
    private final VisitBasket basket;
    private final LoyaltyStore store;
    private final TerminalClock clock;
    private final AwardStep awards;

    ReferralScan(VisitTracker visits, VisitBasket basket, LoyaltyStore store, TerminalClock clock, AwardStep awards) {
        this.visits = visits;
        this.basket = basket;
        this.store = store;
        this.clock = clock;
        this.awards = awards;
    }

    @Override
    public ScanOutcome handle(ScanKind.ReferralCode scan, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return Refused.noVisit("referral code");
        }
        String card = visit.get().memberCard();
        String visitId = visit.get().visitId();
        // classified with this bundle's referral programme, so the rule recognises the code
        Referrals.Decision decision = Referrals.judge(bundle, scan.code(), card, basket.enrolledThisVisit())
                .orElseThrow();
        visits.touch(now);
        return switch (decision) {
            case Referrals.Refuse refuse -> new Refused(RefusalReason.REFERRAL_REFUSED, refuse.reason());
            case Referrals.Grant grant -> {
                ReferralCommit referral = new ReferralCommit(
                        card,
                        grant.referrer(),
                        grant.newMemberPoints(),
                        grant.referrerPoints(),
                        visitId,
                        bundle.version(),
                        clock.now());
                yield switch (store.referral(referral)) {
                    case ReferralCommit.Refused refused ->
                        new Refused(RefusalReason.REFERRAL_REFUSED, refused.reason());
                    case ReferralCommit.Recorded recorded ->
                        new ScanOutcome.ItemRecorded(
                                visitId,
                                Redaction.mask(card),
                                bundle.programme().referral().orElseThrow().prefix() + Redaction.mask(grant.referrer()),
                                Optional.empty(),
                                recorded.entries(),
                                awards.memberState(card, bundle));
                };
            }
        };
    }
}
