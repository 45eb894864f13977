package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.engine.Award.StampCardCompleted;
import org.loyaltyterminal.core.engine.Award.StampsAwarded;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** The stamp-card rule on its own: stamps per qualifying item, completions, its limits. */
class StampCardEvaluatorTest {
    static final Instant AT = CampaignRulesTest.FRIDAY_1730;
    static final Situation HERE = CampaignRulesTest.at(AT, List.of());

    private final StampCardEvaluator evaluator = new StampCardEvaluator();

    static CampaignBundle rules(String limits) {
        return CampaignRulesTest.bundle(
                "{'id': 'coffee-card', 'type': 'stamp-card', 'qualifying': {'categories': ['coffee']},"
                        + " 'stampsPerItem': 2, 'cardSize': 5, 'reward': 'free coffee'" + limits + "}",
                "");
    }

    List<Award> awards(CampaignBundle rules, VisitInput input, MemberState member) {
        StampCardCampaign card = (StampCardCampaign) rules.campaigns().getFirst();
        return evaluator.awards(card, Evaluations.of(rules, input, member, HERE));
    }

    @Test
    void stampsForTheItemThenACompletionForEachCardTheyFill() {
        // 4 on the card + 3 coffees x 2 stamps = 10: two cards of 5
        List<Award> awards =
                awards(rules(""), new ItemScanned("4001", 3), new MemberState(0, Map.of("coffee-card", 4)));

        StampCardCompleted full = new StampCardCompleted("coffee-card", 5, "free coffee");
        assertEquals(List.of(new StampsAwarded("coffee-card", 6), full, full), Awards.plain(awards));
        assertEquals(
                new Why("stamp-card.item", "4001 x3 at 2 per item", false),
                awards.get(0).why());
        assertEquals(
                new Why("stamp-card.completed", "5 stamps: free coffee", false),
                awards.get(1).why());
    }

    @Test
    void nothingForAnItemOutsideTheCardOrForOtherInputs() {
        CampaignBundle rules = rules("");
        MemberState member = MemberState.empty();

        assertEquals(List.of(), awards(rules, new ItemScanned("4002", 1), member), "tobacco is not coffee");
        assertEquals(List.of(), awards(rules, new ItemScanned("unknown", 1), member), "not in the product table");
        assertEquals(List.of(), awards(rules, new ReceiptScanned("r", 5000), member), "a receipt");
        assertEquals(List.of(), awards(rules, new VisitOpened(true), member), "a visit's opening");
    }

    @Test
    void aPerVisitCapCutsTheStampsAndSaysSo() {
        CampaignBundle rules = rules(", 'limits': {'perVisit': 3}");
        MemberHistory twoThisVisit = new MemberHistory(
                Optional.empty(),
                List.of(),
                Map.of("coffee-card", new MemberHistory.Tally(2, 0, 0, Optional.of(AT.minusSeconds(60)))),
                List.of(new PastAward("coffee-card", 2, 0, 0, AT.minusSeconds(60), "visit-1", "till-01")));

        List<Award> awards =
                awards(rules, new ItemScanned("4001", 1), new MemberState(0, Map.of("coffee-card", 2), twoThisVisit));

        assertEquals(List.of(new StampsAwarded("coffee-card", 1)), Awards.plain(awards));
        assertEquals(
                "4001 x1 at 2 per item, cut to the limit",
                awards.getFirst().why().detail());
        assertEquals(
                List.of(),
                awards(rules, new ItemScanned("4001", 1), new MemberState(0, Map.of("coffee-card", 3), capReached())),
                "the cap reached: nothing, not an award of zero");
    }

    private static MemberHistory capReached() {
        return new MemberHistory(
                Optional.empty(),
                List.of(),
                Map.of("coffee-card", new MemberHistory.Tally(3, 0, 0, Optional.of(AT.minusSeconds(60)))),
                List.of(new PastAward("coffee-card", 3, 0, 0, AT.minusSeconds(60), "visit-1", "till-01")));
    }
}
