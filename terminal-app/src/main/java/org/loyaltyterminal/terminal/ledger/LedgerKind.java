package org.loyaltyterminal.terminal.ledger;

/** What a ledger row records. */
public enum LedgerKind {
    /** A card number seen for the first time became a provisional member. */
    ENROLLED,
    /** Stamps added to a stamp card. */
    STAMPS,
    /** A full card: its stamps leave the card and the reward is earned. */
    STAMP_CARD_COMPLETED,
    /** Points for a receipt. */
    POINTS
}
