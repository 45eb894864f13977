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
    CARD_UNLINKED,
    /**
     * A voucher was issued to the member: for a completed stamp card (points 0) or bought with
     * points (points minus the reward's cost). Reference: the voucher reference.
     */
    VOUCHER_ISSUED,
    /** A voucher was redeemed at this till, once and for all. Reference: the voucher reference. */
    VOUCHER_REDEEMED,
    /**
     * HQ's confirmed balance replaced the local one (points, or the stamps of one campaign): the
     * delta brings in what the member earned or spent at other tills. Reference: the snapshot's
     * version. HQ does not count these rows again.
     */
    HQ_BALANCE,
    /**
     * HQ had the member erased: card number and links are gone, this terminal's rows carry the
     * pseudonym in the member column. The confirmation HQ waits for. Reference: the command's version.
     */
    MEMBER_ERASED,
    /** Points for a welcome, a birthday or the Nth visit (campaign format 3). */
    BONUS,
    /** Not an award: more visits by one card in a day than the safeguards allow; for HQ to review. */
    SUSPICIOUS_ACTIVITY,
    /** A manager's correction of a member's points; reference: "operator:ID", detail: the reason. */
    ADJUSTMENT,
    /**
     * A refund took back (negative deltas) part or all of what a sale earned, for one campaign;
     * campaign empty and deltas 0 when it took nothing back. Reference: the refund's id; visit: the
     * original sale's visit; detail: the proportion, any cut to zero and the vouchers of the sale.
     */
    REFUND,
    /**
     * Points lots older than the bundle's expiry age left the balance (negative points), written at
     * the member's next visit in that visit's transaction. Detail: the lots' points and dates.
     */
    POINTS_EXPIRED,
    /**
     * The member's tier changed at a visit's opening (deltas 0). Reference: {@code tier:ID} of the
     * new tier ({@code tier:none} below the lowest); detail: "silver → gold: " and why.
     */
    TIER_CHANGED,
    /**
     * An unfinished stamp card's stamps left it (negative stamps, the card's campaign) because its
     * first stamp is older than the campaign's {@code expiresAfterDays}; written at the member's next visit.
     */
    STAMPS_EXPIRED,
    /**
     * A referral bonus (points, possibly 0): one row for the new member (rule
     * {@code referral.new-member}, once per member) and one for the referrer ({@code referral.referrer}),
     * written together. Reference "referral"; visit: the new member's enrolment visit; detail: the
     * other member, masked.
     */
    REFERRAL_BONUS
}
