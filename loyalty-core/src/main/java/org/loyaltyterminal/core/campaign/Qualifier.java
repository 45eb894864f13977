package org.loyaltyterminal.core.campaign;

import java.util.Optional;
import java.util.Set;

/**
 * Which scanned items qualify for a campaign: an item qualifies when its code is listed, or when
 * the product table puts it in a listed category. At least one of the two sets is non-empty.
 */
public record Qualifier(Set<String> codes, Set<String> categories, boolean any) {
    /** Every item qualifies (a points campaign without "qualifying"). */
    public static final Qualifier ANY = new Qualifier(Set.of(), Set.of(), true);

    public Qualifier(Set<String> codes, Set<String> categories) {
        this(codes, categories, false);
    }

    public Qualifier {
        codes = Set.copyOf(codes);
        categories = Set.copyOf(categories);
        if (!any && codes.isEmpty() && categories.isEmpty()) {
            throw new IllegalArgumentException("a qualifier needs at least one code or category");
        }
    }

    /** Whether an item with this code (and category, when the product table knows it) qualifies. */
    public boolean test(String code, Optional<Product> product) {
        // asked for every campaign on every scan: no lambdas or Optionals allocated here
        return any
                || codes.contains(code)
                || (product.isPresent() && categories.contains(product.get().category()));
    }
}
