package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BonusTrigger;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignTerms;
import org.loyaltyterminal.core.campaign.Limits;
import org.loyaltyterminal.core.campaign.PointsBasis;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Qualifier;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.campaign.Rounding;
import org.loyaltyterminal.core.campaign.Schedule;
import org.loyaltyterminal.core.campaign.Scope;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.campaign.ValidityWindow;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;

/** Invariants of the engine over generated bundles and visits. */
class EnginePropertiesTest {
    static final Instant AT = Instant.parse("2026-06-12T15:30:00Z");
    static final Map<String, Product> PRODUCTS = Map.of(
            "a", new Product("a", "coffee", "A", OptionalLong.of(350)),
            "b", new Product("b", "tobacco", "B", OptionalLong.of(900)),
            "c", new Product("c", "bakery", "C", OptionalLong.of(120)));

    private final LoyaltyEngine engine = new LoyaltyEngine();

    @Provide
    Arbitrary<List<Campaign>> campaigns() {
        Arbitrary<Campaign> points = Arbitraries.integers()
                .between(0, 999)
                .flatMap(n -> Arbitraries.integers()
                        .between(-3, 3)
                        .flatMap(priority -> Arbitraries.of(true, false)
                                .flatMap(exclusive -> Arbitraries.longs()
                                        .between(1, 60)
                                        .map(cap -> (Campaign) new PointsCampaign(
                                                "p" + n,
                                                ValidityWindow.always(),
                                                1 + n % 5,
                                                100,
                                                n % 2 == 0 ? Rounding.DOWN : Rounding.HALF_UP,
                                                n % 3 == 0 ? PointsBasis.ITEMS : PointsBasis.RECEIPT,
                                                n % 4,
                                                Qualifier.ANY,
                                                Map.of("coffee", 1 + n % 3),
                                                n % 2 == 0 ? Set.of("tobacco") : Set.of(),
                                                new CampaignTerms(
                                                        priority,
                                                        exclusive,
                                                        Scope.CHAIN,
                                                        Schedule.ALWAYS,
                                                        new Limits(
                                                                OptionalLong.empty(),
                                                                OptionalLong.of(cap),
                                                                OptionalLong.empty())))))));
        Arbitrary<Campaign> cards = Arbitraries.integers()
                .between(0, 999)
                .flatMap(n -> Arbitraries.integers().between(-3, 3).map(priority -> (Campaign) new StampCardCampaign(
                        "s" + n,
                        ValidityWindow.always(),
                        new Qualifier(Set.of("a", "c"), Set.of()),
                        1 + n % 3,
                        2 + n % 9,
                        "reward",
                        Optional.empty(),
                        new CampaignTerms(
                                priority,
                                n % 5 == 0,
                                Scope.CHAIN,
                                Schedule.ALWAYS,
                                new Limits(OptionalLong.of(4 + n % 7), OptionalLong.empty(), OptionalLong.empty())))));
        return Arbitraries.oneOf(points, cards).list().ofMinSize(1).ofMaxSize(8).uniqueElements(Campaign::id);
    }

    @Provide
    Arbitrary<List<ItemScanned>> items() {
        return Arbitraries.of("a", "b", "c", "x")
                .flatMap(code -> Arbitraries.integers().between(1, 5).map(q -> new ItemScanned(code, q)))
                .list()
                .ofMaxSize(30);
    }

    /** Replays a visit (items then receipt) against the member's state, as the store would. */
    private MemberState visit(
            List<Campaign> campaigns, List<ItemScanned> items, long receiptCents, MemberState start, List<Award> all) {
        CampaignBundle rules = new CampaignBundle(3, 1, PRODUCTS, campaigns);
        MemberState member = start;
        List<ItemScanned> earlier = new ArrayList<>();
        List<PastAward> past = new ArrayList<>();
        for (VisitInput input : inputs(items, receiptCents)) {
            Situation situation =
                    new Situation("s", "t", ZoneId.of("Europe/Berlin"), RuleTime.trusted(AT), "v", earlier);
            List<Award> awards = engine.evaluate(input, member, rules, situation);
            all.addAll(awards);
            for (Award a : awards) {
                past.add(new PastAward(
                        a.campaignId(),
                        a instanceof Award.StampsAwarded ? a.stampsDelta() : 0,
                        a.pointsDelta(),
                        0,
                        AT,
                        "v",
                        "t"));
            }
            member = member.after(awards);
            member = new MemberState(
                    member.points(),
                    member.stampsOnCard(),
                    new MemberHistory(Optional.empty(), List.of(), Map.of(), past));
            if (input instanceof ItemScanned item) {
                earlier.add(item);
            }
        }
        return member;
    }

    private static List<VisitInput> inputs(List<ItemScanned> items, long receiptCents) {
        List<VisitInput> inputs = new ArrayList<>(items);
        inputs.add(new ReceiptScanned("r", receiptCents));
        return inputs;
    }

