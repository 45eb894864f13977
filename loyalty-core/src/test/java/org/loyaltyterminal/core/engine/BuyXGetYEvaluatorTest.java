package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.Award.VoucherEarned;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/** Buy X get Y on its own: earlier qualifying items of the visit count towards the next voucher. */
class BuyXGetYEvaluatorTest {
    static final CampaignBundle RULES = CampaignRulesTest.bundle(
            "{'id': 'croissant-3', 'type': 'buy-x-get-y', 'qualifying': {'categories': ['bakery']},"
                    + "'buy': 3, 'voucher': 'free-croissant'}",
            ", 'rewards': [{'id': 'free-croissant', 'slot': 3,"
                    + "'text': 'Free croissant', 'valueCents': 200, 'validDays': 14}]");
    static final BuyXGetYCampaign BUY_3 = (BuyXGetYCampaign) RULES.campaigns().getFirst();

    private final BuyXGetYEvaluator evaluator = new BuyXGetYEvaluator();

    List<Award> scan(ItemScanned item, ItemScanned... earlier) {
        Situation visit = CampaignRulesTest.at(CampaignRulesTest.FRIDAY_1730, List.of(earlier));
        return evaluator.awards(BUY_3, Evaluations.of(RULES, item, MemberState.empty(), visit));
    }

    @Test
    void aVoucherForEachMultipleOfXTheScanReaches() {
        // 2 croissants and a coffee earlier, then 5 croissants: items 3..7, so the 3rd and the 6th earn
        List<Award> awards = scan(
                new ItemScanned("4003", 5),
                new ItemScanned("4003", 1),
                new ItemScanned("4001", 1),
                new ItemScanned("4003", 1));

        assertEquals(
                List.of(
                        new VoucherEarned(
                                "croissant-3",
                                "free-croissant",
                                new Why(
                                        "buy-x-get-y",
                                        "qualifying item 3 of the visit, buy 3 get free-croissant",
                                        false)),
                        new VoucherEarned(
                                "croissant-3",
                                "free-croissant",
                                new Why(
                                        "buy-x-get-y",
                                        "qualifying item 6 of the visit, buy 3 get free-croissant",
                                        false))),
                awards);
    }

    @Test
    void nothingBelowTheNextMultipleOrForItemsThatDoNotQualify() {
        assertEquals(List.of(), scan(new ItemScanned("4003", 1), new ItemScanned("4003", 1)), "2 of 3");
        assertEquals(
                List.of(),
                scan(new ItemScanned("4001", 1), new ItemScanned("4003", 1), new ItemScanned("4003", 1)),
                "a coffee does not make the third");
    }
}
