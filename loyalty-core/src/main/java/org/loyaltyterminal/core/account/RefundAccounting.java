package org.loyaltyterminal.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loyaltyterminal.core.engine.RefundReversal;

/**
 * What a refund may take back, per campaign: what the sale earned, next to what earlier refunds of
 * the same receipt already took back. {@link RefundReversal} then decides the proportion.
 */
public final class RefundAccounting {
    private RefundAccounting() {}

    /** What the sale earned in one campaign (its stamp and points rows, summed). */
    public record SaleEarning(String campaignId, long stamps, long points) {}

    /** What earlier refunds of the receipt took back in one campaign (positive amounts). */
    public record TakenBack(long stamps, long points) {
        public static final TakenBack NOTHING = new TakenBack(0, 0);
    }

    /**
     * The sale's earnings in the order it earned them; a campaign whose rows net below zero
     * earned nothing that a refund could take back.
     */
    public static List<RefundReversal.Earned> earned(List<SaleEarning> sale, Map<String, TakenBack> takenBefore) {
        List<RefundReversal.Earned> earned = new ArrayList<>(sale.size());
        for (SaleEarning e : sale) {
            TakenBack back = takenBefore.getOrDefault(e.campaignId(), TakenBack.NOTHING);
            earned.add(new RefundReversal.Earned(
                    e.campaignId(), Math.max(0, e.stamps()), Math.max(0, e.points()), back.stamps(), back.points()));
        }
        return List.copyOf(earned);
    }
}
