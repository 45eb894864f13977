package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Qualifier;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.campaign.ValidityWindow;
import org.loyaltyterminal.core.engine.Award.PointsAwarded;
import org.loyaltyterminal.core.engine.Award.StampCardCompleted;
import org.loyaltyterminal.core.engine.Award.StampsAwarded;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/**
 * Property: replaying the engine's awards into a member's balances keeps every card within
 * [0, cardSize), and no stamp is lost or invented: stamps awarded = cardSize x completions +
 * stamps left on the card. Seeded, so a failure names a reproducible seed.
 */
class StampCardReplayTest {

    private static final Instant AT = Instant.parse("2026-06-15T12:00:00Z");
    private static final List<String> CODES = List.of("by-code", "by-category", "other");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026, 7_777_777})
    void replayedAwardsKeepCardsInRangeAndConserveStamps(long seed) {
        Random random = new Random(seed);
        List<StampCardCampaign> cards = List.of(card("a", random), card("b", random));
        CampaignBundle rules = new CampaignBundle(
                1,
                1,
                Map.of(
                        "by-category",
                        new Product("by-category", "coffee", "Beans"),
                        "other",
                        new Product("other", "tea", "Tea")),
                List.copyOf(cards));
        LoyaltyEngine engine = new LoyaltyEngine();
        Map<String, Integer> onCard = new HashMap<>();
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> completions = new HashMap<>();

        for (int scan = 0; scan < 500; scan++) {
            ItemScanned item = new ItemScanned(CODES.get(random.nextInt(CODES.size())), 1 + random.nextInt(40));
            List<Award> awards = engine.evaluate(item, new MemberState(0, onCard), rules, AT);
            for (Award award : awards) {
                onCard.merge(award.campaignId(), award.stampsDelta(), Integer::sum);
                switch (award) {
                    case StampsAwarded s -> awarded.merge(s.campaignId(), (long) s.stamps(), Long::sum);
                    case StampCardCompleted c -> completions.merge(c.campaignId(), 1L, Long::sum);
                    case PointsAwarded p -> throw new AssertionError("seed " + seed + ": points from an item: " + p);
                    case Award.BonusAwarded b ->
                        throw new AssertionError("seed " + seed + ": bonus from an item: " + b);
                    case Award.VoucherEarned v ->
                        throw new AssertionError("seed " + seed + ": voucher without a campaign: " + v);
                    case Award.ActivityFlagged f ->
                        throw new AssertionError("seed " + seed + ": flag from an item: " + f);
                    case Award.PointsExpired x ->
                        throw new AssertionError("seed " + seed + ": expiry on an item: " + x);
                    case Award.StampsExpired x ->
                        throw new AssertionError("seed " + seed + ": stamps expired on an item: " + x);
                    case Award.TierChanged t ->
                        throw new AssertionError("seed " + seed + ": tier change on an item: " + t);
                }
            }
            for (StampCardCampaign card : cards) {
                int stamps = onCard.getOrDefault(card.id(), 0);
                String context = "seed " + seed + ", scan " + scan + " (" + item + "), campaign " + card.id()
                        + " with cardSize " + card.cardSize() + ", awards " + awards;
                assertTrue(
                        stamps >= 0 && stamps < card.cardSize(),
                        () -> context + ": stamps on card " + stamps + " left [0, " + card.cardSize() + ")");
            }
        }

        for (StampCardCampaign card : cards) {
            long total = awarded.getOrDefault(card.id(), 0L);
            long done = completions.getOrDefault(card.id(), 0L);
            int left = onCard.getOrDefault(card.id(), 0);
            assertEquals(
                    total,
                    card.cardSize() * done + left,
                    () -> "seed " + seed + ", campaign " + card.id()
                            + ": " + total + " stamps awarded but " + done + " cards of " + card.cardSize() + " + "
                            + left
                            + " on the card");
            assertTrue(
                    total > 0,
                    () -> "seed " + seed + ": campaign " + card.id() + " never awarded; the test"
                            + " exercises nothing");
        }
    }

    private static StampCardCampaign card(String id, Random random) {
        return new StampCardCampaign(
                id,
                ValidityWindow.always(),
                new Qualifier(Set.of("by-code"), Set.of("coffee")),
                1 + random.nextInt(3),
                1 + random.nextInt(15),
                "reward " + id);
    }
}
