package org.loyaltyterminal.terminal.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The port for the record of voucher prints: a print is recorded before the printer gets it, so a
 * restart can hand the ones that never ended to the printer again.
 */
public interface VoucherPrints {

    /** Records that the voucher is about to be printed (state QUEUED). */
    VoucherPrint recordPrint(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time);

    /** Records how a queued print ended; a print that already ended is left as it is. */
    void printEnded(long printId, VoucherPrint.State state, String detail, Instant at);

    /** Prints recorded as QUEUED that never ended, oldest first: to hand to the printer again after a restart. */
    List<VoucherPrint> unfinishedPrints();
}
