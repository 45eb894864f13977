package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BonusTrigger;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Limits;
import org.loyaltyterminal.core.campaign.PointsBasis;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.campaign.Tier;
import org.loyaltyterminal.core.engine.Award.ActivityFlagged;
import org.loyaltyterminal.core.engine.Award.BonusAwarded;
import org.loyaltyterminal.core.engine.Award.PointsAwarded;
import org.loyaltyterminal.core.engine.Award.StampCardCompleted;
import org.loyaltyterminal.core.engine.Award.StampsAwarded;
import org.loyaltyterminal.core.engine.Award.VoucherEarned;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/**
 * The loyalty rules as a pure function: no I/O, no clock, no state of its own. Same inputs,
 * same awards, so it can be tested exhaustively and replayed.
 *
 * <p>For one input, every campaign in force (validity window, scope, schedule) is asked what it
 * awards, in the bundle's order: priority high to low, then id (see {@link CampaignBundle}).
 * Campaigns stack, except that when a campaign marked exclusive awards something, the first such
 * campaign in that order is the only one that awards. Each campaign's award is then cut to its
 * limits. The minimum interval of the bundle's safeguards withholds every award of a visit that
 * follows the member's last award at this terminal too closely.
 *
 * <p>Speed: only the campaigns that can award on the input are asked ({@link CampaignIndex}, built
 * once per bundle): an item scan looks at the campaigns naming its code or category and those for
 * every item, not at all of them. {@code loyalty-simulators bench rules} measures it.
 */
public final class LoyaltyEngine {
    /**
     * A cache, not state: which campaigns can award on which input, for the last bundle evaluated
     * (the one in force). Immutable and published whole, so concurrent callers at worst build it twice.
     */
    private volatile CampaignIndex index;

    /** Awards for an input judged at a trusted instant in UTC, with no visit history (formats 1 and 2). */
    public List<Award> evaluate(VisitInput input, MemberState member, CampaignBundle rules, Instant at) {
        Objects.requireNonNull(at, "at");
        return evaluate(input, member, rules, Situation.at(at));
    }

