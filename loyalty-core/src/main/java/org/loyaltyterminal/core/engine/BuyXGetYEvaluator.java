package org.loyaltyterminal.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.engine.Award.VoucherEarned;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.AwardCounts.Unit;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/** Buy X get Y: a voucher each time the visit's qualifying items reach another multiple of X. */
final class BuyXGetYEvaluator implements CampaignEvaluator<BuyXGetYCampaign> {

    /** One voucher per multiple of X this item's quantity reaches, counting the visit's earlier qualifying items. */
    @Override
    public List<Award> awards(BuyXGetYCampaign buy, Evaluation evaluation) {
        if (!(evaluation.input() instanceof ItemScanned item)
                || !buy.qualifier().test(item.code(), evaluation.scanned())) {
            return List.of();
        }
        long before = 0;
        for (Basket.Line earlier : evaluation.basket().lines()) {
            if (buy.qualifier().test(earlier.item().code(), earlier.product())) {
                before += earlier.item().quantity();
            }
        }
        long after = before + item.quantity();
        long vouchers = after / buy.buy() - before / buy.buy();
        long allowed = evaluation.counts().allowed(buy.id(), buy.terms().limits(), vouchers, Unit.VOUCHERS);
        if (allowed <= 0) {
            return List.of();
        }
        List<Award> awards = new ArrayList<>();
        for (long i = 0; i < allowed; i++) {
            awards.add(new VoucherEarned(
                    buy.id(),
                    buy.voucher(),
                    new Why(
                            "buy-x-get-y",
                            "qualifying item " + (before / buy.buy() + i + 1) * buy.buy() + " of the visit, buy "
                                    + buy.buy() + " get " + buy.voucher(),
                            evaluation.clockUntrusted())));
        }
        return awards;
    }
}
