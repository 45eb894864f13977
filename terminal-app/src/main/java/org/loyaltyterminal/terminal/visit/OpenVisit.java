package org.loyaltyterminal.terminal.visit;

import java.util.Objects;

/** The visit in progress: whose card opened it and when it last saw activity (monotonic). */
public record OpenVisit(String visitId, String memberCard, long openedNanos, long lastActivityNanos) {
    public OpenVisit {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(memberCard, "memberCard");
    }

    OpenVisit touched(long now) {
        return new OpenVisit(visitId, memberCard, openedNanos, now);
    }
}
