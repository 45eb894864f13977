package org.loyaltyterminal.terminal.visit;

import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.Refund;
import org.loyaltyterminal.terminal.ledger.RefundResult;

/**
 * A refund: no open visit needed (the original receipt names the member); an open visit is kept
 * open and touched. What the sale earned is taken back in the store's transaction; a refund the
 * store refuses comes back as its exception, which {@link ScanUnit} turns into the cashier's line
 * after taking the unit back.
 */
final class RefundScan implements ScanHandler<ScanKind.Refund> {
    private final VisitTracker visits;
    private final LoyaltyStore store;
    private final TerminalClock clock;

    RefundScan(VisitTracker visits, LoyaltyStore store, TerminalClock clock) {
        this.visits = visits;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ScanOutcome handle(ScanKind.Refund scan, CampaignBundle bundle, long now) {
        visits.current().ifPresent(v -> visits.touch(now));
        RefundFormat.RefundScanned scanned = scan.refund();
        RefundResult result = store.refund(new Refund(
                scanned.refundId(), scanned.originalReceiptId(), scanned.refundCents(), bundle.version(), clock.now()));
        return new ScanOutcome.RefundProcessed(
                scanned.refundId(),
                scanned.originalReceiptId(),
                scanned.refundCents(),
                Redaction.mask(result.memberCard()),
                result.entries(),
                result.vouchersRedeemed().stream().map(VoucherCode::labelOf).toList(),
                result.vouchersIssued().stream().map(VoucherCode::labelOf).toList(),
                store.memberState(result.memberCard()));
    }
}
