package org.loyaltyterminal.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;

/**
 * The items scanned earlier in a visit with their products, looked up in the product table once
 * per engine call: a receipt is weighed by every money campaign, and each would otherwise look up
 * every item again in a table of thousands of products. Built on first use.
 */
final class Basket {
    /** One scanned item and what the product table says of it. */
    record Line(ItemScanned item, Optional<Product> product) {
        /** Only for {@link Basket#priced()} lines: shelf price times quantity. */
        long cents() {
            return Math.multiplyExact(product.orElseThrow().priceCents().orElseThrow(), (long) item.quantity());
        }

        String category() {
            return product.orElseThrow().category();
        }
    }

    private final List<ItemScanned> items;
    private final CampaignBundle rules;
    private List<Line> lines;
    private List<Line> priced;

    Basket(List<ItemScanned> items, CampaignBundle rules) {
        this.items = items;
        this.rules = rules;
    }

    /** Every earlier item, in scan order. */
    List<Line> lines() {
        if (lines == null) {
            List<Line> all = new ArrayList<>(items.size());
            for (ItemScanned item : items) {
                all.add(new Line(item, rules.product(item.code())));
            }
            lines = all;
        }
        return lines;
    }

    /** The earlier items the product table prices: the only ones money can be weighed on. */
    List<Line> priced() {
        if (priced == null) {
            List<Line> withPrice = new ArrayList<>(items.size());
            for (Line line : lines()) {
                if (line.product().isPresent()
                        && line.product().get().priceCents().isPresent()) {
                    withPrice.add(line);
                }
            }
            priced = withPrice;
        }
        return priced;
    }
}
