package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.engine.Award.PointsAwarded;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** The points rule on its own: per item, on money, rounding, multipliers and the member's tier. */
class PointsEvaluatorTest {
    static final Situation NO_ITEMS_YET = CampaignRulesTest.at(CampaignRulesTest.FRIDAY_1730, List.of());

    private final PointsEvaluator evaluator = new PointsEvaluator();

    static CampaignBundle rules(String campaign) {
        return CampaignRulesTest.bundle(campaign, TiersTest.LADDER);
    }

    static MemberState inTier(String tier) {
        return new MemberState(
                0,
                Map.of(),
                new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of(), List.of(), Optional.of(tier)));
    }

    List<Award> awards(CampaignBundle rules, VisitInput input, MemberState member, Situation situation) {
        PointsCampaign campaign = (PointsCampaign) rules.campaigns().getFirst();
        return evaluator.awards(campaign, Evaluations.of(rules, input, member, situation));
    }

    @Test
    void perItemWithTheCategoryMultiplierAndTheTierMultiplierRoundedDown() {
        CampaignBundle rules =
                rules("{'id': 'per-item', 'type': 'points', 'pointsPerItem': 5, 'categoryMultipliers': {'bakery': 3}}");

        // 5 per item x 1 croissant x 3 = 15 points, at gold's 150%: 22.5, down to 22
        List<Award> gold = awards(rules, new ItemScanned("4003", 1), inTier("gold"), NO_ITEMS_YET);
        assertEquals(
                List.of(new PointsAwarded(
                        "per-item",
                        22,
                        new Why(
                                "points.per-item",
                                "4003 x1 at 5 per item x3 category multiplier x150% gold tier, down",
                                false))),
                gold);
        assertEquals(
                List.of(new PointsAwarded("per-item", 15)),
                Awards.plain(awards(rules, new ItemScanned("4003", 1), inTier("silver"), NO_ITEMS_YET)),
                "silver multiplies by 100%: no tier note");
        assertEquals(
                "4003 x1 at 5 per item x3 category multiplier",
                awards(rules, new ItemScanned("4003", 1), inTier("silver"), NO_ITEMS_YET)
                        .getFirst()
                        .why()
                        .detail());
    }

    @Test
    void onTheReceiptRoundedHalfUpAndNothingForRefundsOrAVisitsOpening() {
        CampaignBundle rules =
                rules("{'id': 'money', 'type': 'points', 'pointsPerUnit': 1, 'unitCents': 100, 'rounding': 'half-up'}");
        MemberState member = MemberState.empty();

        assertEquals(
                List.of(new PointsAwarded(
                        "money", 13, new Why("points.receipt", "receipt 1250 cents x 1 / 100, half-up", false))),
                awards(rules, new ReceiptScanned("r", 1250), member, NO_ITEMS_YET));
        assertEquals(
                List.of(new PointsAwarded("money", 12)),
                Awards.plain(awards(rules, new ReceiptScanned("r", 1249), member, NO_ITEMS_YET)),
                "under half a unit rounds down");
        assertEquals(List.of(), awards(rules, new ReceiptScanned("r", -1250), member, NO_ITEMS_YET), "a refund");
        assertEquals(List.of(), awards(rules, new ItemScanned("4001", 1), member, NO_ITEMS_YET), "no pointsPerItem");
        assertEquals(List.of(), awards(rules, new VisitOpened(true), member, NO_ITEMS_YET));
    }

    @Test
    void onQualifyingItemsWeighsTheVisitsEarlierPricedItems() {
        CampaignBundle rules = rules("{'id': 'items', 'type': 'points', 'basis': 'items', 'pointsPerUnit': 1,"
                + " 'qualifying': {'categories': ['coffee', 'bakery']}, 'categoryMultipliers': {'coffee': 2}}");
        // beans 800 x 2 (multiplier) + 3 croissants 600; cigarettes do not qualify; unknown has no price
        Situation visit = CampaignRulesTest.at(
                CampaignRulesTest.FRIDAY_1730,
                List.of(
                        new ItemScanned("4001", 1),
                        new ItemScanned("4002", 1),
                        new ItemScanned("4003", 3),
                        new ItemScanned("unknown", 1)));

        List<Award> awards = awards(rules, new ReceiptScanned("r", 2500), MemberState.empty(), visit);

        assertEquals(
                List.of(new PointsAwarded(
                        "items",
                        22,
                        new Why(
                                "points.items",
                                "qualifying items 2200 cents (multipliers applied) x 1 / 100, down",
                                false))),
                awards);
    }

    @Test
    void anImplausibleQuantityIsRefusedNotWrapped() {
        CampaignBundle rules = CampaignRulesTest.bundle(
                "{'id': 'per-item', 'type': 'points', 'pointsPerItem': 2147483647,"
                        + " 'categoryMultipliers': {'coffee': 100}}",
                "");
        AwardOverflowException e = assertThrows(
                AwardOverflowException.class,
                () -> awards(rules, new ItemScanned("4001", Integer.MAX_VALUE), MemberState.empty(), NO_ITEMS_YET));
        assertTrue(e.getMessage().contains("campaign 'per-item': item 4001 x2147483647 overflows"), e.getMessage());
    }
}
