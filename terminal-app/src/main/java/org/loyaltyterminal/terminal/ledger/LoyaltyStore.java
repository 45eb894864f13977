package org.loyaltyterminal.terminal.ledger;

import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.engine.MemberState;

/**
 * The port through which visits reach durable storage: members, the append-only ledger, balances
 * and the outbox. Every write is one transaction; when a write method returns, the change
 * survives a crash or power loss.
 */
public interface LoyaltyStore extends AutoCloseable {

    /**
     * Runs {@code work}, and every call it makes on this store, in one transaction: what it reads
     * is not changed by another writer (HQ's updates, say) before its writes commit, and they
     * commit together, with one sync. A store call inside that fails takes back only its own
     * writes; an exception out of {@code work} takes back everything. Calls from other threads
     * wait until the unit ends.
     */
    <T> T inOneTransaction(String what, java.util.function.Supplier<T> work);

    boolean isMember(String memberCard);

    /** Balances of a member; {@link MemberState#empty()} for an unknown card. */
    MemberState memberState(String memberCard);

    /** {@link #memberState(String)}, reading only the growing parts of the history the rules need. */
    default MemberState memberState(String memberCard, org.loyaltyterminal.core.engine.HistoryNeeds needs) {
        return memberState(memberCard);
    }

    boolean receiptCredited(String receiptId);

    /** Enrols an unknown card as a provisional member (ledger row and outbox event). */
    LedgerEntry enrol(String memberCard, String visitId, EventTime time);

    /**
     * Appends the awards to the ledger, updates the balances and writes the outbox rows, in one
     * transaction; a {@link AwardCommit.VisitOpened} also records the visit, a
     * {@link AwardCommit.ReceiptCredit} marks its receipt credited.
     *
     * @throws ReceiptAlreadyCreditedException when the receipt earned before; nothing changes. A guard
     *     only: the scan pipeline asks {@link #receiptCredited} first in the same unit of work and
     *     answers the cashier with a value, so on the scan path this never fires.
     */
    List<LedgerEntry> commit(AwardCommit commit);

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

    /**
     * Spends the reward's points and issues its voucher, in one transaction.
     *
     * @return the VOUCHER_ISSUED row
     * @throws NotEnoughPointsException when the member has fewer points; nothing changes
     */
    LedgerEntry buyReward(RewardPurchase purchase);

    /** A voucher this terminal issued, by its reference. */
    Optional<IssuedVoucher> issuedVoucher(String reference);

    /** The voucher this terminal issued last, for a reprint. */
    Optional<IssuedVoucher> lastIssuedVoucher();

    /** Whether, when and where the voucher was redeemed. */
    Optional<RedeemedVoucher> redemption(String reference);

    /**
     * Marks the voucher redeemed with its ledger and outbox rows, in one transaction.
     *
     * @throws VoucherAlreadyRedeemedException when it was redeemed before; nothing changes
     */
    LedgerEntry redeem(VoucherRedemption redemption);

    /** Records that the voucher is about to be printed (state QUEUED). */
    VoucherPrint recordPrint(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time);

    /** Records how a queued print ended; a print that already ended is left as it is. */
    void printEnded(long printId, VoucherPrint.State state, String detail, java.time.Instant at);

    /** Prints recorded as QUEUED that never ended, oldest first: to hand to the printer again after a restart. */
    List<VoucherPrint> unfinishedPrints();

    /**
     * A manager's correction of a member's points: an ADJUSTMENT row with the reason and the
     * operator's id, and its outbox event, in one transaction.
     *
     * @throws AdjustmentRefusedException for an unknown member or a balance that would go below zero
     */
    LedgerEntry adjustPoints(String memberCard, long delta, String reason, String operator, EventTime time);

    /**
     * Reverses what the original receipt's sale earned, in proportion to the refunded amount and
     * never below zero, in one transaction with its REFUND rows and outbox events.
     *
     * @throws RefundAlreadyProcessedException when this refund id was processed before; nothing changes
     * @throws RefundRefusedException when the original receipt was not credited at this terminal; nothing changes
     */
    RefundResult refund(Refund refund);

    /**
     * A referral bonus: a REFERRAL_BONUS row for the new member and one for the referrer, with their
     * outbox events and balances, in one transaction.
     *
     * @return the rows written (the new member's, then the referrer's), or a refusal when either is not
     *     enrolled or the new member was referred before; a refusal changes nothing
     */
    ReferralCommit.Result referral(ReferralCommit referral);

    /** Records a member's birthday (day and month only) for birthday bonuses. */
    void setBirthday(String memberCard, java.time.MonthDay birthday);

    /** The member's last {@code limit} ledger rows, oldest first, with the rule that produced each. */
    List<LedgerEntry> recentEntries(String memberCard, int limit);

    /** Recomputes every balance from the ledger and reports the differences. */
    ConsistencyReport check();

    long outboxDepth();

    /**
     * Transactions that wrote and committed since the store opened. With SQLite's
     * synchronous=FULL each is one sync of the WAL: the benchmark prints them per scan.
     */
    long writeCommits();

    /** What is wrong with storage while writes fail (a full disk, say); empty when the last write committed. */
    Optional<StorageFault> fault();

    /** Storage upkeep off the scan path (for SQLite: a WAL checkpoint); never blocks a scan. */
    void maintain();

    @Override
    void close();
}
