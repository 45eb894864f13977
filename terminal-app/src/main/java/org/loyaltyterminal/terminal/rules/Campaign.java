package org.loyaltyterminal.terminal.rules;

/** A rule that turns what happens in a visit into awards. */
public sealed interface Campaign permits StampCardCampaign, PointsCampaign {
    String id();

    ValidityWindow validity();
}
