package org.loyaltyterminal.terminal.rules;

import java.util.Objects;

/**
 * Points on the receipt amount: {@code pointsPerUnit} points for every {@code unitCents} cents,
 * rounded by {@code rounding}. A receipt of 0 or less earns nothing here (refunds come later).
 */
public record PointsCampaign(String id, ValidityWindow validity, long pointsPerUnit, long unitCents, Rounding rounding)
        implements Campaign {
    public PointsCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(rounding, "rounding");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("campaign id must not be empty");
        }
        if (pointsPerUnit < 1) {
            throw new IllegalArgumentException("pointsPerUnit must be at least 1, was " + pointsPerUnit);
        }
        if (unitCents < 1) {
            throw new IllegalArgumentException("unitCents must be at least 1, was " + unitCents);
        }
    }
}
