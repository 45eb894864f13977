package org.loyaltyterminal.terminal.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.terminal.card.CardIdentities;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/**
 * A contactless card: one carrying a member number opens a visit exactly as that member card
 * would; another is known by its keyed identity, and an unknown one is enrolled, waits for the
 * next member card, or is refused, by the terminal's card policy.
 */
final class CardReadScan {
    private final ScanClassifier classifier;
    private final VisitTracker visits;
    private final LoyaltyStore store;
    private final TerminalClock clock;
    private final CardRules cards;
    private final MemberCardScan memberCards;

    CardReadScan(
            ScanClassifier classifier,
            VisitTracker visits,
            LoyaltyStore store,
            TerminalClock clock,
            CardRules cards,
            MemberCardScan memberCards) {
        this.classifier = classifier;
        this.visits = visits;
        this.store = store;
        this.clock = clock;
        this.cards = cards;
        this.memberCards = memberCards;
    }

    ScanOutcome handle(CardRead read, CampaignBundle bundle, long now) {
        if (read.memberNumber().isPresent()) {
            String number = read.memberNumber().get();
            if (visits.isRepeat(number, now)) {
                return new ScanOutcome.Repeated("NFC");
            }
            if (!classifier.isMemberNumber(number)) {
                return new Refused(
                        RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD,
                        "the card's member number matches no "
                                + "configured member card format; check member.card.N.pattern; no change made");
            }
            return memberCards.open(number, bundle, now);
        }
        return switch (cards) {
            case CardRules.Disabled _ ->
                new Refused(
                        RefusalReason.CARDS_NOT_CONFIGURED,
                        "contactless cards are not configured on this terminal; no change made");
            case CardRules.Enabled enabled ->
                byIdentity(enabled, enabled.identities().identify(read.uid().toArray()), bundle, now);
        };
    }

    private ScanOutcome byIdentity(CardRules.Enabled rules, String identity, CampaignBundle bundle, long now) {
        String key = "card:" + identity;
        if (visits.isRepeat(key, now)) {
            return new ScanOutcome.Repeated("NFC");
        }
        ScanOutcome outcome = outcome(rules, identity, bundle, now);
        visits.remember(key, now);
        return outcome;
    }

    private ScanOutcome outcome(CardRules.Enabled rules, String identity, CampaignBundle bundle, long now) {
        Optional<String> member = store.memberForCard(identity);
        if (member.isPresent()) {
            return memberCards.open(member.get(), bundle, now);
        }
        String shortCard = CardIdentities.shortForm(identity);
        return switch (rules.unknownCards()) {
            case ENROL -> {
                String memberId = "nfc-" + identity.substring(0, 16);
                ScanOutcome opened = memberCards.open(memberId, bundle, now);
                if (!(opened instanceof ScanOutcome.VisitOpened visit)) {
                    yield opened;
                }
                List<LedgerEntry> entries = store.linkCard(identity, memberId, visit.visitId(), clock.now());
                List<LedgerEntry> all =
                        new ArrayList<>(visit.enrolment().stream().toList());
                all.addAll(entries);
                yield new ScanOutcome.CardLinked(shortCard, visit.maskedCard(), all, visit);
            }
            case LINK_NEXT -> {
                memberCards.linkToNextCard(identity, now);
                yield new Refused(
                        RefusalReason.CARD_NOT_LINKED,
                        "contactless " + shortCard
                                + " is not linked to a member; scan the member's card now to link it");
            }
            case REFUSE ->
                new Refused(
                        RefusalReason.CARD_NOT_LINKED,
                        "contactless " + shortCard
                                + " is not linked to a member and this terminal does not link cards; no change made");
        };
    }
}
