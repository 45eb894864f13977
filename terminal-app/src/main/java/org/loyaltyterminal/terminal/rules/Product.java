package org.loyaltyterminal.terminal.rules;

import java.util.Objects;

/**
 * A product from the bundle's product table.
 *
 * @param code     GTIN (as scanned, with check digit) or store SKU
 * @param category the category campaigns qualify on, e.g. "coffee"
 * @param name     for the trace and the status page; never used for matching
 */
public record Product(String code, String category, String name) {
    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        if (code.isEmpty() || category.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException(
                    "product code, category and name must not be empty, were \"" + code + "\", \"" + category
                            + "\", \"" + name + "\"");
        }
    }
}
