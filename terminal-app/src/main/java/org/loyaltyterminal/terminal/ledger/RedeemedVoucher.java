package org.loyaltyterminal.terminal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * The record that a voucher was redeemed: by this till (its ledger sequence) or, once HQ sync
 * exists, elsewhere as HQ reported it.
 *
 * @param where "this terminal" or the terminal HQ named
 */
public record RedeemedVoucher(String reference, long sequence, Instant at, String where) {
    public RedeemedVoucher {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(where, "where");
    }
}
