package org.loyaltyterminal.terminal.card;

/** What the till does with a contactless card that is linked to no member. */
public enum UnknownCardPolicy {
    /** Enrol a provisional member for the card, offline, as an unknown member card number does. */
    ENROL,
    /**
     * Link it to the member card scanned next (a replacement card or a key fob); until then the
     * card opens nothing.
     */
    LINK_NEXT,
    /** Refuse it: only cards linked at HQ or by a manager are accepted. */
    REFUSE
}
