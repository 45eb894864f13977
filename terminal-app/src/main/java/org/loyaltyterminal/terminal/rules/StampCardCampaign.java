package org.loyaltyterminal.terminal.rules;

import java.util.Objects;

/**
 * N stamps per qualifying item; when the card holds {@code cardSize} stamps it is complete, the
 * reward is earned and the surplus carries over to the next card.
 */
public record StampCardCampaign(
        String id, ValidityWindow validity, Qualifier qualifier, int stampsPerItem, int cardSize, String reward)
        implements Campaign {
    public StampCardCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(reward, "reward");
        if (stampsPerItem < 1) {
            throw new IllegalArgumentException("stampsPerItem must be at least 1, was " + stampsPerItem);
        }
        if (cardSize < 1) {
            throw new IllegalArgumentException("cardSize must be at least 1, was " + cardSize);
        }
    }
}