    @Property(tries = 300)
    void balancesNeverGoNegativeAndNoAwardIsNegative(
            @ForAll("campaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = -5000, max = 100_000) long receipt) {
        List<Award> all = new ArrayList<>();
        MemberState end = visit(campaigns, items, receipt, MemberState.empty(), all);
        if (end.points() < 0 || end.stampsOnCard().values().stream().anyMatch(s -> s < 0)) {
            throw new AssertionError("negative balance " + end + " after " + all);
        }
        for (Award a : all) {
            if ((a instanceof Award.PointsAwarded p && p.points() <= 0)
                    || (a instanceof Award.StampsAwarded s && s.stamps() <= 0)) {
                throw new AssertionError("an award of nothing or less: " + a);
            }
        }
    }

    @Property(tries = 300)
    void capsAreNeverExceeded(
            @ForAll("campaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = 0, max = 100_000) long receipt) {
        List<Award> all = new ArrayList<>();
        visit(campaigns, items, receipt, MemberState.empty(), all);
        for (Campaign c : campaigns) {
            long points = all.stream()
                    .filter(a -> a.campaignId().equals(c.id()))
                    .mapToLong(Award::pointsDelta)
                    .sum();
            long stamps = all.stream()
                    .filter(a -> a.campaignId().equals(c.id()) && a instanceof Award.StampsAwarded)
                    .mapToLong(Award::stampsDelta)
                    .sum();
            Limits limits = c.terms().limits();
            if (limits.perDay().isPresent() && points > limits.perDay().getAsLong()) {
                throw new AssertionError(
                        c.id() + " awarded " + points + " points over its daily cap " + limits.perDay());
            }
            if (limits.perVisit().isPresent() && stamps > limits.perVisit().getAsLong()) {
                throw new AssertionError(
                        c.id() + " awarded " + stamps + " stamps over its visit cap " + limits.perVisit());
            }
        }
    }

    @Property(tries = 300)
    void theOrderOfCampaignsInTheFileDoesNotChangeTheAwards(
            @ForAll("campaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = 0, max = 100_000) long receipt,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        List<Campaign> shuffled = new ArrayList<>(campaigns);
        Collections.shuffle(shuffled, new Random(seed));
        List<Award> first = new ArrayList<>();
        List<Award> second = new ArrayList<>();
        MemberState a = visit(campaigns, items, receipt, MemberState.empty(), first);
        MemberState b = visit(shuffled, items, receipt, MemberState.empty(), second);
        if (!first.equals(second)
                || a.points() != b.points()
                || !a.stampsOnCard().equals(b.stampsOnCard())) {
            throw new AssertionError("file order changed the awards:\n  " + first + "\n  " + second);
        }
    }

    @Property(tries = 200)
    void theSameInputTwiceGivesTheSameAwards(
            @ForAll("campaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = 0, max = 100_000) long receipt) {
        CampaignBundle rules = new CampaignBundle(3, 1, PRODUCTS, campaigns);
        Situation situation = new Situation("s", "t", ZoneId.of("UTC"), RuleTime.trusted(AT), "v", items);
        List<Award> once = engine.evaluate(new ReceiptScanned("r", receipt), MemberState.empty(), rules, situation);
        List<Award> twice = engine.evaluate(new ReceiptScanned("r", receipt), MemberState.empty(), rules, situation);
        if (!once.equals(twice)) {
            throw new AssertionError("a pure function gave two answers: " + once + " / " + twice);
        }
    }

    /** Campaigns of every kind qualifying by code, by category or on anything, some exclusive, some capped. */
    @Provide
    Arbitrary<List<Campaign>> mixedCampaigns() {
        Arbitrary<Qualifier> qualifiers = Arbitraries.of(
                Qualifier.ANY,
                new Qualifier(Set.of("a"), Set.of()),
                new Qualifier(Set.of("b", "x"), Set.of()),
                new Qualifier(Set.of(), Set.of("coffee")),
                new Qualifier(Set.of("c"), Set.of("bakery", "coffee")));
        Arbitrary<CampaignTerms> terms = Arbitraries.integers()
                .between(-2, 2)
                .flatMap(priority -> Arbitraries.integers()
                        .between(0, 5)
                        .map(n -> new CampaignTerms(
                                priority,
                                n == 0,
                                Scope.CHAIN,
                                Schedule.ALWAYS,
                                n == 1
                                        ? new Limits(OptionalLong.of(3), OptionalLong.empty(), OptionalLong.empty())
                                        : Limits.NONE)));
        Arbitrary<Campaign> campaign = Arbitraries.integers()
                .between(0, 9999)
                .flatMap(n -> qualifiers.flatMap(q -> terms.map(t -> (Campaign)
                        switch (n % 4) {
                            case 0 ->
                                new StampCardCampaign(
                                        "s" + n,
                                        ValidityWindow.always(),
                                        q.any() ? new Qualifier(Set.of(), Set.of("bakery")) : q,
                                        1,
                                        3,
                                        "reward",
                                        Optional.empty(),
                                        t);
                            case 1 ->
                                new PointsCampaign(
                                        "p" + n,
                                        ValidityWindow.always(),
                                        n % 3,
                                        100,
                                        Rounding.DOWN,
                                        n % 2 == 0 ? PointsBasis.ITEMS : PointsBasis.RECEIPT,
                                        1 + n % 2,
                                        q,
                                        Map.of("coffee", 2),
                                        n % 5 == 0 ? Set.of("tobacco") : Set.of(),
                                        t);
                            case 2 ->
                                new BuyXGetYCampaign(
                                        "b" + n,
                                        ValidityWindow.always(),
                                        q.any() ? new Qualifier(Set.of("a"), Set.of()) : q,
                                        2,
                                        "gift",
                                        t);
                            default ->
                                new BonusCampaign("w" + n, ValidityWindow.always(), new BonusTrigger.Welcome(), 10, t);
                        })));
        return campaign.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Campaign::id);
    }

    @Property(tries = 300)
    void theIndexAsksExactlyTheCampaignsThatCouldAward(
            @ForAll("mixedCampaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = 0, max = 50_000) long receipt) {
        CampaignBundle rules = new CampaignBundle(
                3,
                1,
                PRODUCTS,
                campaigns,
                List.of(new Reward(
                        "gift",
                        1,
                        "Gift",
                        100,
                        30,
                        Optional.empty(),
                        Optional.empty(),
                        RewardScope.CHAIN,
                        Optional.empty())));
        List<VisitInput> inputs = new ArrayList<>();
        inputs.add(new VisitInput.VisitOpened(true));
        inputs.addAll(inputs(items, receipt));
        List<ItemScanned> earlier = new ArrayList<>();
        MemberState member = MemberState.empty();
        for (VisitInput input : inputs) {
            Situation situation = new Situation("s", "t", ZoneId.of("UTC"), RuleTime.trusted(AT), "v", earlier);
            List<Award> indexed = engine.evaluate(input, member, rules, situation);
            List<Award> everyCampaign = engine.evaluateWithoutIndex(input, member, rules, situation);
            if (!indexed.equals(everyCampaign)) {
                throw new AssertionError("on " + input + " the index gave " + indexed
                        + " but asking every campaign gave " + everyCampaign);
            }
            member = member.after(indexed);
            if (input instanceof ItemScanned item) {
                earlier.add(item);
            }
        }
    }

    @Property(tries = 300)
    void refundsThatAddUpToTheReceiptRestoreTheBalanceAndNeverGoBelowZero(
            @ForAll("campaigns") List<Campaign> campaigns,
            @ForAll("items") List<ItemScanned> items,
            @ForAll @LongRange(min = 1, max = 100_000) long receipt,
            @ForAll @LongRange(min = 0, max = 500) long startPoints,
            @ForAll("splits") List<Integer> weights) {
        List<Award> all = new ArrayList<>();
        MemberState start = new MemberState(startPoints, Map.of());
        MemberState afterSale = visit(campaigns, items, receipt, start, all);
        boolean completed = all.stream().anyMatch(a -> a instanceof Award.StampCardCompleted);
        Map<String, long[]> earnedBy = new LinkedHashMap<>();
        for (Award a : all) {
            long[] e = earnedBy.computeIfAbsent(a.campaignId(), k -> new long[2]);
            if (a instanceof Award.StampsAwarded s) {
                e[0] += s.stamps();
            } else if (a instanceof Award.PointsAwarded p) {
                e[1] += p.points();
            }
        }
        // split the receipt into parts proportional to the weights, the last part taking the rest
        long total = weights.stream().mapToLong(Integer::longValue).sum();
        long refunded = 0;
        Map<String, long[]> reversed = new HashMap<>();
        MemberState now = afterSale;
        for (int i = 0; i < weights.size(); i++) {
            long part = i == weights.size() - 1 ? receipt - refunded : receipt * weights.get(i) / total;
            List<RefundReversal.Earned> earned = earnedBy.entrySet().stream()
                    .map(e -> {
                        long[] back = reversed.getOrDefault(e.getKey(), new long[2]);
                        return new RefundReversal.Earned(
                                e.getKey(), e.getValue()[0], e.getValue()[1], back[0], back[1]);
                    })
                    .toList();
            List<RefundReversal.Taken> taken = RefundReversal.reverse(
                    earned, OptionalLong.of(receipt), refunded, part, now.points(), now.stampsOnCard());
            refunded += part;
            long points = now.points();
            Map<String, Integer> stamps = new HashMap<>(now.stampsOnCard());
            for (RefundReversal.Taken t : taken) {
                points -= t.points();
                stamps.merge(t.campaignId(), -t.stamps(), Integer::sum);
                long[] back = reversed.computeIfAbsent(t.campaignId(), k -> new long[2]);
                back[0] += t.stamps();
                back[1] += t.points();
            }
            now = new MemberState(points, stamps); // throws on a negative stamp count
            if (points < 0) {
                throw new AssertionError("a refund took the balance below zero: " + points);
            }
        }
        if (now.points() != startPoints) {
            throw new AssertionError("refunds of " + weights + " parts left " + now.points() + " points, not the "
                    + startPoints + " before the sale; sale awards " + all);
        }
        if (!completed && now.stampsOnCard().values().stream().anyMatch(v -> v != 0)) {
            throw new AssertionError("stamps not restored: " + now.stampsOnCard());
        }
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 100).list().ofMinSize(1).ofMaxSize(5);
    }
}
