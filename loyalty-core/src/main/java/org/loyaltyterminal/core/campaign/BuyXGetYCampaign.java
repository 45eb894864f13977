package org.loyaltyterminal.core.campaign;

import java.util.Objects;

/**
 * Buy {@code buy} qualifying items in one visit, get a voucher for the catalogue reward
 * {@code voucher}: every {@code buy}-th qualifying item of the visit issues one.
 */
public record BuyXGetYCampaign(
        String id, ValidityWindow validity, Qualifier qualifier, int buy, String voucher, CampaignTerms terms)
        implements Campaign {
    public BuyXGetYCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(terms, "terms");
        if (buy < 1 || buy > 1000) {
            throw new IllegalArgumentException("campaign '" + id + "': buy must be between 1 and 1000, was " + buy);
        }
    }
}
