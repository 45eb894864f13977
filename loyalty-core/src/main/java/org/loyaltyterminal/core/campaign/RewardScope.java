package org.loyaltyterminal.core.campaign;

/** Where a voucher may be redeemed. */
public enum RewardScope {
    /** At every till of the chain (the default). */
    CHAIN,
    /** Only at the tills of the store whose till issued it ({@code voucher.store-terminals}). */
    STORE
}
