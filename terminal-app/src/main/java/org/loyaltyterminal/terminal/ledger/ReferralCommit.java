package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;

/**
 * A referral bonus to write: both members' rows in one transaction, once per new member.
 *
 * @param newMember      the member enrolled in this visit
 * @param referrer       the member whose code was scanned
 * @param visitId        the new member's enrolment visit
 */
public record ReferralCommit(
        String newMember,
        String referrer,
        long newMemberPoints,
        long referrerPoints,
        String visitId,
        long bundleVersion,
        EventTime time) {
    public ReferralCommit {
        Objects.requireNonNull(newMember, "newMember");
        Objects.requireNonNull(referrer, "referrer");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(time, "time");
        if (newMember.equals(referrer)) {
            throw new IllegalArgumentException("a member cannot refer themselves");
        }
        if (newMemberPoints < 0 || referrerPoints < 0) {
            throw new IllegalArgumentException(
                    "referral points must not be negative, were " + newMemberPoints + " and " + referrerPoints);
        }
    }
}
