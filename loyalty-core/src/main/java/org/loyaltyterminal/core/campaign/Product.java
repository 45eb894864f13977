package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A product from the bundle's product table.
 *
 * @param code     GTIN (as scanned, with check digit) or store SKU
 * @param category the category campaigns qualify on, e.g. "coffee"
 * @param name     for the trace and the status page; never used for matching
 * @param priceCents format 3: the shelf price, for points on items and for excluded categories
 */
public record Product(String code, String category, String name, OptionalLong priceCents) {
    public Product(String code, String category, String name) {
        this(code, category, name, OptionalLong.empty());
    }

    public Product {
        if (priceCents.isPresent() && priceCents.getAsLong() < 0) {
            throw new IllegalArgumentException(
                    "product " + code + ": priceCents must not be negative, was " + priceCents.getAsLong());
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        if (code.isEmpty() || category.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("product code, category and name must not be empty, were \"" + code
                    + "\", \"" + category + "\", \"" + name + "\"");
        }
    }
}
