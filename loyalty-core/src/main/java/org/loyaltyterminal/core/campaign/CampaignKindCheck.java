package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The fields and rules of one {@code "type"} of campaign; {@link CampaignsCheck} reads what every
 * campaign has and hands the rest to the kind the campaign names.
 */
sealed interface CampaignKindCheck permits StampCardCheck, PointsCheck, BonusCheck, BuyXGetYCheck {

    /** The value of {@code "type"} that names this kind. */
    String type();

    /** The first file format with this kind. */
    int since();

    /** The fields of this kind, besides those every campaign has. */
    List<String> fields();

    /**
     * Reads this kind's fields of {@code c}; the campaign when they and {@code id} and {@code
     * validity} are good, else empty with the problems recorded.
     */
    Optional<Campaign> read(Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms);

    /** {@code "qualifying"}: categories, codes, at least one entry overall. */
    static Optional<Qualifier> qualifier(Fields q) {
        q.rejectUnknown(List.of("categories", "codes"));
        Optional<Set<String>> categories = q.optionalStrings("categories");
        Optional<Set<String>> codes = q.optionalStrings("codes");
        if (categories.isEmpty() || codes.isEmpty()) {
            return Optional.empty();
        }
        if (categories.get().isEmpty() && codes.get().isEmpty()) {
            q.problemHere("needs at least one entry in \"categories\" or \"codes\", was "
                    + (q.node().isEmpty() ? "an empty object" : "empty lists")
                    + "; a campaign nothing qualifies for never awards a stamp");
            return Optional.empty();
        }
        return Optional.of(new Qualifier(codes.get(), categories.get()));
    }

    /*
     * The records validate too; a rule they enforce that this check missed still becomes a
     * problem with a path rather than an unexplained IllegalArgumentException.
     */
    static Optional<Campaign> build(Fields c, Supplier<Campaign> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            c.problemHere(e.getMessage());
            return Optional.empty();
        }
    }
}
