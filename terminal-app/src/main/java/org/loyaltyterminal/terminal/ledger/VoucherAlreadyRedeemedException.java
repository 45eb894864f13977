package org.loyaltyterminal.terminal.ledger;

/** The voucher was redeemed before; nothing changed. */
public final class VoucherAlreadyRedeemedException extends StorageException {
    private final transient RedeemedVoucher earlier;

    public VoucherAlreadyRedeemedException(RedeemedVoucher earlier) {
        super("voucher " + earlier.reference().replaceFirst("/[^/]*$", "") + " was already redeemed at " + earlier.at()
                + " (" + earlier.where() + ", ledger sequence " + earlier.sequence() + ")");
        this.earlier = earlier;
    }

    public RedeemedVoucher earlier() {
        return earlier;
    }
}
