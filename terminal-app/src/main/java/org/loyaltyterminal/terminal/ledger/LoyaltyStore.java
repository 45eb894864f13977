package org.loyaltyterminal.terminal.ledger;

import java.util.List;

/**
 * The port through which visits reach durable storage: members, the append-only ledger, balances
 * and the outbox. Every write is one transaction; when a write method returns, the change
 * survives a crash or power loss.
 *
 * <p>The composition of the narrow ports, for the scan path and the daemon that wires it; a caller
 * that needs one concern depends on that port ({@link LedgerReads}, {@link MemberAccounts},
 * {@link VoucherStore}, {@link VoucherPrints}, {@link RefundDesk}, {@link StorageHealth},
 * {@link UnitOfWork}).
 */
public interface LoyaltyStore
        extends UnitOfWork,
                LedgerReads,
                MemberAccounts,
                VoucherStore,
                VoucherPrints,
                RefundDesk,
                StorageHealth,
                AutoCloseable {

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

    /**
     * A referral bonus: a REFERRAL_BONUS row for the new member and one for the referrer, with their
     * outbox events and balances, in one transaction.
     *
     * @return the rows written (the new member's, then the referrer's), or a refusal when either is not
     *     enrolled or the new member was referred before; a refusal changes nothing
     */
    ReferralCommit.Result referral(ReferralCommit referral);

    @Override
    void close();
}
