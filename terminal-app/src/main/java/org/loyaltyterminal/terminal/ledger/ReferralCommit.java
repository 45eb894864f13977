package org.loyaltyterminal.terminal.ledger;

import java.util.List;
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

    /**
     * What the store did with a referral. A refusal is an answer the cashier reads, not a failure,
     * so it is a value: the scan's unit of work goes on and commits.
     */
    public sealed interface Result {}

    /** Both rows written: the new member's, then the referrer's. */
    public record Recorded(List<LedgerEntry> entries) implements Result {
        public Recorded {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Nothing written: either member is not enrolled here, or the new member was referred before.
     *
     * @param reason for the cashier, ending with what happened ("no change made")
     */
    public record Refused(String reason) implements Result {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