    /**
     * Awards earned by one visit input.
     *
     * @param input     what was scanned
     * @param member    the member's balances and history before this input
     * @param rules     the campaigns in force and the product table
     * @param situation store, terminal, zone, rule time and the visit so far
     * @return awards in the bundle's order (within a stamp card: the stamps, then each card it
     *     completed); empty when nothing qualifies. Unmodifiable.
     * @throws AwardOverflowException when an award cannot be computed exactly
     */
    public List<Award> evaluate(VisitInput input, MemberState member, CampaignBundle rules, Situation situation) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rules, "rules");
        CampaignIndex index = index(rules);
        Optional<Product> scanned = scannedProduct(input, rules);
        return evaluate(input, member, rules, situation, scanned, index.candidates(input, scanned), index.limited());
    }

    /** An item scan's product, looked up once for the index and every campaign asked. */
    private static Optional<Product> scannedProduct(VisitInput input, CampaignBundle rules) {
        return input instanceof ItemScanned item ? rules.product(item.code()) : Optional.empty();
    }

    /** As {@link #evaluate(VisitInput, MemberState, CampaignBundle, Situation)}, asking every campaign: the index's reference. */
    List<Award> evaluateWithoutIndex(VisitInput input, MemberState member, CampaignBundle rules, Situation situation) {
        return evaluate(
                input,
                member,
                rules,
                situation,
                scannedProduct(input, rules),
                rules.campaigns(),
                index(rules).limited());
    }

    /** The index of the bundle last evaluated, rebuilt when the bundle in force changes. */
    private CampaignIndex index(CampaignBundle rules) {
        CampaignIndex current = index;
        if (current == null || !current.isFor(rules)) {
            current = CampaignIndex.of(rules);
            index = current;
        }
        return current;
    }

    private List<Award> evaluate(
            VisitInput input,
            MemberState member,
            CampaignBundle rules,
            Situation situation,
            Optional<Product> scanned,
            List<Campaign> candidates,
            java.util.Set<String> limited) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(situation, "situation");
        Instant at = situation.time().at();
        ZonedDateTime local = at.atZone(situation.zone());
        List<Award> awards = new ArrayList<>();
        Counts counts = new Counts(member.history(), situation, local, limited);
        if (input instanceof VisitOpened) {
            flagSuspicious(member, rules, situation, local, counts).ifPresent(awards::add);
            // Account upkeep, not awards: the safeguards' minimum interval does not hold them back.
            expire(member, rules, situation).ifPresent(awards::add);
            expireCards(member, rules, situation, awards);
            TierEvaluation.atVisit(rules.programme().tiers(), member.history(), at)
                    .map(c -> new Award.TierChanged(
                            c.from().map(t -> t.id()).orElse("none"),
                            c.to().map(t -> t.id()).orElse("none"),
                            new Why(
                                    c.to().isPresent()
                                                    && rules.programme().tiers().rank(c.to().map(t -> t.id()))
                                                            > rules.programme()
                                                                    .tiers()
                                                                    .rank(c.from()
                                                                            .map(t -> t.id()))
                                            ? "tier.upgrade"
                                            : "tier.downgrade",
                                    c.detail(),
                                    !situation.time().trusted())))
                    .ifPresent(awards::add);
        }
        if (withheld(member, rules, situation)) {
            return List.copyOf(awards);
        }
        Basket basket = new Basket(situation.earlierItems(), rules);
        List<Award> stacked = new ArrayList<>(candidates.size());
        Optional<Tier> tier = member.history()
                .tier()
                .flatMap(rules.programme().tiers()::level)
                .filter(t -> t.multiplierPercent() != 100);
        for (Campaign campaign : candidates) {
            if (!campaign.validity().contains(at)
                    || !campaign.terms().scope().includes(situation.storeId(), situation.terminalId())
                    || !campaign.terms().schedule().contains(local)) {
                continue;
            }
            int before = stacked.size();
            switch (campaign) {
                case StampCardCampaign card -> {
                    if (input instanceof ItemScanned item) {
                        stamp(card, item, scanned, member, counts, situation, stacked);
                    }
                }
                case PointsCampaign points -> {
                    switch (input) {
                        case ItemScanned item -> perItem(points, item, scanned, counts, situation, tier, stacked);
                        case ReceiptScanned receipt ->
                            onMoney(points, receipt, basket, counts, situation, tier, stacked);
                        case VisitOpened _ -> {}
                    }
                }
                case BonusCampaign bonus -> {
                    if (input instanceof VisitOpened opened) {
                        bonus(bonus, opened, member.history(), counts, situation, local, stacked);
                    }
                }
                case BuyXGetYCampaign buy -> {
                    if (input instanceof ItemScanned item) {
                        buyXGetY(buy, item, scanned, basket, counts, situation, stacked);
                    }
                }
            }
            if (stacked.size() > before && campaign.terms().exclusive()) {
                // the first exclusive campaign that awards wins alone
                List<Award> only = List.copyOf(stacked.subList(before, stacked.size()));
                stacked.clear();
                stacked.addAll(only);
                break;
            }
        }
        if (awards.isEmpty()) {
            return List.copyOf(stacked);
        }
        awards.addAll(stacked);
        return List.copyOf(awards);
    }

    private static Optional<Award> flagSuspicious(
            MemberState member, CampaignBundle rules, Situation situation, ZonedDateTime local, Counts counts) {
        if (rules.safeguards().suspiciousVisitsPerDay().isEmpty()) {
            return Optional.empty();
        }
        int limit = rules.safeguards().suspiciousVisitsPerDay().getAsInt();
        LocalDate today = local.toLocalDate();
        long earlierToday = 0;
        for (Instant visit : member.history().visits()) {
            if (counts.isToday(visit)) {
                earlierToday++;
            }
        }
        if (earlierToday != limit) {
            return Optional.empty(); // raised once: on the first visit over the limit
        }
        return Optional.of(new ActivityFlagged(
                "",
                new Why(
                        "safeguard.suspicious-visits",
                        (earlierToday + 1) + " visits by this card on " + today + ", more than " + limit,
                        !situation.time().trusted())));
    }

    /** The lots old enough to expire at this visit, as one movement naming their dates. */
    private static Optional<Award> expire(MemberState member, CampaignBundle rules, Situation situation) {
        if (rules.programme().pointsExpiry().isEmpty()) {
            return Optional.empty();
        }
        int days = rules.programme().pointsExpiry().get().afterDays();
        List<PointsLots.Lot> expired = PointsLots.of(member.history().pointsMovements())
                .expiredAt(situation.time().at(), java.time.Duration.ofDays(days));
        long points = expired.stream().mapToLong(PointsLots.Lot::points).sum();
        // Never more than the balance: the lots come from the ledger, the balance from the members
        // table; they agree (ConsistencyReport), but a disagreement must not go below zero.
        points = Math.min(points, member.points());
        if (points <= 0) {
            return Optional.empty();
        }
        StringBuilder detail = new StringBuilder(points + " points earned more than " + days + " days ago: ");
        for (int i = 0; i < expired.size(); i++) {
            detail.append(i == 0 ? "" : ", ")
                    .append(expired.get(i).points())
                    .append(" of ")
                    .append(expired.get(i).earnedAt().atZone(situation.zone()).toLocalDate());
        }
        return Optional.of(new Award.PointsExpired(
                points,
                new Why("points.expiry", detail.toString(), !situation.time().trusted())));
    }

    /** Unfinished cards whose first stamp is older than their campaign's expiresAfterDays lose their stamps. */
    private static void expireCards(MemberState member, CampaignBundle rules, Situation situation, List<Award> awards) {
        for (Campaign campaign : rules.campaigns()) {
            if (!(campaign instanceof StampCardCampaign card)
                    || card.expiresAfterDays().isEmpty()) {
                continue;
            }
            int stamps = member.stampsOn(card.id());
            Optional<Instant> started =
                    Optional.ofNullable(member.history().cardStarted().get(card.id()));
            int days = card.expiresAfterDays().getAsInt();
            if (stamps > 0
                    && started.isPresent()
                    && !started.get()
                            .plus(java.time.Duration.ofDays(days))
                            .isAfter(situation.time().at())) {
                awards.add(new Award.StampsExpired(
                        card.id(),
                        stamps,
                        new Why(
                                "stamp-card.expiry",
                                stamps
                                        + " stamps on the card since "
                                        + started.get().atZone(situation.zone()).toLocalDate()
                                        + ", unfinished after " + days + " days",
                                !situation.time().trusted())));
            }
        }
    }

    /** Too soon after this member's last award at this terminal in another visit. */
    private static boolean withheld(MemberState member, CampaignBundle rules, Situation situation) {
        if (rules.safeguards().minInterval().isEmpty()) {
            return false;
        }
        Instant earliest =
                situation.time().at().minus(rules.safeguards().minInterval().get());
        for (PastAward past : member.history().recentAwards()) {
            if (past.terminalId().equals(situation.terminalId())
                    && !past.visitId().equals(situation.visitId())
                    && past.at().isAfter(earliest)) {
                return true;
            }
        }
        return false;
    }

    private static void stamp(
            StampCardCampaign card,
            ItemScanned item,
            Optional<Product> product,
            MemberState member,
            Counts counts,
            Situation situation,
            List<Award> awards) {
        if (!card.qualifier().test(item.code(), product)) {
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
        long allowed = counts.allowed(card.id(), card.terms().limits(), stamps, Unit.STAMPS);
        if (allowed <= 0) {
            return;
        }
        stamps = (int) allowed;
        boolean untrusted = !situation.time().trusted();
        awards.add(new StampsAwarded(
                card.id(),
                stamps,
                new Why(
                        "stamp-card.item",
                        item.code() + " x" + item.quantity() + " at " + card.stampsPerItem() + " per item"
                                + (allowed < (long) card.stampsPerItem() * item.quantity() ? ", cut to the limit" : ""),
                        untrusted)));
        // long: stamps already on the card plus a near-int-max award must not wrap.
        long onCard = (long) member.stampsOn(card.id()) + stamps;
        for (long completed = onCard / card.cardSize(); completed > 0; completed--) {
            awards.add(new StampCardCompleted(
                    card.id(),
                    card.cardSize(),
                    card.reward(),
                    new Why("stamp-card.completed", card.cardSize() + " stamps: " + card.reward(), untrusted)));
        }
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

    private static void perItem(
            PointsCampaign campaign,
            ItemScanned item,
            Optional<Product> product,
            Counts counts,
            Situation situation,
            Optional<Tier> tier,
            List<Award> awards) {
        if (campaign.pointsPerItem() == 0) {
            return;
        }
        if (!campaign.qualifying().test(item.code(), product) || excluded(campaign, product)) {
            return;
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
        points = multiplied(campaign, points, tier);
        long allowed = counts.allowed(campaign.id(), campaign.terms().limits(), points, Unit.POINTS);
        if (allowed > 0) {
            awards.add(new PointsAwarded(
                    campaign.id(),
                    allowed,
                    new Why(
                            "points.per-item",
                            item.code() + " x" + item.quantity() + " at " + campaign.pointsPerItem() + " per item"
                                    + (multiplier != 1 ? " x" + multiplier + " category multiplier" : "")
                                    + tierNote(tier)
                                    + (allowed < points ? ", cut to the limit" : ""),
                            !situation.time().trusted())));
        }
    }

    private static boolean excluded(PointsCampaign campaign, Optional<Product> product) {
        return product.isPresent()
                && campaign.excludedCategories().contains(product.get().category());
    }

    private static void onMoney(
            PointsCampaign campaign,
            ReceiptScanned receipt,
            Basket basket,
            Counts counts,
            Situation situation,
            Optional<Tier> tier,
            List<Award> awards) {
        long amount = receipt.amountCents();
        if (amount <= 0 || campaign.pointsPerUnit() == 0) {
            return; // refunds and voids earn nothing here
        }
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
        long points = multiplied(campaign, round(campaign, weighted, receipt), tier);
        long allowed = counts.allowed(campaign.id(), campaign.terms().limits(), points, Unit.POINTS);
        if (allowed > 0) {
            awards.add(new PointsAwarded(
                    campaign.id(),
                    allowed,
                    new Why(
                            campaign.basis() == PointsBasis.RECEIPT ? "points.receipt" : "points.items",
                            basis + " x " + campaign.pointsPerUnit() + " / " + campaign.unitCents() + ", "
                                    + campaign.rounding().jsonName()
                                    + tierNote(tier) + (allowed < points ? ", cut to the limit" : ""),
                            !situation.time().trusted())));
        }
    }

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

    private static void bonus(
            BonusCampaign bonus,
            VisitOpened opened,
            MemberHistory history,
            Counts counts,
            Situation situation,
            ZonedDateTime local,
            List<Award> awards) {
        Optional<Instant> last = history.tally(bonus.id()).last();
        String rule;
        String detail;
        switch (bonus.trigger()) {
            case BonusTrigger.Welcome _ -> {
                if (!opened.enrolled() || last.isPresent()) {
                    return;
                }
                rule = "bonus.welcome";
                detail = "enrolled";
            }
            case BonusTrigger.Birthday _ -> {
                if (history.birthday().isEmpty()
                        || !isBirthday(history.birthday().get(), local.toLocalDate())
                        || last.filter(l -> l.atZone(situation.zone()).getYear() == local.getYear())
                                .isPresent()) {
                    return;
                }
                rule = "bonus.birthday";
                detail = "first visit on the member's birthday in " + local.getYear();
            }
            case BonusTrigger.NthVisit nth -> {
                ZonedDateTime start = periodStart(local, nth.period());
                long earlier = counts.visitsSince(nth.period(), start.toInstant());
                if (earlier + 1 != nth.n()
                        || last.filter(l -> !l.isBefore(start.toInstant())).isPresent()) {
                    return;
                }
                rule = "bonus.nth-visit";
                detail = "visit " + nth.n() + " this " + nth.period().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        long allowed = counts.allowed(bonus.id(), bonus.terms().limits(), bonus.points(), Unit.POINTS);
        if (allowed > 0) {
            awards.add(new BonusAwarded(
                    bonus.id(), allowed, new Why(rule, detail, !situation.time().trusted())));
        }
    }

    /** 29 February is celebrated on 28 February in other years. */
    private static boolean isBirthday(MonthDay birthday, LocalDate today) {
        if (birthday.equals(MonthDay.of(2, 29)) && !today.isLeapYear()) {
            return today.getMonthValue() == 2 && today.getDayOfMonth() == 28;
        }
        return MonthDay.from(today).equals(birthday);
    }

    private static ZonedDateTime periodStart(ZonedDateTime local, BonusTrigger.Period period) {
        ZonedDateTime day = local.truncatedTo(ChronoUnit.DAYS);
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    private static void buyXGetY(
            BuyXGetYCampaign buy,
            ItemScanned item,
            Optional<Product> product,
            Basket basket,
            Counts counts,
            Situation situation,
            List<Award> awards) {
        if (!buy.qualifier().test(item.code(), product)) {
            return;
        }
        long before = 0;
        for (Basket.Line earlier : basket.lines()) {
            if (buy.qualifier().test(earlier.item().code(), earlier.product())) {
                before += earlier.item().quantity();
            }
        }
        long after = before + item.quantity();
        long vouchers = after / buy.buy() - before / buy.buy();
        long allowed = counts.allowed(buy.id(), buy.terms().limits(), vouchers, Unit.VOUCHERS);
        for (long i = 0; i < allowed; i++) {
            awards.add(new VoucherEarned(
                    buy.id(),
                    buy.voucher(),
                    new Why(
                            "buy-x-get-y",
                            "qualifying item " + (before / buy.buy() + i + 1) * buy.buy() + " of the visit, buy "
                                    + buy.buy() + " get " + buy.voucher(),
                            !situation.time().trusted())));
        }
    }

    enum Unit {
        STAMPS,
        POINTS,
        VOUCHERS
    }

    /** What each campaign already awarded this member this visit, today and ever; computed on demand. */
    private static final class Counts {
        private final MemberHistory history;
        private final Situation situation;
        private final Instant dayStart;
        private final Instant dayEnd;
        /** The campaigns with caps: the only ones whose rows of this visit and today are summed. */
        private final java.util.Set<String> limited;
        /** The award rows of this visit or today of capped campaigns; gathered on first use. */
        private List<PastAward> counted;
        /** Earlier visits in the current day, week and month (nth-visit bonuses), by period; absent until counted. */
        private final EnumMap<BonusTrigger.Period, Long> visitsInPeriod = new EnumMap<>(BonusTrigger.Period.class);

        Counts(MemberHistory history, Situation situation, ZonedDateTime local, java.util.Set<String> limited) {
            this.history = history;
            this.situation = situation;
            this.limited = limited;
            LocalDate today = local.toLocalDate();
            this.dayStart = today.atStartOfDay(situation.zone()).toInstant();
            this.dayEnd = today.plusDays(1).atStartOfDay(situation.zone()).toInstant();
        }

        /**
         * The rows per-visit and per-day caps can count, from one pass over the recent award rows
         * per engine call. Each capped campaign then sums its own from these few rows: no per-campaign
         * objects, which on a regular's history were most of what an engine call allocated.
         */
        private List<PastAward> counted() {
            if (counted == null) {
                List<PastAward> rows = new ArrayList<>();
                for (PastAward past : history.recentAwards()) {
                    if ((isToday(past.at()) || past.visitId().equals(situation.visitId()))
                            && limited.contains(past.campaignId())) {
                        rows.add(past);
                    }
                }
                counted = rows;
            }
            return counted;
        }

        /** On the store's calendar day of the rule time. */
        boolean isToday(Instant at) {
            return !at.isBefore(dayStart) && at.isBefore(dayEnd);
        }

        /** Earlier visits from {@code start} (the period's first instant) up to the rule time, counted once per period. */
        long visitsSince(BonusTrigger.Period period, Instant start) {
            return visitsInPeriod.computeIfAbsent(period, p -> {
                Instant now = situation.time().at();
                long n = 0;
                for (Instant visit : history.visits()) {
                    if (!visit.isBefore(start) && visit.isBefore(now)) {
                        n++;
                    }
                }
                return n;
            });
        }

        /** How much of {@code wanted} the limits still allow (0 when a cap is reached). */
        long allowed(String campaignId, Limits limits, long wanted, Unit unit) {
            if (!limits.any() || wanted <= 0) {
                return wanted;
            }
            long visit = 0;
            long day = 0;
            if (limits.perVisit().isPresent() || limits.perDay().isPresent()) {
                for (PastAward past : counted()) {
                    if (!past.campaignId().equals(campaignId)) {
                        continue;
                    }
                    long used = units(unit, past.stamps(), past.points(), past.vouchers());
                    if (past.visitId().equals(situation.visitId())) {
                        visit += used;
                    }
                    if (isToday(past.at())) {
                        day += used;
                    }
                }
            }
            MemberHistory.Tally tally = history.tally(campaignId);
            long allowed = wanted;
            allowed = cap(allowed, limits.perVisit(), visit);
            allowed = cap(allowed, limits.perDay(), day);
            allowed = cap(allowed, limits.perMember(), units(unit, tally.stamps(), tally.points(), tally.vouchers()));
            return Math.max(0, allowed);
        }

        private static long units(Unit unit, long stamps, long points, long vouchers) {
            return switch (unit) {
                case STAMPS -> stamps;
                case POINTS -> points;
                case VOUCHERS -> vouchers;
            };
        }

        private static long cap(long wanted, OptionalLong cap, long used) {
            return cap.isPresent() ? Math.min(wanted, cap.getAsLong() - used) : wanted;
        }
    }
}
