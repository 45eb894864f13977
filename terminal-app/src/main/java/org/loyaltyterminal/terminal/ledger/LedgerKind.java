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
    POINTS,
    /** A contactless card (by keyed hash of its UID) now opens this member's visits. */
    CARD_LINKED,
    /** A contactless card no longer opens this member's visits (lost, replaced or moved). */
    CARD_UNLINKED
}
