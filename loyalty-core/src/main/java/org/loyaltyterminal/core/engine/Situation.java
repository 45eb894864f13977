package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Where and when an input is judged: the store and terminal (for scope), the store's time zone
 * (schedules, "per day" limits, birthdays), the rule time, and the visit it belongs to with the
 * items scanned in it before this input (for points on items, exclusions, buy X get Y).
 */
public record Situation(
        String storeId,
        String terminalId,
        ZoneId zone,
        RuleTime time,
        String visitId,
        List<VisitInput.ItemScanned> earlierItems) {
    public Situation {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(visitId, "visitId");
        earlierItems = List.copyOf(earlierItems);
    }

    /** A trusted instant in UTC at an unnamed till, no visit history: what formats 1 and 2 need. */
    public static Situation at(Instant at) {
        return new Situation("", "", ZoneOffset.UTC, RuleTime.trusted(at), "", List.of());
    }
}
