package org.loyaltyterminal.terminal.ledger;

import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * The port for what a member is on this terminal besides what they earn: enrolment, the
 * contactless cards linked to them, their birthday, and a manager's corrections of their points.
 * Every write is one transaction (or a step of the running unit of work).
 */
public interface MemberAccounts {

    /** Enrols an unknown card as a provisional member (ledger row and outbox event). */
    LedgerEntry enrol(String memberCard, String visitId, EventTime time);

    /** The member a contactless card is linked to, by the card's keyed hash. */
    Optional<String> memberForCard(String cardIdentity);

    /**
     * Links a contactless card to a member in one transaction: enrols the member first when
     * unknown, unlinks the card from another member it was linked to, and links it.
     *
     * @return the ledger rows written, in order (ENROLLED?, CARD_UNLINKED?, CARD_LINKED)
     */
    List<LedgerEntry> linkCard(String cardIdentity, String memberCard, String visitId, EventTime time);

    /** Unlinks a card; empty when it was not linked. */
    Optional<LedgerEntry> unlinkCard(String cardIdentity, String visitId, EventTime time);

    /** Unlinks every card of a member (a lost card); one CARD_UNLINKED row each. */
    List<LedgerEntry> unlinkCardsOf(String memberCard, String reference, EventTime time);

    /** Records a member's birthday (day and month only) for birthday bonuses. */
    void setBirthday(String memberCard, MonthDay birthday);

    /**
     * A manager's correction of a member's points: an ADJUSTMENT row with the reason and the
     * operator's id, and its outbox event, in one transaction.
     *
     * @throws AdjustmentRefusedException for an unknown member or a balance that would go below zero
     */
    LedgerEntry adjustPoints(String memberCard, long delta, String reason, String operator, EventTime time);
}
