package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code "type": "stamp-card"}: stamps per qualifying item, a card size, a reward and maybe a voucher. */
final class StampCardCheck implements CampaignKindCheck {

    private static final List<String> FIELDS =
            List.of("qualifying", "stampsPerItem", "cardSize", "reward", "voucher", "expiresAfterDays");

    @Override
    public String type() {
        return "stamp-card";
    }

    @Override
    public int since() {
        return 1;
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public Optional<Campaign> read(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Qualifier> qualifier = c.object("qualifying").flatMap(CampaignKindCheck::qualifier);
        Optional<Long> stampsPerItem = c.integer("stampsPerItem", 1, 1, Integer.MAX_VALUE);
        Optional<Long> cardSize = c.integer("cardSize", 1, StampCardCampaign.MAX_CARD_SIZE);
        Optional<String> reward = c.text("reward");
        Omittable<String> voucher = c.optionalText("voucher");
        Omittable<Long> expires = c.optionalInteger("expiresAfterDays", 1, 3650);
        if (id.isEmpty()
                || validity.isEmpty()
                || qualifier.isEmpty()
                || stampsPerItem.isEmpty()
                || cardSize.isEmpty()
                || reward.isEmpty()
                || voucher.isRefused()
                || expires.isRefused()) {
            return Optional.empty();
        }
        OptionalInt expiresAfterDays =
                expires.given().map(d -> OptionalInt.of(d.intValue())).orElse(OptionalInt.empty());
        return CampaignKindCheck.build(
                c,
                () -> new StampCardCampaign(
                        id.get(),
                        validity.get(),
                        qualifier.get(),
                        stampsPerItem.get().intValue(),
                        cardSize.get().intValue(),
                        reward.get(),
                        voucher.given(),
                        terms,
                        expiresAfterDays));
    }
}
