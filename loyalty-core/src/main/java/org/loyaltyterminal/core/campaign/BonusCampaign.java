package org.loyaltyterminal.core.campaign;

import java.util.Objects;

/**
 * Points for something the member does rather than buys: joining, a birthday visit, the Nth
 * visit in a period, or joining with a referral code (both members earn).
 */
public record BonusCampaign(String id, ValidityWindow validity, BonusTrigger trigger, long points, CampaignTerms terms)
        implements Campaign {
    public BonusCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(terms, "terms");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("campaign id must not be empty");
        }
        if (points < 1) {
            throw new IllegalArgumentException("campaign '" + id + "': points must be at least 1, was " + points);
        }
    }
}
