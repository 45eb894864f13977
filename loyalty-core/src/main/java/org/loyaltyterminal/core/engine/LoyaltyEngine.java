package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.engine.MemberHistory.PastAward;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/**
 * The loyalty rules as a pure function: no I/O, no clock, no state of its own. Same inputs,
 * same awards, so it can be tested exhaustively and replayed.
 *
 * <p>For one input, every campaign in force (validity window, scope, schedule) is asked what it
 * awards, in the bundle's order: priority high to low, then id (see {@link CampaignBundle}). Each
 * kind of campaign has its {@link CampaignEvaluator}, which applies the campaign's rule and cuts
 * the award to its limits. Campaigns stack, except that when a campaign marked exclusive awards
 * something, the first such campaign in that order is the only one that awards. The minimum
 * interval of the bundle's safeguards withholds every award of a visit that follows the member's
 * last award at this terminal too closely. A visit's opening also brings the account's upkeep
 * ({@link AccountUpkeep}: the suspicious-visits flag, expiry, tiers) before any award.
 *
 * <p>Speed: only the campaigns that can award on the input are asked ({@link CampaignIndex}, built
 * once per bundle): an item scan looks at the campaigns naming its code or category and those for
 * every item, not at all of them. {@code loyalty-simulators bench rules} measures it.
 */
public final class LoyaltyEngine {
    private final StampCardEvaluator stampCards = new StampCardEvaluator();
    private final PointsEvaluator points = new PointsEvaluator();
    private final BonusEvaluator bonuses = new BonusEvaluator();
    private final BuyXGetYEvaluator buyXGetY = new BuyXGetYEvaluator();

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
        Optional<Product> scanned = Evaluation.scannedProduct(input, rules);
        return evaluate(input, member, rules, situation, scanned, index.candidates(input, scanned), index.limited());
    }

    /** As {@link #evaluate(VisitInput, MemberState, CampaignBundle, Situation)}, asking every campaign: the index's reference. */
    List<Award> evaluateWithoutIndex(VisitInput input, MemberState member, CampaignBundle rules, Situation situation) {
        return evaluate(
                input,
                member,
                rules,
                situation,
                Evaluation.scannedProduct(input, rules),
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
            Set<String> limited) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(situation, "situation");
        List<Award> upkeep =
                input instanceof VisitOpened ? AccountUpkeep.atOpening(member, rules, situation) : List.of();
        if (withheld(member, rules, situation)) {
            return List.copyOf(upkeep);
        }
        Evaluation evaluation = Evaluation.of(input, member, rules, situation, scanned, limited);
        List<Award> awards = new ArrayList<>(upkeep.size() + candidates.size());
        awards.addAll(upkeep);
        int first = awards.size();
        for (Campaign campaign : candidates) {
            if (!inForce(campaign, situation, evaluation.local())) {
                continue;
            }
            List<Award> own = awards(campaign, evaluation);
            if (own.isEmpty()) {
                continue;
            }
            if (campaign.terms().exclusive()) {
                // the first exclusive campaign that awards wins alone
                awards.subList(first, awards.size()).clear();
                awards.addAll(own);
                break;
            }
            awards.addAll(own);
        }
        return List.copyOf(awards);
    }

    /** The campaign's own evaluator: a kind of campaign without one does not compile. */
    private List<Award> awards(Campaign campaign, Evaluation evaluation) {
        return switch (campaign) {
            case StampCardCampaign card -> stampCards.awards(card, evaluation);
            case PointsCampaign money -> points.awards(money, evaluation);
            case BonusCampaign bonus -> bonuses.awards(bonus, evaluation);
            case BuyXGetYCampaign buy -> buyXGetY.awards(buy, evaluation);
        };
    }

    /** Within its validity window, its scope and its schedule at the rule time. */
    private static boolean inForce(Campaign campaign, Situation situation, ZonedDateTime local) {
        return campaign.validity().contains(situation.time().at())
                && campaign.terms().scope().includes(situation.storeId(), situation.terminalId())
                && campaign.terms().schedule().contains(local);
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
}
