package org.loyaltyterminal.terminal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.loyaltyterminal.terminal.engine.Award.PointsAwarded;
import org.loyaltyterminal.terminal.engine.Award.StampCardCompleted;
import org.loyaltyterminal.terminal.engine.Award.StampsAwarded;
import org.loyaltyterminal.terminal.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.terminal.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.terminal.rules.Campaign;
import org.loyaltyterminal.terminal.rules.CampaignBundle;
import org.loyaltyterminal.terminal.rules.PointsCampaign;
import org.loyaltyterminal.terminal.rules.Product;
import org.loyaltyterminal.terminal.rules.StampCardCampaign;

/**
 * The loyalty rules as a pure function: no I/O, no clock, no state of its own. Same inputs,
 * same awards, so it can be tested exhaustively and replayed.
 *
 * <p>Items earn stamps on every stamp-card campaign they qualify for; receipts earn points on
 * every points campaign. Only campaigns whose validity window contains {@code at} take part.
 */
public final class LoyaltyEngine {

    /**
     * Awards earned by one visit input.
     *
     * @param input  what was scanned
     * @param member the member's balances before this input
     * @param rules  the campaigns in force and the product table
     * @param at     the time to test validity windows against
     * @return awards in campaign order (within a stamp card: the stamps, then each card it
     *     completed); empty when nothing qualifies. Unmodifiable.
     * @throws AwardOverflowException when an award cannot be computed exactly
     */
    public List<Award> evaluate(VisitInput input, MemberState member, CampaignBundle rules, Instant at) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(at, "at");
        List<Award> awards = new ArrayList<>();
        for (Campaign campaign : rules.campaigns()) {
            if (!campaign.validity().contains(at)) {
                continue;
            }
            switch (campaign) {
                case StampCardCampaign card -> {
                    switch (input) {
                        case ItemScanned item -> stamp(card, item, member, rules, awards);
                        case ReceiptScanned _ -> { } // stamps are earned per item, not per receipt
                    }
                }
                case PointsCampaign points -> {
                    switch (input) {
                        case ItemScanned _ -> { } // points are earned on the receipt total
                        case ReceiptScanned receipt -> points(points, receipt, awards);
                    }
                }
            }
        }
        return List.copyOf(awards);
    }

    private static void stamp(
            StampCardCampaign card, ItemScanned item, MemberState member, CampaignBundle rules, List<Award> awards) {
        boolean qualifies = card.qualifier().codes().contains(item.code())
                || rules.product(item.code()).map(Product::category)
                        .filter(card.qualifier().categories()::contains).isPresent();
        if (!qualifies) {
            return;
        }
        int stamps;
        try {
            stamps = Math.multiplyExact(card.stampsPerItem(), item.quantity());
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + card.id() + "': item " + item.code() + " x"
                    + item.quantity() + " at " + card.stampsPerItem() + " stamps per item exceeds "
                    + Integer.MAX_VALUE + " stamps; the quantity is implausible, check the scan");
        }
        awards.add(new StampsAwarded(card.id(), stamps));
        // long: stamps already on the card plus a near-int-max award must not wrap.
        long onCard = (long) member.stampsOn(card.id()) + stamps;
        for (long completed = onCard / card.cardSize(); completed > 0; completed--) {
            awards.add(new StampCardCompleted(card.id(), card.cardSize(), card.reward()));
        }
    }

    private static void points(PointsCampaign campaign, ReceiptScanned receipt, List<Award> awards) {
        long amount = receipt.amountCents();
        if (amount <= 0) {
            return; // refunds and voids earn nothing here
        }
        long scaled;
        try {
            scaled = Math.multiplyExact(amount, campaign.pointsPerUnit());
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + campaign.id() + "': receipt " + receipt.receiptId()
                    + " of " + amount + " cents at " + campaign.pointsPerUnit() + " points per "
                    + campaign.unitCents() + " cents overflows 64-bit arithmetic; the amount is implausible,"
                    + " check the receipt barcode");
        }
        long whole = scaled / campaign.unitCents(); // both positive: division truncates = floor
        long remainder = scaled % campaign.unitCents();
        long points = switch (campaign.rounding()) {
            case DOWN -> whole;
            // remainder >= unitCents / 2 without overflowing 2 * remainder; whole + 1 cannot
            // overflow because a non-zero remainder means unitCents >= 2.
            case HALF_UP -> remainder >= campaign.unitCents() - remainder ? whole + 1 : whole;
        };
        if (points > 0) {
            awards.add(new PointsAwarded(campaign.id(), points));
        }
    }
}
