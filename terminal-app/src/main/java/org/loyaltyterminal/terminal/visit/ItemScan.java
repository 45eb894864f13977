package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.VisitInput;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/** A product in the open visit: what it earns is committed (nothing when it earns nothing), and the visit remembers it. */
final class ItemScan implements ScanHandler<ScanKind.Item> {
    private final VisitTracker visits;
    private final VisitBasket basket;
    private final AwardStep awards;

    ItemScan(VisitTracker visits, VisitBasket basket, AwardStep awards) {
        this.visits = visits;
        this.basket = basket;
        this.awards = awards;
    }

    @Override
    public ScanOutcome handle(ScanKind.Item item, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return Refused.noVisit("item");
        }
        visits.touch(now);
        String card = visit.get().memberCard();
        String visitId = visit.get().visitId();
        VisitInput.ItemScanned scanned = new VisitInput.ItemScanned(item.code(), 1);
        AwardStep.Awarded awarded = awards.award(
                card,
                visitId,
                scanned,
                bundle,
                decision -> decision.awards().isEmpty()
                        ? Optional.empty()
                        : Optional.of(new AwardCommit.ItemAwards(
                                card,
                                visitId,
                                item.code(),
                                decision.awards(),
                                decision.bundleVersion(),
                                decision.time(),
                                decision.vouchers())));
        basket.add(scanned);
        return new ScanOutcome.ItemRecorded(
                visitId, Redaction.mask(card), item.code(), item.product(), awarded.entries(), awarded.after());
    }
}
