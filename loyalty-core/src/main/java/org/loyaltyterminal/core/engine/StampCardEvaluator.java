package org.loyaltyterminal.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.engine.Award.StampCardCompleted;
import org.loyaltyterminal.core.engine.Award.StampsAwarded;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.AwardCounts.Unit;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/** A stamp card: stamps per qualifying item, then one completion per full card. */
final class StampCardEvaluator implements CampaignEvaluator<StampCardCampaign> {

    /** The stamps, then each card they completed; nothing but on a qualifying item. */
    @Override
    public List<Award> awards(StampCardCampaign card, Evaluation evaluation) {
        if (!(evaluation.input() instanceof ItemScanned item)
                || !card.qualifier().test(item.code(), evaluation.scanned())) {
            return List.of();
        }
        int stamps;
        try {
            stamps = Math.multiplyExact(card.stampsPerItem(), item.quantity());
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + card.id() + "': item " + item.code() + " x"
                    + item.quantity() + " at " + card.stampsPerItem() + " stamps per item exceeds "
                    + Integer.MAX_VALUE + " stamps; the quantity is implausible, check the scan");
        }
        long allowed = evaluation.counts().allowed(card.id(), card.terms().limits(), stamps, Unit.STAMPS);
        if (allowed <= 0) {
            return List.of();
        }
        stamps = (int) allowed;
        boolean untrusted = evaluation.clockUntrusted();
        List<Award> awards = new ArrayList<>(2);
        awards.add(new StampsAwarded(
                card.id(),
                stamps,
                new Why(
                        "stamp-card.item",
                        item.code() + " x" + item.quantity() + " at " + card.stampsPerItem() + " per item"
                                + (allowed < (long) card.stampsPerItem() * item.quantity() ? ", cut to the limit" : ""),
                        untrusted)));
        // long: stamps already on the card plus a near-int-max award must not wrap.
        long onCard = (long) evaluation.member().stampsOn(card.id()) + stamps;
        for (long completed = onCard / card.cardSize(); completed > 0; completed--) {
            awards.add(new StampCardCompleted(
                    card.id(),
                    card.cardSize(),
                    card.reward(),
                    new Why("stamp-card.completed", card.cardSize() + " stamps: " + card.reward(), untrusted)));
        }
        return awards;
    }
}
