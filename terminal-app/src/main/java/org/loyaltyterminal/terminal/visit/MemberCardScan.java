package org.loyaltyterminal.terminal.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.VisitInput;
import org.loyaltyterminal.terminal.card.CardIdentities;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.VisitBalance;
import org.loyaltyterminal.terminal.visit.ScanOutcome.ClosedVisit;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * A member card, scanned or read from a contactless card: it opens the member's visit (enrolling
 * an unknown card, closing another member's visit) or continues it, and links a contactless card
 * that waits for it.
 */
final class MemberCardScan implements ScanHandler<ScanKind.MemberCard> {
    private final VisitTracker visits;
    private final VisitBasket basket;
    private final LoyaltyStore store;
    private final TerminalClock clock;
    private final AwardStep awards;
    private final BalanceLookup lookups;
    /** A card waiting to be linked to the member card scanned next (policy LINK_NEXT). */
    private Optional<PendingLink> pendingLink = Optional.empty();

    private record PendingLink(String cardIdentity, long sinceNanos) {}

    MemberCardScan(
            VisitTracker visits,
            VisitBasket basket,
            LoyaltyStore store,
            TerminalClock clock,
            AwardStep awards,
            BalanceLookup lookups) {
        this.visits = visits;
        this.basket = basket;
        this.store = store;
        this.clock = clock;
        this.awards = awards;
        this.lookups = lookups;
    }

    @Override
    public ScanOutcome handle(ScanKind.MemberCard scan, CampaignBundle bundle, long now) {
        return open(scan.number(), bundle, now);
    }

    static Refused wrongSymbology(ScanKind.MemberCardInWrongSymbology wrong) {
        return new Refused(
                RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD,
                "member card " + Redaction.mask(wrong.number()) + " arrived as " + wrong.symbology()
                        + "; member cards are read only as " + wrong.allowed()
                        + " (member.card.N.symbologies); no change made");
    }

    /** The next member card opened within the visit timeout gets this contactless card linked. */
    void linkToNextCard(String cardIdentity, long now) {
        pendingLink = Optional.of(new PendingLink(cardIdentity, now));
    }

    /** Opens or continues the member's visit; links the card waiting for it, if any. */
    ScanOutcome open(String card, CampaignBundle bundle, long now) {
        Optional<PendingLink> link =
                pendingLink.filter(p -> now - p.sinceNanos() < visits.timeout().toNanos());
        pendingLink = Optional.empty();
        ScanOutcome opened = openVisit(card, bundle, now);
        if (link.isEmpty()) {
            return opened;
        }
        List<LedgerEntry> entries = new ArrayList<>();
        if (opened instanceof ScanOutcome.VisitOpened visit) {
            entries.addAll(visit.enrolment().stream().toList());
        }
        // opened or continued: either way the member's visit is the current one
        String visitId = visits.current().orElseThrow().visitId();
        entries.addAll(store.linkCard(link.get().cardIdentity(), card, visitId, clock.now()));
        return new ScanOutcome.CardLinked(
                CardIdentities.shortForm(link.get().cardIdentity()), Redaction.mask(card), entries, opened);
    }

    private ScanOutcome openVisit(String card, CampaignBundle bundle, long now) {
        Optional<OpenVisit> current = visits.current();
        if (current.isPresent() && current.get().memberCard().equals(card)) {
            visits.touch(now);
            return new ScanOutcome.VisitContinued(current.get().visitId(), Redaction.mask(card));
        }
        Optional<ClosedVisit> previous = visits.close().map(v -> ClosedVisit.of(v, CloseReason.NEXT_MEMBER));
        String visitId = visits.open(card, now).visitId();
        // Only asked, never awaited: the visit opens on this till's balance, HQ's follows if it comes in time.
        VisitBalance balance = lookups.ask(card, visitId);
        basket.startVisit();
        Optional<LedgerEntry> enrolment = Optional.empty();
        if (!store.isMember(card)) {
            enrolment = Optional.of(store.enrol(card, visitId, clock.now()));
            basket.markEnrolled();
        }
        // The visit itself is recorded (visit counts, safeguards) with any bonus it earns.
        AwardStep.Awarded awarded = awards.award(
                card,
                visitId,
                new VisitInput.VisitOpened(enrolment.isPresent()),
                bundle,
                decision -> Optional.of(new AwardCommit.VisitOpened(
                        card, visitId, decision.awards(), decision.bundleVersion(), decision.time(), balance)));
        MemberState after = awards.memberState(card, bundle);
        return new ScanOutcome.VisitOpened(
                visitId,
                Redaction.mask(card),
                enrolment,
                after,
                previous,
                awarded.entries(),
                ScanOutcome.RewardOffered.of(bundle, after.points()));
    }
}
