package org.loyaltyterminal.terminal.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The campaign rules in force and the product table they refer to, as loaded from a campaign
 * file (and later pushed by HQ). Immutable; validated when loaded.
 *
 * @param format    the file format version this bundle was written in
 * @param version   HQ's version of these rules; a newer bundle replaces an older one
 * @param products  product code (GTIN or SKU) to product
 * @param campaigns in file order, which is also the order awards are reported in
 */
public record CampaignBundle(int format, long version, Map<String, Product> products, List<Campaign> campaigns) {
    public CampaignBundle {
        if (format < 1 || version < 1) {
            throw new IllegalArgumentException(
                    "bundle format and version must be at least 1, were " + format + " and " + version);
        }
        products = Map.copyOf(products);
        campaigns = List.copyOf(campaigns);
        products.forEach((code, product) -> {
            if (!code.equals(product.code())) {
                throw new IllegalArgumentException(
                        "product table key \"" + code + "\" differs from the product's code \"" + product.code() + "\"");
            }
        });
        // Member balances are keyed by campaign id: two campaigns sharing one would share a card.
        Set<String> ids = new HashSet<>();
        for (Campaign campaign : campaigns) {
            if (!ids.add(campaign.id())) {
                throw new IllegalArgumentException("campaign id '" + campaign.id() + "' appears twice in bundle version "
                        + version + "; campaign ids must be unique");
            }
        }
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(products.get(code));
    }
}
