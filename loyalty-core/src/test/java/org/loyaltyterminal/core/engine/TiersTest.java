package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.core.engine.MemberHistory.PointsMovement;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** The tier examples of docs/campaign-format.md ("Tiers"). */
class TiersTest {
    static final Instant NOW = Instant.parse("2026-06-12T10:00:00Z");
    static final String LADDER = ", 'tiers': {'qualifyBy': 'points', 'windowDays': 365, 'graceDays': 30, 'levels': ["
            + "{'id': 'silver', 'name': 'Silver', 'threshold': 0},"
            + "{'id': 'gold', 'name': 'Gold', 'threshold': 1000, 'multiplierPercent': 150},"
            + "{'id': 'platinum', 'name': 'Platinum', 'threshold': 5000, 'multiplierPercent': 200}]}";

    static PointsMovement earned(int daysAgo, long points) {
        return new PointsMovement(NOW.minus(Duration.ofDays(daysAgo)), points, true);
    }

    static MemberState member(Optional<String> tier, List<PointsMovement> movements, List<Instant> visits) {
        long balance = movements.stream().mapToLong(PointsMovement::delta).sum();
        return new MemberState(
                balance, Map.of(), new MemberHistory(Optional.empty(), visits, Map.of(), List.of(), movements, tier));
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                // current tier, points earned (days ago, points), expected change (empty: none)
                Arguments.of("a new member starts in the lowest tier", Optional.empty(), List.of(), "none → silver"),
                Arguments.of(
                        "1200 points this year: up to gold",
                        Optional.of("silver"),
                        List.of(earned(100, 700), earned(10, 500)),
                        "silver → gold"),
                Arguments.of(
                        "straight to platinum", Optional.of("silver"), List.of(earned(5, 6000)), "silver → platinum"),
                Arguments.of("gold stays gold", Optional.of("gold"), List.of(earned(100, 1000)), ""),
                Arguments.of(
                        "fell below 20 days ago: still in the grace period",
                        Optional.of("gold"),
                        List.of(earned(385, 1000)),
                        ""),
                Arguments.of(
                        "fell below 40 days ago: down to silver",
                        Optional.of("gold"),
                        List.of(earned(405, 1000)),
                        "gold → silver"),
                Arguments.of(
                        "platinum lapsed beyond the grace period, gold still reached: down to gold only",
                        Optional.of("platinum"),
                        List.of(earned(425, 4000), earned(300, 1000)),
                        "platinum → gold"),
                Arguments.of(
                        "a tier the bundle no longer has counts as none",
                        Optional.of("diamond"),
                        List.of(earned(1, 1500)),
                        "none → gold"),
                Arguments.of(
                        "adjustments do not count as earned",
                        Optional.of("silver"),
                        List.of(new PointsMovement(NOW.minus(Duration.ofDays(3)), 5000, false)),
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void tierIsEvaluatedAtVisitOpen(String name, Optional<String> tier, List<PointsMovement> movements, String change) {
        CampaignBundle rules = CampaignRulesTest.bundle("", LADDER);
        List<Award> awards = new LoyaltyEngine()
                .evaluate(
                        new VisitOpened(false),
                        member(tier, movements, List.of()),
                        rules,
                        CampaignRulesTest.at(NOW, List.of()));
        String found = awards.stream()
                .filter(a -> a instanceof Award.TierChanged)
                .map(a -> ((Award.TierChanged) a).from() + " → " + ((Award.TierChanged) a).to())
                .findFirst()
                .orElse("");
        assertEquals(change, found, name + ": " + awards);
        awards.stream()
                .filter(a -> a instanceof Award.TierChanged)
                .forEach(a -> assertEquals(
                        true,
                        a.why().detail().startsWith(change + ": "),
                        a.why().detail()));
    }

    @Test
    void visitsInTheWindowCountTheOneBeingOpened() {
        CampaignBundle rules = CampaignRulesTest.bundle(
                "",
                ", 'tiers': {'qualifyBy': 'visits', 'windowDays': 30,"
                        + " 'levels': [{'id': 'regular', 'name': 'Regular', 'threshold': 4, 'multiplierPercent': 110}]}");
        List<Instant> visits = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            visits.add(NOW.minus(Duration.ofDays(d * 5L)));
        }
        visits.add(NOW.minus(Duration.ofDays(31))); // outside the window
        List<Award> awards = new LoyaltyEngine()
                .evaluate(
                        new VisitOpened(false),
                        member(Optional.empty(), List.of(), visits),
                        rules,
                        CampaignRulesTest.at(NOW, List.of()));
        assertEquals(
                List.of(new Award.TierChanged("none", "regular", Award.Why.NONE)),
                Awards.plain(awards),
                "3 visits in 30 days plus this one reach 4 (graceDays defaults to 0)");
    }

    @Test
    void aTiersMultiplierAppliesToPointsCampaignsRoundedDown() {
        CampaignBundle rules =
                CampaignRulesTest.bundle("{'id': 'points', 'type': 'points', 'pointsPerUnit': 1}", LADDER);
        ReceiptScanned receipt = new ReceiptScanned("r1", 1299);
        assertEquals(
                List.of(new Award.PointsAwarded("points", 18)),
                Awards.plain(new LoyaltyEngine()
                        .evaluate(
                                receipt,
                                member(Optional.of("gold"), List.of(), List.of()),
                                rules,
                                CampaignRulesTest.at(NOW, List.of()))),
                "12.99 earns 12 points, x150% for gold = 18");
    }

    @Test
    void aVisitsThresholdAboveWhatTheTerminalReadsIsRefusedWithThePath() {
        CampaignFileException e = Assertions.assertThrows(
                CampaignFileException.class,
                () -> CampaignRulesTest.bundle(
                        "",
                        ", 'tiers': {'qualifyBy': 'visits', 'windowDays': 365, 'levels': ["
                                + "{'id': 'loyal', 'name': 'Loyal', 'threshold': 500}]}"));
        Assertions.assertTrue(
                e.getMessage().contains("tiers.levels") && e.getMessage().contains("500 visits is never reached"),
                e.getMessage());
    }
}
