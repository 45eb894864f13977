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
     * Appends the awards to the ledger, updates the balances, marks the receipt credited and
     * writes the outbox rows, in one transaction.
     *
     * @throws ReceiptAlreadyCreditedException when the receipt earned before; nothing changes
     */
    List<LedgerEntry> commit(AwardCommit commit);

    /**
     * A referral bonus: a REFERRAL_BONUS row for the new member and one for the referrer, with their
     * outbox events and balances, in one transaction.
     *
     * @return the new member's row, then the referrer's
     * @throws ReferralRefusedException when either is not enrolled or the new member was referred before; nothing changes
     */
    List<LedgerEntry> referral(ReferralCommit referral);

    @Override
    void close();
}
