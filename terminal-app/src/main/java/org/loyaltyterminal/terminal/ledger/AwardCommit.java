package org.loyaltyterminal.terminal.ledger;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.loyaltyterminal.core.engine.Award;

/**
 * What one scan adds to the store, committed all or nothing: one record per kind of scan that
 * earns, so what a commit also writes (the visit row, the credited receipt) follows from its kind
 * instead of from optional fields and a positional flag.
 */
public sealed interface AwardCommit {
    String memberCard();

    String visitId();

    /** What earned the awards, written on each ledger row: the product code, the receipt id, or "visit". */
    String reference();

    /** In the engine's order; may be empty (a visit or a receipt is recorded even when it earns nothing). */
    List<Award> awards();

    /** The campaign bundle version that produced the awards. */
    long bundleVersion();

    EventTime time();

    /** Vouchers the awards earned (a completed stamp card's reward), issued in the same transaction. */
    List<VoucherGrant> vouchers();

    /**
     * A member card opened this visit: the visit is recorded (visit counts, safeguards) with any
     * bonus it earns, and with the balance it opened on ({@code balance}: this till's, or a question
     * to HQ on its way). Its vouchers are not issued here: a visit bonus names none.
     */
    record VisitOpened(
            String memberCard,
            String visitId,
            List<Award> awards,
            long bundleVersion,
            EventTime time,
            VisitBalance balance)
            implements AwardCommit {
        public VisitOpened {
            Objects.requireNonNull(memberCard, "memberCard");
            Objects.requireNonNull(visitId, "visitId");
            awards = List.copyOf(awards);
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(balance, "balance");
        }

        /** A visit on this till's balance alone (no HQ link asked). */
        public VisitOpened(String memberCard, String visitId, List<Award> awards, long bundleVersion, EventTime time) {
            this(memberCard, visitId, awards, bundleVersion, time, VisitBalance.till());
        }

        @Override
        public String reference() {
            return "visit";
        }

        @Override
        public List<VoucherGrant> vouchers() {
            return List.of();
        }
    }

    /**
     * What a product scanned in the visit earned.
     *
     * @param code the product code (GTIN or SKU)
     */
    record ItemAwards(
            String memberCard,
            String visitId,
            String code,
            List<Award> awards,
            long bundleVersion,
            EventTime time,
            List<VoucherGrant> vouchers)
            implements AwardCommit {
        public ItemAwards {
            Objects.requireNonNull(memberCard, "memberCard");
            Objects.requireNonNull(visitId, "visitId");
            Objects.requireNonNull(code, "code");
            awards = List.copyOf(awards);
            Objects.requireNonNull(time, "time");
            vouchers = List.copyOf(vouchers);
        }

        @Override
        public String reference() {
            return code;
        }
    }

    /**
     * A receipt's credit: the receipt is marked credited so that it never earns twice, even when
     * it earns nothing.
     *
     * @param amountCents the receipt's amount, recorded with it so that a partial refund can be
     *     proportional; empty when unknown
     */
    record ReceiptCredit(
            String memberCard,
            String visitId,
            String receiptId,
            List<Award> awards,
            long bundleVersion,
            EventTime time,
            List<VoucherGrant> vouchers,
            OptionalLong amountCents)
            implements AwardCommit {
        public ReceiptCredit {
            Objects.requireNonNull(memberCard, "memberCard");
            Objects.requireNonNull(visitId, "visitId");
            Objects.requireNonNull(receiptId, "receiptId");
            awards = List.copyOf(awards);
            Objects.requireNonNull(time, "time");
            vouchers = List.copyOf(vouchers);
            Objects.requireNonNull(amountCents, "amountCents");
        }

        @Override
        public String reference() {
            return receiptId;
        }
    }
}
