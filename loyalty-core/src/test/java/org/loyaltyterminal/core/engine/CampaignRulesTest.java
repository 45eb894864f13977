package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignBundleReader;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** The worked examples of docs/campaign-format.md (format 3), each loaded from JSON and evaluated. */
class CampaignRulesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Friday 2026-06-12, 17:30 in Berlin (UTC+2)
    static final Instant FRIDAY_1730 = Instant.parse("2026-06-12T15:30:00Z");
    static final Instant FRIDAY_1900 = Instant.parse("2026-06-12T17:00:00Z");

    private final LoyaltyEngine engine = new LoyaltyEngine();

    static CampaignBundle bundle(String campaignsJson, String extra) {
        String json = ("{'format': 3, 'version': 9, 'products': ["
                        + "{'code': '4001', 'category': 'coffee', 'name': 'Beans', 'priceCents': 800},"
                        + "{'code': '4002', 'category': 'tobacco', 'name': 'Cigarettes', 'priceCents': 900},"
                        + "{'code': '4003', 'category': 'bakery', 'name': 'Croissant', 'priceCents': 200}],"
                        + "'campaigns': [" + campaignsJson + "]" + extra + "}")
                .replace('\'', '"');
        return new CampaignBundleReader().parse(json, "test.json");
    }

    static Situation at(Instant at, List<ItemScanned> earlier) {
        return new Situation("store-1", "till-01", BERLIN, RuleTime.trusted(at), "visit-1", earlier);
    }

    List<Award> run(CampaignBundle rules, VisitInput input, MemberState member, Situation situation) {
        return engine.evaluate(input, member, rules, situation);
    }

    @Test
    void happyHourCountsOnlyInsideItsHoursInTheStoreZone() {
        CampaignBundle rules = bundle(
                "{'id': 'happy-hour', 'type': 'points', 'pointsPerUnit': 2,"
                        + "'schedule': {'days': ['FRI'], 'from': '17:00', 'until': '19:00'}}",
                "");
        ReceiptScanned receipt = new ReceiptScanned("r1", 1000);

        assertEquals(
                List.of(new Award.PointsAwarded("happy-hour", 20)),
                Awards.plain(run(rules, receipt, MemberState.empty(), at(FRIDAY_1730, List.of()))),
                "17:30 Friday is inside");
        assertEquals(
                List.of(),
                run(rules, receipt, MemberState.empty(), at(FRIDAY_1900, List.of())),
                "19:00 is the exclusive end");
        assertEquals(
                List.of(),
                run(rules, receipt, MemberState.empty(), at(FRIDAY_1730.plusSeconds(86_400), List.of())),
                "Saturday is not a listed day");
    }

    @Test
    void scopeLimitsACampaignToItsStoresAndTerminals() {
        CampaignBundle rules = bundle(
                "{'id': 'store-2-only', 'type': 'points', 'pointsPerUnit': 1," + "'scope': {'stores': ['store-2']}}",
                "");
        assertEquals(
                List.of(), run(rules, new ReceiptScanned("r", 500), MemberState.empty(), at(FRIDAY_1730, List.of())));
        Situation store2 = new Situation("store-2", "till-07", BERLIN, RuleTime.trusted(FRIDAY_1730), "v", List.of());
        assertEquals(
                5,
                run(rules, new ReceiptScanned("r", 500), MemberState.empty(), store2)
                        .getFirst()
                        .pointsDelta());
    }

    @Test
    void excludedCategoriesComeOffTheReceiptAndMultipliersAddOn() {
        CampaignBundle rules = bundle(
                "{'id': 'points', 'type': 'points', 'pointsPerUnit': 1,"
                        + "'excludedCategories': ['tobacco'], 'categoryMultipliers': {'coffee': 3}}",
                "");
        List<ItemScanned> items = List.of(new ItemScanned("4001", 1), new ItemScanned("4002", 1));
        // 2000 receipt - 900 tobacco = 1100; coffee 800 counts 3 times: + 1600 = 2700 cents -> 27 points
        List<Award> awards = run(rules, new ReceiptScanned("r", 2000), MemberState.empty(), at(FRIDAY_1730, items));
        assertEquals(List.of(new Award.PointsAwarded("points", 27)), Awards.plain(awards));
        assertEquals("points.receipt", awards.getFirst().why().rule());
        assertEquals(
                "receipt 2000 cents less 900 excluded plus 1600 for multipliers x 1 / 100, down",
                awards.getFirst().why().detail());
    }

    @Test
    void itemsBasisCountsOnlyQualifyingPricedItems() {
        CampaignBundle rules = bundle(
                "{'id': 'bakery-points', 'type': 'points', 'basis': 'items', 'pointsPerUnit': 10,"
                        + "'qualifying': {'categories': ['bakery']}}",
                "");
        List<ItemScanned> items = List.of(new ItemScanned("4001", 1), new ItemScanned("4003", 2));
        assertEquals(
                List.of(new Award.PointsAwarded("bakery-points", 40)),
                Awards.plain(run(rules, new ReceiptScanned("r", 1200), MemberState.empty(), at(FRIDAY_1730, items))));
    }

    @Test
    void pointsPerItemSkipExcludedCategories() {
        CampaignBundle rules = bundle(
                "{'id': 'per-item', 'type': 'points', 'pointsPerItem': 5," + "'excludedCategories': ['tobacco']}", "");
        assertEquals(
                List.of(new Award.PointsAwarded("per-item", 10)),
                Awards.plain(run(rules, new ItemScanned("4001", 2), MemberState.empty(), at(FRIDAY_1730, List.of()))));
        assertEquals(
                List.of(), run(rules, new ItemScanned("4002", 1), MemberState.empty(), at(FRIDAY_1730, List.of())));
    }

    @Test
    void exclusiveCampaignsResolveByPriorityAndStackingCampaignsStack() {
        String base = "{'id': 'base', 'type': 'points', 'pointsPerUnit': 1}";
        String doubleDay =
                "{'id': 'double-day', 'type': 'points', 'pointsPerUnit': 2, 'exclusive': true, 'priority': 5}";
        String triple = "{'id': 'triple', 'type': 'points', 'pointsPerUnit': 3, 'exclusive': true, 'priority': 9}";
        ReceiptScanned receipt = new ReceiptScanned("r", 1000);
        assertEquals(
                List.of(new Award.PointsAwarded("base", 10), new Award.PointsAwarded("per-visit", 1)),
                Awards.plain(run(
                        bundle(
                                base + ", {'id': 'per-visit', 'type': 'points', 'pointsPerUnit': 1, 'unitCents': 1000}",
                                ""),
                        receipt,
                        MemberState.empty(),
                        at(FRIDAY_1730, List.of()))),
                "non-exclusive campaigns stack");
        assertEquals(
                List.of(new Award.PointsAwarded("triple", 30)),
                Awards.plain(run(
                        bundle(base + "," + doubleDay + "," + triple, ""),
                        receipt,
                        MemberState.empty(),
                        at(FRIDAY_1730, List.of()))),
                "the highest exclusive wins alone");
    }

    @Test
    void limitsCutAnAwardToWhatIsLeftForTheDay() {
        CampaignBundle rules =
                bundle("{'id': 'points', 'type': 'points', 'pointsPerUnit': 1, 'limits': {'perDay': 50}}", "");
        MemberHistory history = new MemberHistory(
                Optional.empty(),
                List.of(),
                Map.of("points", new MemberHistory.Tally(0, 40, 0, Optional.of(FRIDAY_1730.minusSeconds(600)))),
                List.of(new PastAward("points", 0, 40, 0, FRIDAY_1730.minusSeconds(600), "visit-0", "till-02")));
        MemberState member = new MemberState(40, Map.of(), history);
        List<Award> awards = run(rules, new ReceiptScanned("r", 3000), member, at(FRIDAY_1730, List.of()));
        assertEquals(List.of(new Award.PointsAwarded("points", 10)), Awards.plain(awards));
        assertTrue(
                awards.getFirst().why().detail().endsWith("cut to the limit"),
                awards.getFirst().why().detail());
        MemberHistory nextDay =
                new MemberHistory(Optional.empty(), List.of(), history.tallies(), history.recentAwards());
        assertEquals(
                30,
                run(
                                rules,
                                new ReceiptScanned("r", 3000),
                                new MemberState(40, Map.of(), nextDay),
                                at(FRIDAY_1730.plusSeconds(86_400), List.of()))
                        .getFirst()
                        .pointsDelta(),
                "a new day, a new cap");
    }

    @Test
    void bonusesWelcomeBirthdayAndNthVisit() {
        CampaignBundle rules = bundle(
                "{'id': 'welcome', 'type': 'bonus', 'trigger': 'welcome', 'points': 100},"
                        + "{'id': 'birthday', 'type': 'bonus', 'trigger': 'birthday', 'points': 50},"
                        + "{'id': 'third-visit', 'type': 'bonus', 'trigger': 'nth-visit', 'n': 3, 'period': 'week', 'points': 30}",
                "");
        assertEquals(
                List.of(new Award.BonusAwarded("welcome", 100, Award.Why.NONE)),
                Awards.plain(run(rules, new VisitOpened(true), MemberState.empty(), at(FRIDAY_1730, List.of()))));
        MemberHistory birthday = new MemberHistory(Optional.of(MonthDay.of(6, 12)), List.of(), Map.of(), List.of());
        assertEquals(
                List.of(new Award.BonusAwarded("birthday", 50, Award.Why.NONE)),
                Awards.plain(run(
                        rules,
                        new VisitOpened(false),
                        new MemberState(0, Map.of(), birthday),
                        at(FRIDAY_1730, List.of()))));
        // Monday and Wednesday of the same week, then Friday: the third visit
        MemberHistory twoVisits = new MemberHistory(
                Optional.empty(),
                List.of(Instant.parse("2026-06-08T09:00:00Z"), Instant.parse("2026-06-10T09:00:00Z")),
                Map.of(),
                List.of());
        assertEquals(
                List.of(new Award.BonusAwarded("third-visit", 30, Award.Why.NONE)),
                Awards.plain(run(
                        rules,
                        new VisitOpened(false),
                        new MemberState(0, Map.of(), twoVisits),
                        at(FRIDAY_1730, List.of()))));
    }

    @Test
    void buyThreeGetAVoucherOnTheThirdQualifyingItem() {
        CampaignBundle rules = bundle(
                "{'id': 'croissant-3', 'type': 'buy-x-get-y', 'qualifying': {'categories': ['bakery']},"
                        + "'buy': 3, 'voucher': 'free-croissant'}",
                ", 'rewards': [{'id': 'free-croissant', 'slot': 3,"
                        + "'text': 'Free croissant', 'valueCents': 200, 'validDays': 14}]");
        List<ItemScanned> two = List.of(new ItemScanned("4003", 1), new ItemScanned("4003", 1));
        assertEquals(
                List.of(),
                run(rules, new ItemScanned("4003", 1), MemberState.empty(), at(FRIDAY_1730, two.subList(0, 1))));
        assertEquals(
                List.of(new Award.VoucherEarned("croissant-3", "free-croissant", Award.Why.NONE)),
                Awards.plain(run(rules, new ItemScanned("4003", 1), MemberState.empty(), at(FRIDAY_1730, two))));
    }

    @Test
    void minimumIntervalWithholdsANewVisitAtTheSameTerminalAndSuspiciousVisitsAreFlagged() {
        CampaignBundle rules = bundle(
                "{'id': 'points', 'type': 'points', 'pointsPerUnit': 1}",
                ", 'safeguards': {'minIntervalSeconds': 300, 'suspiciousVisitsPerDay': 2}");
        MemberHistory recent = new MemberHistory(
                Optional.empty(),
                List.of(FRIDAY_1730.minusSeconds(3600), FRIDAY_1730.minusSeconds(120)),
                Map.of(),
                List.of(new PastAward("points", 0, 5, 0, FRIDAY_1730.minusSeconds(120), "visit-0", "till-01")));
        MemberState member = new MemberState(5, Map.of(), recent);
        assertEquals(
                List.of(),
                run(rules, new ReceiptScanned("r", 1000), member, at(FRIDAY_1730, List.of())),
                "2 minutes after an award in another visit at this terminal");
        Situation otherTill =
                new Situation("store-1", "till-02", BERLIN, RuleTime.trusted(FRIDAY_1730), "visit-1", List.of());
        assertEquals(
                10,
                run(rules, new ReceiptScanned("r", 1000), member, otherTill)
                        .getFirst()
                        .pointsDelta(),
                "another terminal is not held back");
        List<Award> opened = run(rules, new VisitOpened(false), member, otherTill);
        assertEquals(1, opened.size(), "the third visit today is flagged: " + opened);
        assertEquals("safeguard.suspicious-visits", opened.getFirst().why().rule());
    }

    @Test
    void anUntrustedClockUsesTheLastTrustedTimePlusMonotonicTimeAndFlagsTheAward() {
        Instant trustedAt = FRIDAY_1730;
        RuleTime.Anchor anchor = new RuleTime.Anchor(trustedAt, 1_000_000_000L);
        // the wall clock jumped back to 1970; 10 minutes of monotonic time passed since the anchor
        RuleTime time = RuleTime.resolve(Instant.EPOCH, false, 1_000_000_000L + 600_000_000_000L, Optional.of(anchor));
        assertEquals(new RuleTime(trustedAt.plusSeconds(600), false), time);
        assertEquals(
                new RuleTime(Instant.EPOCH, false),
                RuleTime.resolve(Instant.EPOCH, false, 5, Optional.empty()),
                "no trusted reading this boot: the raw clock, flagged");

        CampaignBundle rules = bundle(
                "{'id': 'happy-hour', 'type': 'points', 'pointsPerUnit': 2,"
                        + "'schedule': {'from': '17:00', 'until': '19:00'}}",
                "");
        List<Award> awards = engine.evaluate(
                new ReceiptScanned("r", 1000),
                MemberState.empty(),
                rules,
                new Situation("store-1", "till-01", BERLIN, time, "v", List.of()));
        assertEquals(20, awards.getFirst().pointsDelta(), "17:40 by the anchored time is happy hour");
        assertTrue(awards.getFirst().why().clockUntrusted(), "the award says the clock was not trusted");
    }
}
