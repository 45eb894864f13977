package org.loyaltyterminal.hq.ingest;

/** A voucher HQ knows is redeemed, and where it was redeemed first. */
public record RedeemedVoucher(String reference, Conflict.Redemption first) {}
