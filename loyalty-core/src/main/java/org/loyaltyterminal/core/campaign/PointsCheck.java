package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code "type": "points"}: points on the receipt or on items, per unit of money or per item,
 * with category multipliers and exclusions (format 3).
 */
final class PointsCheck implements CampaignKindCheck {

    private static final List<String> FIELDS = List.of(
            "pointsPerUnit",
            "unitCents",
            "rounding",
            "basis",
            "pointsPerItem",
            "qualifying",
            "categoryMultipliers",
            "excludedCategories");

    @Override
    public String type() {
        return "points";
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
        Optional<Long> pointsPerItem = c.integer("pointsPerItem", 0, 1, Integer.MAX_VALUE);
        // A per-item campaign may leave out pointsPerUnit (it then earns nothing on the amount).
        Optional<Long> pointsPerUnit = c.has("pointsPerItem")
                ? c.integer("pointsPerUnit", 0, 1, Long.MAX_VALUE)
                : c.integer("pointsPerUnit", 1, Long.MAX_VALUE);
        Optional<PointsBasis> basis = c.choice(
                        "basis", Fields.oneOf("receipt", PointsBasis.RECEIPT, "items", PointsBasis.ITEMS))
                .orElse(PointsBasis.RECEIPT);
        Optional<Qualifier> qualifying = c.section("qualifying", Qualifier.ANY, CampaignKindCheck::qualifier);
        Optional<Map<String, Integer>> multipliers =
                c.section("categoryMultipliers", Map.of(), m -> m.integers(0, PointsCampaign.MAX_MULTIPLIER));
        Optional<Set<String>> excluded = c.optionalStrings("excludedCategories");
        Optional<Long> unitCents = c.integer("unitCents", 100, 1, Long.MAX_VALUE);
        Optional<Rounding> rounding = c.choice(
                        "rounding", Fields.oneOf("down", Rounding.DOWN, "half-up", Rounding.HALF_UP))
                .orElse(Rounding.DOWN);
        if (id.isEmpty()
                || validity.isEmpty()
                || pointsPerUnit.isEmpty()
                || unitCents.isEmpty()
                || rounding.isEmpty()
                || pointsPerItem.isEmpty()
                || basis.isEmpty()
                || qualifying.isEmpty()
                || multipliers.isEmpty()
                || excluded.isEmpty()) {
            return Optional.empty();
        }
        if (c.has("qualifying") && !c.format().hasRules()) {
            c.problem("qualifying", "on a points campaign " + c.format().needs(FileFormat.RULES));
            return Optional.empty();
        }
        if (c.has("qualifying") && !c.has("pointsPerItem") && basis.get() == PointsBasis.RECEIPT) {
            c.problem(
                    "qualifying",
                    "counts only per item or on the items basis; add \"pointsPerItem\" or"
                            + " \"basis\": \"items\", or remove it");
            return Optional.empty();
        }
        return CampaignKindCheck.build(
                c,
                () -> new PointsCampaign(
                        id.get(),
                        validity.get(),
                        pointsPerUnit.get(),
                        unitCents.get(),
                        rounding.get(),
                        basis.get(),
                        pointsPerItem.get(),
                        qualifying.get(),
                        multipliers.get(),
                        excluded.get(),
                        terms));
    }
}
