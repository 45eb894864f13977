package org.loyaltyterminal.core.campaign;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Points for money spent: {@code pointsPerUnit} points for every {@code unitCents} cents, rounded by
 * {@code rounding} once on the visit's total, plus {@code pointsPerItem} for each item scanned.
 * A receipt of 0 or less earns nothing here.
 *
 * @param basis               what the money is: the receipt amount, or the priced items of the visit
 * @param pointsPerUnit       0 for a campaign that awards per item only
 * @param pointsPerItem       points for each qualifying item scanned, times its category multiplier
 * @param qualifying          which items count (per item, and for the items basis); {@link Qualifier#ANY} for all
 * @param categoryMultipliers whole-number multipliers by product category; 1 when not listed
 * @param excludedCategories  never earn: per item nothing, and their price is taken off the receipt
 */
public record PointsCampaign(
        String id,
        ValidityWindow validity,
        long pointsPerUnit,
        long unitCents,
        Rounding rounding,
        PointsBasis basis,
        long pointsPerItem,
        Qualifier qualifying,
        Map<String, Integer> categoryMultipliers,
        Set<String> excludedCategories,
        CampaignTerms terms)
        implements Campaign {

    /** The largest category multiplier: more is almost certainly a typo. */
    public static final int MAX_MULTIPLIER = 100;

    public PointsCampaign(String id, ValidityWindow validity, long pointsPerUnit, long unitCents, Rounding rounding) {
        this(
                id,
                validity,
                pointsPerUnit,
                unitCents,
                rounding,
                PointsBasis.RECEIPT,
                0,
                Qualifier.ANY,
                Map.of(),
                Set.of(),
                CampaignTerms.DEFAULT);
    }

    public PointsCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(qualifying, "qualifying");
        Objects.requireNonNull(terms, "terms");
        categoryMultipliers = Map.copyOf(categoryMultipliers);
        excludedCategories = Set.copyOf(excludedCategories);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("campaign id must not be empty");
        }
        if (pointsPerUnit < 0 || pointsPerItem < 0 || (pointsPerUnit == 0 && pointsPerItem == 0)) {
            throw new IllegalArgumentException(
                    "campaign '" + id + "': needs pointsPerUnit or pointsPerItem of at least 1, were " + pointsPerUnit
                            + " and " + pointsPerItem);
        }
        if (unitCents < 1) {
            throw new IllegalArgumentException("unitCents must be at least 1, was " + unitCents);
        }
        categoryMultipliers.forEach((category, m) -> {
            if (m < 0 || m > MAX_MULTIPLIER) {
                throw new IllegalArgumentException("campaign '" + id + "': multiplier for '" + category
                        + "' must be between 0 and " + MAX_MULTIPLIER + ", was " + m);
            }
        });
    }

    public int multiplier(String category) {
        return categoryMultipliers.getOrDefault(category, 1);
    }
}
