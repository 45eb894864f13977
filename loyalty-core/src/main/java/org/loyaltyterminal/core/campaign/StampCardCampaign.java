package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * N stamps per qualifying item; when the card holds {@code cardSize} stamps it is complete, the
 * reward is earned and the surplus carries over to the next card.
 *
 * @param terms         scope, schedule, stacking and limits (limits count stamps)
 * @param voucherReward the catalogue reward issued as a voucher for each completed card, if any
 * @param expiresAfterDays an unfinished card's stamps leave it this many days (of 24 hours) after
 *                      the card's first stamp, at the member's next visit (format 3); empty: never
 */
public record StampCardCampaign(
        String id,
        ValidityWindow validity,
        Qualifier qualifier,
        int stampsPerItem,
        int cardSize,
        String reward,
        Optional<String> voucherReward,
        CampaignTerms terms,
        OptionalInt expiresAfterDays)
        implements Campaign {

    public StampCardCampaign(
            String id,
            ValidityWindow validity,
            Qualifier qualifier,
            int stampsPerItem,
            int cardSize,
            String reward,
            Optional<String> voucherReward,
            CampaignTerms terms) {
        this(id, validity, qualifier, stampsPerItem, cardSize, reward, voucherReward, terms, OptionalInt.empty());
    }

    public StampCardCampaign(
            String id,
            ValidityWindow validity,
            Qualifier qualifier,
            int stampsPerItem,
            int cardSize,
            String reward,
            Optional<String> voucherReward) {
        this(id, validity, qualifier, stampsPerItem, cardSize, reward, voucherReward, CampaignTerms.DEFAULT);
    }

    public StampCardCampaign(
            String id, ValidityWindow validity, Qualifier qualifier, int stampsPerItem, int cardSize, String reward) {
        this(id, validity, qualifier, stampsPerItem, cardSize, reward, Optional.empty());
    }

    /** The largest card a campaign may define; larger cards are almost certainly a typo. */
    public static final int MAX_CARD_SIZE = 1000;

    public StampCardCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(voucherReward, "voucherReward");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(expiresAfterDays, "expiresAfterDays");
        if (expiresAfterDays.isPresent() && (expiresAfterDays.getAsInt() < 1 || expiresAfterDays.getAsInt() > 3650)) {
            throw new IllegalArgumentException(
                    "campaign '" + id + "': expiresAfterDays must be 1..3650, was " + expiresAfterDays.getAsInt());
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("campaign id must not be empty");
        }
        if (reward.isBlank()) {
            throw new IllegalArgumentException("campaign '" + id + "': reward must not be empty");
        }
        if (stampsPerItem < 1) {
            throw new IllegalArgumentException("stampsPerItem must be at least 1, was " + stampsPerItem);
        }
        if (cardSize < 1 || cardSize > MAX_CARD_SIZE) {
            throw new IllegalArgumentException("cardSize must be between 1 and " + MAX_CARD_SIZE + ", was " + cardSize);
        }
    }
}
