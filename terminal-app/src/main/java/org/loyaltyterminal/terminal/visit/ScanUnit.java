package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.RefundAlreadyProcessedException;
import org.loyaltyterminal.terminal.ledger.RefundRefusedException;
import org.loyaltyterminal.terminal.ledger.VoucherAlreadyRedeemedException;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * One scan's unit of work: its reads, the engine's decision and its writes run in one transaction
 * of the store, so the scan costs one sync. Prints recorded in it are queued only after it
 * committed; if it fails, the visit's in-memory state goes back to what the store holds. The store
 * refuses a refund or a voucher redemption it has seen before by an exception: the unit is then
 * taken back like any failure (nothing written, nothing counted as a commit) and the refusal is the
 * outcome. Not thread-safe: used under the processor's lock.
 */
final class ScanUnit {
    private final LoyaltyStore store;
    private final VisitTracker visits;
    private final VisitBasket basket;
    private final VoucherDesk vouchers;

    ScanUnit(LoyaltyStore store, VisitTracker visits, VisitBasket basket, VoucherDesk vouchers) {
        this.store = store;
        this.visits = visits;
        this.basket = basket;
        this.vouchers = vouchers;
    }

    ScanOutcome run(String what, Supplier<ScanOutcome> work) {
        Optional<String> visitBefore = visits.current().map(OpenVisit::visitId);
        int itemsBefore = basket.size();
        try {
            ScanOutcome outcome = store.inOneTransaction(what, work);
            vouchers.queueRecordedPrints();
            return outcome;
        } catch (RuntimeException e) {
            vouchers.forgetRecordedPrints();
            if (!visits.current().map(OpenVisit::visitId).equals(visitBefore)) {
                visits.close();
            } else {
                basket.keepFirst(itemsBefore);
            }
            return refusedOrRethrow(e);
        }
    }

    private static ScanOutcome refusedOrRethrow(RuntimeException e) {
        return switch (e) {
            case RefundAlreadyProcessedException r ->
                new Refused(RefusalReason.REFUND_ALREADY_PROCESSED, r.getMessage() + "; no change made");
            case RefundRefusedException r -> new Refused(RefusalReason.REFUND_ORIGINAL_UNKNOWN, r.getMessage());
            case VoucherAlreadyRedeemedException r ->
                new Refused(RefusalReason.VOUCHER_ALREADY_REDEEMED, r.getMessage() + "; no change made");
            default -> throw e;
        };
    }
}
