package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * Bundle-wide rules about a member's account rather than one campaign (format 3): when points
 * expire, the tier ladder, the referral bonus and the reward the terminal offers.
 */
public record MemberProgramme(
        Optional<PointsExpiry> pointsExpiry,
        Tiers tiers,
        Optional<Referral> referral,
        Optional<RewardOffer> rewardOffer) {
    public static final MemberProgramme NONE = new MemberProgramme(Optional.empty(), Tiers.NONE);

    public MemberProgramme(Optional<PointsExpiry> pointsExpiry, Tiers tiers) {
        this(pointsExpiry, tiers, Optional.empty());
    }

    public MemberProgramme(Optional<PointsExpiry> pointsExpiry, Tiers tiers, Optional<Referral> referral) {
        this(pointsExpiry, tiers, referral, Optional.empty());
    }

    public MemberProgramme {
        Objects.requireNonNull(pointsExpiry, "pointsExpiry");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(referral, "referral");
        Objects.requireNonNull(rewardOffer, "rewardOffer");
    }
}
