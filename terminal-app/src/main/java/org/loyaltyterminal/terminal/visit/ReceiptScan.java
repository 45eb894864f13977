package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import java.util.OptionalLong;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * A till receipt in the open visit: credited once. A receipt credited before is refused before
 * the rules run; the check and the commit are in the scan's one unit of work, so the receipt cannot
 * be credited in between.
 */
final class ReceiptScan implements ScanHandler<ScanKind.Receipt> {
    private final VisitTracker visits;
    private final LoyaltyStore store;
    private final AwardStep awards;

    ReceiptScan(VisitTracker visits, LoyaltyStore store, AwardStep awards) {
        this.visits = visits;
        this.store = store;
        this.awards = awards;
    }

    @Override
    public ScanOutcome handle(ScanKind.Receipt scan, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return Refused.noVisit("receipt");
        }
        visits.touch(now);
        ReceiptScanned receipt = scan.receipt();
        if (store.receiptCredited(receipt.receiptId())) {
            return new Refused(
                    RefusalReason.RECEIPT_ALREADY_CREDITED,
                    "receipt " + receipt.receiptId() + " was already credited; no change made");
        }
        String card = visit.get().memberCard();
        String visitId = visit.get().visitId();
        AwardStep.Awarded awarded = awards.award(
                card,
                visitId,
                receipt,
                bundle,
                decision -> Optional.of(new AwardCommit.ReceiptCredit(
                        card,
                        visitId,
                        receipt.receiptId(),
                        decision.awards(),
                        decision.bundleVersion(),
                        decision.time(),
                        decision.vouchers(),
                        OptionalLong.of(receipt.amountCents()))));
        MemberState after = awarded.after();
        return new ScanOutcome.ReceiptCredited(
                visitId,
                Redaction.mask(card),
                receipt.receiptId(),
                receipt.amountCents(),
                awarded.entries(),
                after,
                ScanOutcome.RewardOffered.of(bundle, after.points()));
    }
}
