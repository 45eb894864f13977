package org.loyaltyterminal.terminal.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's day so far, from the ledger. Only what left a ledger row counts: a member card
 * scanned for a visit that earned nothing is not in the ledger, so it is not "seen" here.
 *
 * @param day              the store's local date
 * @param zone             the store's time zone ({@code store.time-zone})
 * @param visits           distinct visits with a ledger row today
 * @param membersSeen      distinct member cards with a ledger row today
 * @param enrolments       new (provisional) members enrolled today
 * @param stamps           stamps added to stamp cards
 * @param cardsCompleted   stamp cards completed (rewards earned)
 * @param points           points awarded
 * @param vouchersIssued   vouchers issued
 * @param vouchersRedeemed vouchers redeemed
 * @param returningMembers members seen today who also have a ledger row in the 30 days before today
 * @param suspiciousFlags  suspicious-activity flags raised today (SUSPICIOUS_ACTIVITY rows), for HQ to review
 */
public record TodayFigures(
        LocalDate day,
        ZoneId zone,
        long visits,
        long membersSeen,
        long enrolments,
        long stamps,
        long cardsCompleted,
        long points,
        long vouchersIssued,
        long vouchersRedeemed,
        long returningMembers,
        long suspiciousFlags) {
    /** Days before today in which an earlier ledger row makes a member "returning". */
    public static final int RETURNING_WINDOW_DAYS = 30;

    public TodayFigures {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
        if (returningMembers > membersSeen) {
            throw new IllegalArgumentException(
                    "returning members " + returningMembers + " exceed members seen " + membersSeen);
        }
    }

    /** Share of members seen today who came back within 30 days; empty before the first member. */
    public Optional<Double> returningShare() {
        return membersSeen == 0 ? Optional.empty() : Optional.of((double) returningMembers / membersSeen);
    }
}
