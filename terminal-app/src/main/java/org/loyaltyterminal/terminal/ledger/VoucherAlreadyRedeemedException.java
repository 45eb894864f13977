package org.loyaltyterminal.terminal.ledger;

import org.loyaltyterminal.core.voucher.VoucherCode;

/** The voucher was redeemed before; nothing changed. */
public final class VoucherAlreadyRedeemedException extends StorageException {
    private final transient RedeemedVoucher earlier;

    public VoucherAlreadyRedeemedException(RedeemedVoucher earlier) {
        super(VoucherCode.labelOf(earlier.reference()) + " was already redeemed at " + earlier.at() + " ("
                + earlier.where() + ", ledger sequence " + earlier.sequence() + ")");
        this.earlier = earlier;
    }

    public RedeemedVoucher earlier() {
        return earlier;
    }
}
