package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsExpiry;
import org.loyaltyterminal.core.campaign.Safeguards;
import org.loyaltyterminal.core.campaign.Tiers;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.MemberHistory.PointsMovement;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** A visit's opening upkeep, part by part and together: the flag, expired lots and cards, the tier. */
class AccountUpkeepTest {
    // Friday 2026-06-12, 17:30 in Berlin (UTC+2)
    static final Instant NOW = CampaignRulesTest.FRIDAY_1730;
    static final Situation HERE = CampaignRulesTest.at(NOW, List.of());

    static MemberHistory visits(Instant... earlier) {
        return new MemberHistory(Optional.empty(), List.of(earlier), Map.of(), List.of());
    }

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void theFlagIsRaisedOnceOnTheFirstVisitOverTheLimitOfTheStoresDay() {
        Safeguards twoADay = new Safeguards(Optional.empty(), OptionalInt.of(2));
        Instant justAfterMidnightInBerlin = Instant.parse("2026-06-11T22:30:00Z");
        Instant justBeforeMidnightInBerlin = Instant.parse("2026-06-11T21:59:00Z");

        assertEquals(
                Optional.empty(),
                SuspiciousVisitFlag.at(twoADay, visits(justBeforeMidnightInBerlin, NOW.minusSeconds(60)), HERE),
                "a visit on the evening before is another store day");
        assertEquals(
                Optional.of(new Award.ActivityFlagged(
                        "",
                        new Why(
                                "safeguard.suspicious-visits",
                                "3 visits by this card on 2026-06-12, more than 2",
                                false))),
                SuspiciousVisitFlag.at(twoADay, visits(justAfterMidnightInBerlin, NOW.minusSeconds(60)), HERE),
                "00:30 in Berlin is today");
        assertEquals(
                Optional.empty(),
                SuspiciousVisitFlag.at(
                        twoADay, visits(justAfterMidnightInBerlin, NOW.minusSeconds(120), NOW.minusSeconds(60)), HERE),
                "raised once: not again on the fourth visit");
        assertEquals(
                Optional.empty(),
                SuspiciousVisitFlag.at(Safeguards.NONE, visits(NOW.minusSeconds(120), NOW.minusSeconds(60)), HERE),
                "no limit, no flag");
    }

    @Test
    void lotsOldEnoughExpireTogetherButNeverMoreThanTheBalance() {
        Optional<PointsExpiry> aYear = Optional.of(new PointsExpiry(365));
        List<PointsMovement> ledger = List.of(
                new PointsMovement(daysAgo(400), 100, true),
                new PointsMovement(daysAgo(370), 50, true),
                new PointsMovement(daysAgo(10), 30, true));
        MemberHistory history =
                new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of(), ledger, Optional.empty());

        assertEquals(
                Optional.of(new Award.PointsExpired(
                        150,
                        new Why(
                                "points.expiry",
                                "150 points earned more than 365 days ago: 100 of 2025-05-08, 50 of 2025-06-07",
                                false))),
                LotExpiry.at(aYear, new MemberState(180, Map.of(), history), HERE));
        assertEquals(
                -120,
                LotExpiry.at(aYear, new MemberState(120, Map.of(), history), HERE)
                        .orElseThrow()
                        .pointsDelta(),
                "a balance below the lots caps what expires");
        assertEquals(Optional.empty(), LotExpiry.at(Optional.empty(), new MemberState(180, Map.of(), history), HERE));
    }

    @Test
    void aTierChangeIsWordedAsAnUpgradeOrADowngrade() {
        Tiers ladder = CampaignRulesTest.bundle("{'id': 'p', 'type': 'points', 'pointsPerUnit': 1}", TiersTest.LADDER)
                .programme()
                .tiers();
        MemberHistory upToGold = new MemberHistory(
                Optional.empty(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(new PointsMovement(daysAgo(10), 1200, true)),
                Optional.of("silver"));
        MemberHistory lapsedGold = new MemberHistory(
                Optional.empty(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(new PointsMovement(daysAgo(405), 1000, true)),
                Optional.of("gold"));

        Award up = TierEvaluation.changedAt(ladder, upToGold, HERE).orElseThrow();
        Award down = TierEvaluation.changedAt(ladder, lapsedGold, HERE).orElseThrow();

        assertEquals(new Award.TierChanged("silver", "gold", Why.NONE), Awards.plain(up));
        assertEquals("tier.upgrade", up.why().rule());
        assertEquals(
                TierEvaluation.atVisit(ladder, upToGold, NOW).orElseThrow().detail(),
                up.why().detail(),
                "the evaluation's own explanation");
        assertEquals(new Award.TierChanged("gold", "silver", Why.NONE), Awards.plain(down));
        assertEquals("tier.downgrade", down.why().rule());
    }

    @Test
    void allOfItInOrderAtTheOpeningAndTheMinimumIntervalDoesNotHoldItBack() {
        CampaignBundle rules = CampaignRulesTest.bundle(
                "{'id': 'welcome', 'type': 'bonus', 'trigger': 'welcome', 'points': 100},"
                        + "{'id': 'bakery-card', 'type': 'stamp-card', 'qualifying': {'categories': ['bakery']},"
                        + " 'cardSize': 10, 'reward': 'free croissant', 'expiresAfterDays': 90}",
                ", 'safeguards': {'minIntervalSeconds': 300, 'suspiciousVisitsPerDay': 1},"
                        + " 'pointsExpiry': {'afterDays': 365}"
                        + TiersTest.LADDER);
        MemberState member = new MemberState(
                100,
                Map.of("bakery-card", 3),
                new MemberHistory(
                        Optional.empty(),
                        List.of(NOW.minusSeconds(120)),
                        Map.of(),
                        List.of(new PastAward("welcome", 0, 100, 0, NOW.minusSeconds(120), "visit-0", "till-01")),
                        List.of(new PointsMovement(daysAgo(400), 100, true)),
                        Optional.empty(),
                        Map.of("bakery-card", daysAgo(100))));

        List<Award> upkeep = AccountUpkeep.atOpening(member, rules, HERE);

        assertEquals(
                List.of("safeguard.suspicious-visits", "points.expiry", "stamp-card.expiry", "tier.upgrade"),
                upkeep.stream().map(a -> a.why().rule()).toList());
        LoyaltyEngine engine = new LoyaltyEngine();
        assertEquals(
                upkeep,
                engine.evaluate(new VisitOpened(true), member, rules, HERE),
                "two minutes after an award at this till: the welcome is withheld, the upkeep is not");
        Situation otherTill = new Situation(
                "store-1", "till-02", CampaignRulesTest.BERLIN, RuleTime.trusted(NOW), "visit-1", List.of());
        List<Award> elsewhere = engine.evaluate(new VisitOpened(true), member, rules, otherTill);
        assertEquals(upkeep, elsewhere.subList(0, 4), "at another till the upkeep comes first");
        assertEquals(List.of(new Award.BonusAwarded("welcome", 100, Why.NONE)), Awards.plain(elsewhere.subList(4, 5)));
        assertEquals(5, elsewhere.size());
    }
}
