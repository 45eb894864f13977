package org.loyaltyterminal.terminal.visit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.RuleTime;
import org.loyaltyterminal.core.engine.Situation;
import org.loyaltyterminal.core.engine.VisitInput;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.VoucherGrant;

/**
 * The one place a scan earns: read the member's state, let the engine decide the awards, commit
 * them (with the vouchers they earn) and record their prints, in one unit of work of the store,
 * so nothing (HQ's member updates) changes the member between what the rules judged and what is
 * written. Each handler that awards says only which {@link AwardCommit} its decision becomes.
 * Not thread-safe: used on the scan-processing thread, under the processor's lock.
 */
final class AwardStep {
    private final LoyaltyEngine engine;
    private final LoyaltyStore store;
    private final TerminalClock clock;
    private final VoucherDesk vouchers;
    private final RuleSite site;
    private final VisitBasket basket;
    private CampaignBundle needsFor;
    private HistoryNeeds needs = HistoryNeeds.ALL;
    /** The last synchronised clock reading of this boot: rules use it plus monotonic time when the clock is not trusted. */
    private Optional<RuleTime.Anchor> lastTrusted = Optional.empty();

    AwardStep(
            LoyaltyEngine engine,
            LoyaltyStore store,
            TerminalClock clock,
            VoucherDesk vouchers,
            RuleSite site,
            VisitBasket basket) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.vouchers = vouchers;
        this.site = site;
        this.basket = basket;
    }

    /** What the rules decided, for the handler to name its commit. */
    record Decision(List<Award> awards, long bundleVersion, EventTime time, List<VoucherGrant> vouchers) {}

    /** What the step did: the member before, the awards, and the ledger rows written (empty when none). */
    record Awarded(MemberState before, List<Award> awards, List<LedgerEntry> entries) {
        MemberState after() {
            return before.after(awards);
        }
    }

    /**
     * @param commit the commit a decision becomes; empty to write nothing (an item that earns nothing)
     */
    Awarded award(
            String memberCard,
            String visitId,
            VisitInput input,
            CampaignBundle bundle,
            Function<Decision, Optional<AwardCommit>> commit) {
        return store.inOneTransaction("record awards", () -> {
            EventTime time = clock.now();
            MemberState before = memberState(memberCard, bundle);
            List<Award> awards = engine.evaluate(input, before, bundle, situation(time, visitId));
            Decision decision =
                    new Decision(awards, bundle.version(), time, vouchers.grants(awards, bundle, time.wall()));
            List<LedgerEntry> entries =
                    commit.apply(decision).map(store::commit).orElse(List.of());
            vouchers.printIssued(entries, time);
            return new Awarded(before, awards, entries);
        });
    }

    /** The member's state, reading only what the bundle's rules need of the history. */
    MemberState memberState(String memberCard, CampaignBundle bundle) {
        return store.memberState(memberCard, historyNeeds(bundle));
    }

    /** What the bundle in force reads of a member's history, worked out once per bundle, not per scan. */
    @SuppressWarnings("ReferenceEquality") // a reload is a new bundle object; comparing contents would cost per scan
    private HistoryNeeds historyNeeds(CampaignBundle bundle) {
        if (bundle != needsFor) {
            needs = HistoryNeeds.of(bundle);
            needsFor = bundle;
        }
        return needs;
    }

    /** The rules' view of now: the trusted clock, or the last trusted reading plus monotonic time (flagged). */
    private Situation situation(EventTime time, String visitId) {
        if (time.clockTrusted()) {
            lastTrusted = Optional.of(new RuleTime.Anchor(time.wall(), time.monotonicNanos()));
        }
        RuleTime ruleTime = RuleTime.resolve(time.wall(), time.clockTrusted(), time.monotonicNanos(), lastTrusted);
        return new Situation(site.storeId(), site.terminalId(), site.zone(), ruleTime, visitId, basket.items());
    }
}
