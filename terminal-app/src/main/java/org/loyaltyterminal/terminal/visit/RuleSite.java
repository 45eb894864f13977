package org.loyaltyterminal.terminal.visit;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where this terminal stands, as the campaign rules see it: store and terminal ids for a
 * campaign's scope, and the store's time zone for schedules, "per day" limits and birthdays.
 */
public record RuleSite(String storeId, String terminalId, ZoneId zone) {
    public RuleSite {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(zone, "zone");
    }
}
