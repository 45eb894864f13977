package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;

/**
 * One print of a voucher, recorded before it is handed to the printer so that a voucher whose
 * print did not finish is printed again after a restart.
 *
 * @param printId the record's id, to report the outcome against
 */
public record VoucherPrint(long printId, IssuedVoucher voucher, Kind kind) {
    public VoucherPrint {
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        /** The print that goes with the issue. */
        ISSUE,
        /** Asked for again by the control barcode or {@code voucher reprint}. */
        REPRINT
    }

    /** Where a print stands; only {@link #QUEUED} changes, to one of the others. */
    public enum State {
        QUEUED,
        PRINTED,
        /** The printer refused the job (queue full, closed); it is not retried. */
        REFUSED,
        /** No printer is configured on this terminal. */
        NO_PRINTER
    }
}
