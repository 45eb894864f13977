package org.loyaltyterminal.core.campaign;

/** A rule that turns what happens in a visit into awards. */
public sealed interface Campaign permits StampCardCampaign, PointsCampaign, BonusCampaign, BuyXGetYCampaign {
    String id();

    ValidityWindow validity();

    /** Scope, schedule, stacking and limits; {@link CampaignTerms#DEFAULT} before format 3. */
    CampaignTerms terms();
}
