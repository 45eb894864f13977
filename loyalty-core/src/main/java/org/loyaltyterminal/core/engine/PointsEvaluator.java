package org.loyaltyterminal.core.engine;

import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.PointsBasis;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Tier;
import org.loyaltyterminal.core.engine.Award.PointsAwarded;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.AwardCounts.Unit;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/**
 * A points campaign: points per qualifying item on an item scan, and points for money on the
 * receipt (its total, or the visit's priced qualifying items), each with category multipliers and
 * exclusions and the member's tier multiplier.
 */
final class PointsEvaluator implements CampaignEvaluator<PointsCampaign> {

    @Override
    public List<Award> awards(PointsCampaign campaign, Evaluation evaluation) {
        return switch (evaluation.input()) {
            case ItemScanned item -> perItem(campaign, item, evaluation);
            case ReceiptScanned receipt -> onMoney(campaign, receipt, evaluation);
            case VisitOpened _ -> List.of();
        };
    }

    private static List<Award> perItem(PointsCampaign campaign, ItemScanned item, Evaluation evaluation) {
        Optional<Product> product = evaluation.scanned();
        if (campaign.pointsPerItem() == 0) {
            return List.of();
        }
        if (!campaign.qualifying().test(item.code(), product) || excluded(campaign, product)) {
            return List.of();
        }
        int multiplier = product.isPresent() ? campaign.multiplier(product.get().category()) : 1;
        long points;
        try {
            points = Math.multiplyExact(
                    Math.multiplyExact(campaign.pointsPerItem(), (long) item.quantity()), multiplier);
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + campaign.id() + "': item " + item.code() + " x"
                    + item.quantity() + " overflows 64-bit arithmetic; the quantity is implausible, check the scan");
        }
        Optional<Tier> tier = evaluation.tier();
        points = multiplied(campaign, points, tier);
        long allowed =
                evaluation.counts().allowed(campaign.id(), campaign.terms().limits(), points, Unit.POINTS);
        if (allowed <= 0) {
            return List.of();
        }
        return List.of(new PointsAwarded(
                campaign.id(),
                allowed,
                new Why(
                        "points.per-item",
                        item.code() + " x" + item.quantity() + " at " + campaign.pointsPerItem() + " per item"
                                + (multiplier != 1 ? " x" + multiplier + " category multiplier" : "")
                                + tierNote(tier)
                                + (allowed < points ? ", cut to the limit" : ""),
                        evaluation.clockUntrusted())));
    }

    private static List<Award> onMoney(PointsCampaign campaign, ReceiptScanned receipt, Evaluation evaluation) {
        long amount = receipt.amountCents();
        if (amount <= 0 || campaign.pointsPerUnit() == 0) {
            return List.of(); // refunds and voids earn nothing here
        }
        Basket basket = evaluation.basket();
        long weighted;
        String basis;
        try {
            if (campaign.basis() == PointsBasis.RECEIPT) {
                long excludedCents = 0;
                long extra = 0;
                for (Basket.Line line : basket.priced()) {
                    long cents = line.cents();
                    if (excluded(campaign, line.product())) {
                        excludedCents = Math.addExact(excludedCents, cents);
                    } else {
                        int multiplier = campaign.multiplier(line.category());
                        if (multiplier != 1) {
                            extra = Math.addExact(extra, Math.multiplyExact(cents, multiplier - 1L));
                        }
                    }
                }
                weighted = Math.max(0, Math.addExact(Math.max(0, amount - excludedCents), extra));
                basis = "receipt " + amount + " cents"
                        + (excludedCents > 0 ? " less " + excludedCents + " excluded" : "")
                        + (extra != 0 ? " plus " + extra + " for multipliers" : "");
            } else {
                weighted = 0;
                for (Basket.Line line : basket.priced()) {
                    if (!campaign.qualifying().test(line.item().code(), line.product())
                            || excluded(campaign, line.product())) {
                        continue;
                    }
                    weighted = Math.addExact(
                            weighted, Math.multiplyExact(line.cents(), campaign.multiplier(line.category())));
                }
                basis = "qualifying items " + weighted + " cents (multipliers applied)";
            }
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + campaign.id() + "': the visit's item prices overflow 64-bit"
                    + " arithmetic; check the product table's prices");
        }
        Optional<Tier> tier = evaluation.tier();
        long points = multiplied(campaign, round(campaign, weighted, receipt), tier);
        long allowed =
                evaluation.counts().allowed(campaign.id(), campaign.terms().limits(), points, Unit.POINTS);
        if (allowed <= 0) {
            return List.of();
        }
        return List.of(new PointsAwarded(
                campaign.id(),
                allowed,
                new Why(
                        campaign.basis() == PointsBasis.RECEIPT ? "points.receipt" : "points.items",
                        basis + " x " + campaign.pointsPerUnit() + " / " + campaign.unitCents() + ", "
                                + campaign.rounding().jsonName()
                                + tierNote(tier) + (allowed < points ? ", cut to the limit" : ""),
                        evaluation.clockUntrusted())));
    }

    private static boolean excluded(PointsCampaign campaign, Optional<Product> product) {
        return product.isPresent()
                && campaign.excludedCategories().contains(product.get().category());
    }

    /** Cents at the campaign's rate, rounded its way. */
    private static long round(PointsCampaign campaign, long cents, ReceiptScanned receipt) {
        long scaled;
        try {
            scaled = Math.multiplyExact(cents, campaign.pointsPerUnit());
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + campaign.id() + "': receipt " + receipt.receiptId()
                    + " of " + cents + " cents at " + campaign.pointsPerUnit() + " points per "
                    + campaign.unitCents() + " cents overflows 64-bit arithmetic; the amount is implausible,"
                    + " check the receipt barcode");
        }
        long whole = scaled / campaign.unitCents(); // both non-negative: division truncates = floor
        long remainder = scaled % campaign.unitCents();
        return switch (campaign.rounding()) {
            case DOWN -> whole;
            // remainder >= unitCents / 2 without overflowing 2 * remainder; whole + 1 cannot
            // overflow because a non-zero remainder means unitCents >= 2.
            case HALF_UP -> remainder != 0 && remainder >= campaign.unitCents() - remainder ? whole + 1 : whole;
        };
    }

    /** A tier's multiplier on a points campaign's award, rounded down; the award as it was without one. */
    private static long multiplied(PointsCampaign campaign, long points, Optional<Tier> tier) {
        if (tier.isEmpty()) {
            return points;
        }
        try {
            return Math.multiplyExact(points, (long) tier.get().multiplierPercent()) / 100;
        } catch (ArithmeticException e) {
            throw new AwardOverflowException("campaign '" + campaign.id() + "': " + points + " points at tier '"
                    + tier.get().id() + "' (" + tier.get().multiplierPercent() + "%) overflow 64-bit arithmetic;"
                    + " the scan is implausible, check it");
        }
    }

    private static String tierNote(Optional<Tier> tier) {
        return tier.isEmpty()
                ? ""
                : " x" + tier.get().multiplierPercent() + "% " + tier.get().id() + " tier, down";
    }
}
