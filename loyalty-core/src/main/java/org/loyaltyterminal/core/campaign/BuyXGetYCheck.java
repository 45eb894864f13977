package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Optional;

/** {@code "type": "buy-x-get-y"} (format 3): every {@code buy}-th qualifying item of a visit issues a voucher. */
final class BuyXGetYCheck implements CampaignKindCheck {

    private static final List<String> FIELDS = List.of("qualifying", "buy", "voucher");

    @Override
    public String type() {
        return "buy-x-get-y";
    }

    @Override
    public int since() {
        return FileFormat.RULES;
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public Optional<Campaign> read(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Qualifier> qualifier = c.object("qualifying").flatMap(CampaignKindCheck::qualifier);
        Optional<Long> buy = c.integer("buy", 1, 1000);
        Optional<String> voucher = c.text("voucher");
        if (id.isEmpty() || validity.isEmpty() || qualifier.isEmpty() || buy.isEmpty() || voucher.isEmpty()) {
            return Optional.empty();
        }
        return CampaignKindCheck.build(
                c,
                () -> new BuyXGetYCampaign(
                        id.get(), validity.get(), qualifier.get(), buy.get().intValue(), voucher.get(), terms));
    }
}
