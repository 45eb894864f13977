package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Optional;

/** {@code "type": "bonus"} (format 3): points for a welcome, a birthday or the Nth visit in a period. */
final class BonusCheck implements CampaignKindCheck {

    private static final List<String> FIELDS = List.of("trigger", "points", "n", "period");

    private enum Trigger {
        WELCOME,
        BIRTHDAY,
        NTH_VISIT
    }

    @Override
    public String type() {
        return "bonus";
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
        Optional<Long> points = c.integer("points", 1, Integer.MAX_VALUE);
        Optional<BonusTrigger> trigger = c.requiredChoice(
                        "trigger",
                        Fields.oneOf(
                                "welcome",
                                Trigger.WELCOME,
                                "birthday",
                                Trigger.BIRTHDAY,
                                "nth-visit",
                                Trigger.NTH_VISIT))
                .flatMap(kind -> switch (kind) {
                    case WELCOME -> Optional.of(new BonusTrigger.Welcome());
                    case BIRTHDAY -> Optional.of(new BonusTrigger.Birthday());
                    case NTH_VISIT -> nthVisit(c);
                });
        if (trigger.isPresent() && !(trigger.get() instanceof BonusTrigger.NthVisit)) {
            for (String f : List.of("n", "period")) {
                if (c.has(f)) {
                    c.problem(f, "belongs to the \"nth-visit\" trigger only; remove it");
                    return Optional.empty();
                }
            }
        }
        if (id.isEmpty() || validity.isEmpty() || points.isEmpty() || trigger.isEmpty()) {
            return Optional.empty();
        }
        return CampaignKindCheck.build(
                c, () -> new BonusCampaign(id.get(), validity.get(), trigger.get(), points.get(), terms));
    }

    private static Optional<BonusTrigger> nthVisit(Fields c) {
        Optional<Long> n = c.integer("n", 2, 1000);
        Optional<BonusTrigger.Period> period = c.requiredChoice(
                "period",
                Fields.oneOf(
                        "day",
                        BonusTrigger.Period.DAY,
                        "week",
                        BonusTrigger.Period.WEEK,
                        "month",
                        BonusTrigger.Period.MONTH));
        if (n.isEmpty() || period.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BonusTrigger.NthVisit(n.get().intValue(), period.get()));
    }
}
