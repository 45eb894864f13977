package org.loyaltyterminal.core.campaign;

import java.util.Objects;

/** What earns a bonus. */
public sealed interface BonusTrigger {
    /** The member's enrolment (first scan of a new card). */
    record Welcome() implements BonusTrigger {}

    /** The member's first visit on their birthday (day and month, store time zone), once a year. */
    record Birthday() implements BonusTrigger {}

    /** The member's Nth visit in the current day, week (Monday first) or month, store time zone. */
    record NthVisit(int n, Period period) implements BonusTrigger {
        public NthVisit {
            Objects.requireNonNull(period, "period");
            if (n < 2 || n > 1000) {
                throw new IllegalArgumentException("the Nth visit must be between 2 and 1000, was " + n);
            }
        }
    }

    /** Calendar periods in the store's time zone. */
    enum Period {
        DAY,
        WEEK,
        MONTH
    }
}
