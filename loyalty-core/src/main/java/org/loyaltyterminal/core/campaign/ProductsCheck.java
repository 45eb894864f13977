package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The product table ({@code "products"}): codes unique, each with a category and a name. */
final class ProductsCheck {

    private static final List<String> FIELDS = List.of("code", "category", "name", "priceCents");

    /** The products by code; a product with a problem is left out, its problem recorded. */
    Map<String, Product> read(Fields top) {
        Map<String, Product> products = new LinkedHashMap<>();
        Map<String, String> firstPath = new HashMap<>();
        Optional<JsonNode> array = top.optionalArray("products");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            Optional<Fields> product = top.element("products", array.get(), i);
            if (product.isPresent()) {
                read(product.get(), firstPath).ifPresent(p -> products.put(p.code(), p));
            }
        }
        return products;
    }

    private static Optional<Product> read(Fields p, Map<String, String> firstPath) {
        p.rejectUnknown(FIELDS);
        Optional<String> code = p.text("code");
        Optional<String> category = p.text("category");
        Optional<String> name = p.text("name");
        Omittable<Long> price = p.optionalInteger("priceCents", 0, Reward.MAX_VALUE_CENTS);
        if (code.isPresent() && firstPath.containsKey(code.get())) {
            p.problem(
                    "code",
                    "code \"" + code.get() + "\" is already used by " + firstPath.get(code.get())
                            + "; each product code may appear once");
            return Optional.empty();
        }
        code.ifPresent(c -> firstPath.put(c, p.path().shown()));
        if (code.isEmpty() || category.isEmpty() || name.isEmpty() || price.isRefused()) {
            return Optional.empty();
        }
        OptionalLong shelfPrice = price.given().map(OptionalLong::of).orElse(OptionalLong.empty());
        return Optional.of(new Product(code.get(), category.get(), name.get(), shelfPrice));
    }
}
