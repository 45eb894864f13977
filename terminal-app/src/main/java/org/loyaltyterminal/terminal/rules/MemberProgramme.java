package org.loyaltyterminal.terminal.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * Bundle-wide rules about a member's account rather than one campaign (format 3): when points
 * expire and the tier ladder.
 */
public record MemberProgramme(Optional<PointsExpiry> pointsExpiry, Tiers tiers) {
    public static final MemberProgramme NONE = new MemberProgramme(Optional.empty(), Tiers.NONE);

    public MemberProgramme {
        Objects.requireNonNull(pointsExpiry, "pointsExpiry");
        Objects.requireNonNull(tiers, "tiers");
    }
}
