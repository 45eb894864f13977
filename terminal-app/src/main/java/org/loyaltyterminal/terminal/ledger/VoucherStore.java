package org.loyaltyterminal.terminal.ledger;

import java.util.Optional;

/** The port for this terminal's vouchers: buying them with points, looking them up and redeeming them. */
public interface VoucherStore {

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
}
