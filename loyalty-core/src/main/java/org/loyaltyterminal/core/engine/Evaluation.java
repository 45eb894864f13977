package org.loyaltyterminal.core.engine;

import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Tier;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/**
 * One input being judged, with what the campaigns' evaluators need of it worked out once per engine
 * call rather than once per campaign.
 *
 * @param input     what was scanned
 * @param scanned   an item scan's entry in the product table; empty for other inputs and unknown codes
 * @param member    the member's balances and history before this input
 * @param situation store, terminal, zone, rule time and the visit so far
 * @param local     the rule time in the store's zone (schedules, birthdays, periods)
 * @param counts    what each campaign already awarded, for its limits
 * @param basket    the visit's earlier items with their products
 * @param tier      the member's tier when it changes what points campaigns award (a multiplier other
 *                  than 100%); empty otherwise
 */
record Evaluation(
        VisitInput input,
        Optional<Product> scanned,
        MemberState member,
        Situation situation,
        ZonedDateTime local,
        AwardCounts counts,
        Basket basket,
        Optional<Tier> tier) {

    /**
     * @param scanned the product of an item scan, looked up once by the caller
     * @param limited the ids of the bundle's campaigns with caps (see {@link CampaignIndex#limited()})
     */
    static Evaluation of(
            VisitInput input,
            MemberState member,
            CampaignBundle rules,
            Situation situation,
            Optional<Product> scanned,
            Set<String> limited) {
        ZonedDateTime local = situation.time().at().atZone(situation.zone());
        Optional<Tier> tier = member.history()
                .tier()
                .flatMap(rules.programme().tiers()::level)
                .filter(t -> t.multiplierPercent() != 100);
        return new Evaluation(
                input,
                scanned,
                member,
                situation,
                local,
                new AwardCounts(member.history(), situation, StoreDay.of(local), limited),
                new Basket(situation.earlierItems(), rules),
                tier);
    }

    /** An item scan's product, looked up once for the index and every campaign asked. */
    static Optional<Product> scannedProduct(VisitInput input, CampaignBundle rules) {
        return input instanceof ItemScanned item ? rules.product(item.code()) : Optional.empty();
    }

    /** For each award's {@link Award.Why#clockUntrusted()}. */
    boolean clockUntrusted() {
        return !situation.time().trusted();
    }
}
