package org.loyaltyterminal.terminal.rules;

import java.util.Set;

/**
 * Which scanned items qualify for a campaign: an item qualifies when its code is listed, or when
 * the product table puts it in a listed category. At least one of the two sets is non-empty.
 */
public record Qualifier(Set<String> codes, Set<String> categories) {
    public Qualifier {
        codes = Set.copyOf(codes);
        categories = Set.copyOf(categories);
        if (codes.isEmpty() && categories.isEmpty()) {
            throw new IllegalArgumentException("a qualifier needs at least one code or category");
        }
    }
}
