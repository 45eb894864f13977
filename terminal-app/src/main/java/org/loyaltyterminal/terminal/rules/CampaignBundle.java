package org.loyaltyterminal.terminal.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        products = Map.copyOf(products);
        campaigns = List.copyOf(campaigns);
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(products.get(code));
    }
}
