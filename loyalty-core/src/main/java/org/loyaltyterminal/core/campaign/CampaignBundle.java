package org.loyaltyterminal.core.campaign;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The campaign rules in force and the product table they refer to, as loaded from a campaign
 * file (and later pushed by HQ). Immutable; validated when loaded.
 *
 * @param format    the file format version this bundle was written in
 * @param version   HQ's version of these rules; a newer bundle replaces an older one
 * @param products  product code (GTIN or SKU) to product
 * @param campaigns in evaluation order, whatever the file's order: priority high to low, then id
 *                  (so that the result never depends on how HQ happened to write the file); awards
 *                  are reported in this order
 * @param rewards   the reward catalogue (format 2): ids, slots and control codes unique
 * @param safeguards bundle-wide limits against abuse (format 3)
 * @param programme  points expiry and tiers (format 3)
 */
public record CampaignBundle(
        int format,
        long version,
        Map<String, Product> products,
        List<Campaign> campaigns,
        List<Reward> rewards,
        Safeguards safeguards,
        MemberProgramme programme) {

    public CampaignBundle(
            int format,
            long version,
            Map<String, Product> products,
            List<Campaign> campaigns,
            List<Reward> rewards,
            Safeguards safeguards) {
        this(format, version, products, campaigns, rewards, safeguards, MemberProgramme.NONE);
    }

    public CampaignBundle(int format, long version, Map<String, Product> products, List<Campaign> campaigns) {
        this(format, version, products, campaigns, List.of());
    }

    public CampaignBundle(
            int format, long version, Map<String, Product> products, List<Campaign> campaigns, List<Reward> rewards) {
        this(format, version, products, campaigns, rewards, Safeguards.NONE);
    }

    /** Priority high to low, then id: the only order campaigns are ever evaluated in. */
    public static final Comparator<Campaign> EVALUATION_ORDER =
            Comparator.comparingInt((Campaign c) -> -c.terms().priority()).thenComparing(Campaign::id);

    public CampaignBundle {
        if (format < 1 || version < 1) {
            throw new IllegalArgumentException(
                    "bundle format and version must be at least 1, were " + format + " and " + version);
        }
        products = Map.copyOf(products);
        campaigns = campaigns.stream().sorted(EVALUATION_ORDER).toList();
        rewards = List.copyOf(rewards);
        Objects.requireNonNull(safeguards, "safeguards");
        Objects.requireNonNull(programme, "programme");
        products.forEach((code, product) -> {
            if (!code.equals(product.code())) {
                throw new IllegalArgumentException("product table key \"" + code
                        + "\" differs from the product's code \"" + product.code() + "\"");
            }
        });
        // Member balances are keyed by campaign id: two campaigns sharing one would share a card.
        Set<String> ids = new HashSet<>();
        for (Campaign campaign : campaigns) {
            if (!ids.add(campaign.id())) {
                throw new IllegalArgumentException("campaign id '" + campaign.id()
                        + "' appears twice in bundle version " + version + "; campaign ids must be unique");
            }
        }
        Set<String> rewardIds = new HashSet<>();
        Set<Integer> slots = new HashSet<>();
        Set<String> controlCodes = new HashSet<>();
        for (Reward reward : rewards) {
            if (!rewardIds.add(reward.id())
                    || !slots.add(reward.slot())
                    || reward.controlCode()
                            .filter(code -> !controlCodes.add(code))
                            .isPresent()) {
                throw new IllegalArgumentException(
                        "reward '" + reward.id() + "' repeats an id, slot or control code in bundle version " + version
                                + "; each must be unique");
            }
        }
        for (Campaign campaign : campaigns) {
            Optional<String> voucher = voucherRewardId(campaign);
            if (voucher.filter(r -> !rewardIds.contains(r)).isPresent()) {
                throw new IllegalArgumentException("campaign '" + campaign.id() + "' issues reward '" + voucher.get()
                        + "', which is not in the reward catalogue");
            }
        }
    }

    private static Optional<String> voucherRewardId(Campaign campaign) {
        return switch (campaign) {
            case StampCardCampaign s -> s.voucherReward();
            case BuyXGetYCampaign b -> Optional.of(b.voucher());
            case PointsCampaign _, BonusCampaign _ -> Optional.empty();
        };
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(products.get(code));
    }

    public Optional<Reward> reward(String id) {
        return rewards.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The reward a voucher code's slot names in this catalogue. */
    public Optional<Reward> rewardInSlot(int slot) {
        return rewards.stream().filter(r -> r.slot() == slot).findFirst();
    }

    /** The reward bought with points by scanning {@code code}, if it is a control code. */
    public Optional<Reward> rewardByControlCode(String code) {
        return rewards.stream()
                .filter(r -> r.controlCode().filter(code::equals).isPresent())
                .findFirst();
    }

    /** Whether {@code code} is the take code of the bundle's reward offer. */
    public boolean isTakeCode(String code) {
        return programme.rewardOffer().filter(o -> o.takeCode().equals(code)).isPresent();
    }

    /** The reward the terminal offers a member with {@code points}, by the bundle's policy; empty without one. */
    public Optional<Reward> offerFor(long points) {
        return programme.rewardOffer().flatMap(o -> o.pick(rewards, points));
    }

    /** The voucher a completed card of {@code campaignId} earns, if the campaign names one. */
    public Optional<Reward> voucherFor(String campaignId) {
        return campaigns.stream()
                .filter(c -> c.id().equals(campaignId))
                .flatMap(c -> voucherRewardId(c).stream())
                .findFirst()
                .flatMap(this::reward);
    }
}
