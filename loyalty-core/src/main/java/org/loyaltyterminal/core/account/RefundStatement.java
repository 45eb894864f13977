package org.loyaltyterminal.core.account;

import java.util.List;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.RefundReversal;
import org.loyaltyterminal.core.voucher.VoucherCode;

/**
 * The text every REFUND row of one refund carries: which refund of which receipt, and the vouchers
 * of the sale (redeemed in it, or issued by it and left valid) that a person at the till may want
 * to look at, since a refund takes back points and stamps but never a voucher.
 *
 * @param redeemed references of the vouchers redeemed in the sale, in ledger order
 * @param issued   references of the vouchers the sale issued, in ledger order
 */
public record RefundStatement(
        String refundId, String receiptId, long refundCents, List<String> redeemed, List<String> issued) {
    /** The rule every REFUND row names. */
    public static final String RULE = "refund.reversal";

    public RefundStatement {
        redeemed = List.copyOf(redeemed);
        issued = List.copyOf(issued);
    }

    /** The report: the refund, then the sale's vouchers by their printed labels. */
    public String report() {
        return "refund " + refundId + " of receipt " + receiptId + " (" + refundCents + " cents)"
                + labels("; vouchers redeemed in the sale: ", redeemed)
                + labels("; vouchers the sale issued stay valid: ", issued);
    }

    /** Why the single REFUND row of a refund that found nothing left to take back. */
    public Award.Why nothingLeft(boolean clockUntrusted) {
        return new Award.Why(RULE, report() + ": nothing left to take back", clockUntrusted);
    }

    /** Why the REFUND row that takes back {@code taken}. */
    public Award.Why reversal(RefundReversal.Taken taken, boolean clockUntrusted) {
        return new Award.Why(RULE, report() + ": " + taken.detail(), clockUntrusted);
    }

    private static String labels(String lead, List<String> references) {
        return references.isEmpty()
                ? ""
                : lead
                        + String.join(
                                ", ",
                                references.stream().map(VoucherCode::labelOf).toList());
    }
}
