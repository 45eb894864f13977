package org.loyaltyterminal.terminal.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.engine.Award;

/**
 * What one scan adds to the store, committed all or nothing.
 *
 * @param reference    the product code or receipt id that earned the awards
 * @param receiptId    present for a receipt: it is marked credited so it never earns twice
 * @param awards       in the engine's order; may be empty (a receipt that earns nothing is
 *                     still marked credited)
 * @param bundleVersion the campaign bundle version that produced the awards
 * @param vouchers     vouchers the awards earned (a completed stamp card's reward), issued in
 *                     the same transaction
 * @param opensVisit   the member card opened this visit: it is recorded (visit counts, safeguards)
 * @param receiptCents the receipt's amount, recorded with it so that a partial refund can be proportional
 */
public record AwardCommit(
        String memberCard,
        String visitId,
        String reference,
        Optional<String> receiptId,
        List<Award> awards,
        long bundleVersion,
        EventTime time,
        List<VoucherGrant> vouchers,
        boolean opensVisit,
        java.util.OptionalLong receiptCents) {

    public AwardCommit(
            String memberCard,
            String visitId,
            String reference,
            Optional<String> receiptId,
            List<Award> awards,
            long bundleVersion,
            EventTime time,
            List<VoucherGrant> vouchers,
            boolean opensVisit) {
        this(
                memberCard,
                visitId,
                reference,
                receiptId,
                awards,
                bundleVersion,
                time,
                vouchers,
                opensVisit,
                java.util.OptionalLong.empty());
    }

    public AwardCommit(
            String memberCard,
            String visitId,
            String reference,
            Optional<String> receiptId,
            List<Award> awards,
            long bundleVersion,
            EventTime time) {
        this(memberCard, visitId, reference, receiptId, awards, bundleVersion, time, List.of());
    }

    public AwardCommit(
            String memberCard,
            String visitId,
            String reference,
            Optional<String> receiptId,
            List<Award> awards,
            long bundleVersion,
            EventTime time,
            List<VoucherGrant> vouchers) {
        this(memberCard, visitId, reference, receiptId, awards, bundleVersion, time, vouchers, false);
    }

    public AwardCommit {
        Objects.requireNonNull(memberCard, "memberCard");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(receiptId, "receiptId");
        awards = List.copyOf(awards);
        Objects.requireNonNull(time, "time");
        vouchers = List.copyOf(vouchers);
        Objects.requireNonNull(receiptCents, "receiptCents");
    }
}
