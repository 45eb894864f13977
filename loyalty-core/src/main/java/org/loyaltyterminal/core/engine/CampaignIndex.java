package org.loyaltyterminal.core.engine;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Qualifier;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/**
 * Which campaigns of a bundle can possibly award on an input, built once per bundle so that an item
 * scan looks at the few campaigns that name its code or category instead of all of them.
 *
 * <p>Exact, not a heuristic: a campaign left out could not have awarded on that input (a stamp
 * card, points per item and buy X get Y award on an item only when their qualifier matches it;
 * bonuses act only when a visit opens; money only on a receipt). Candidates keep the bundle's
 * evaluation order, so stacking and exclusivity give the same result as a scan of every campaign
 * (property-tested against that full scan in {@code EnginePropertiesTest}).
 */
final class CampaignIndex {
    /**
     * The bundle this index was built for, compared by identity: a record's equals would walk the
     * whole bundle on every scan. Weak, so a replaced bundle is not kept alive by its old index.
     */
    private final WeakReference<CampaignBundle> bundle;

    private final List<Campaign> onOpen;
    private final List<Campaign> onReceipt;
    private final List<Campaign> onEveryItem;
    private final Map<String, List<Campaign>> byCode;
    private final Map<String, List<Campaign>> byCategory;
    private final IdentityHashMap<Campaign, Integer> order;
    private final Set<String> limited;

    private CampaignIndex(CampaignBundle bundle) {
        this.bundle = new WeakReference<>(bundle);
        List<Campaign> open = new ArrayList<>();
        List<Campaign> receipt = new ArrayList<>();
        List<Campaign> every = new ArrayList<>();
        Map<String, List<Campaign>> codes = new HashMap<>();
        Map<String, List<Campaign>> categories = new HashMap<>();
        IdentityHashMap<Campaign, Integer> ordinals = new IdentityHashMap<>();
        Set<String> withLimits = new HashSet<>();
        List<Campaign> campaigns = bundle.campaigns();
        for (int i = 0; i < campaigns.size(); i++) {
            Campaign campaign = campaigns.get(i);
            ordinals.put(campaign, i);
            if (campaign.terms().limits().any()) {
                withLimits.add(campaign.id());
            }
            switch (campaign) {
                case StampCardCampaign card -> onItems(card, card.qualifier(), every, codes, categories);
                case BuyXGetYCampaign buy -> onItems(buy, buy.qualifier(), every, codes, categories);
                case PointsCampaign points -> {
                    if (points.pointsPerItem() > 0) {
                        onItems(points, points.qualifying(), every, codes, categories);
                    }
                    if (points.pointsPerUnit() > 0) {
                        receipt.add(points);
                    }
                }
                case BonusCampaign bonus -> open.add(bonus);
            }
        }
        this.onOpen = List.copyOf(open);
        this.onReceipt = List.copyOf(receipt);
        this.onEveryItem = List.copyOf(every);
        codes.replaceAll((k, v) -> List.copyOf(v));
        categories.replaceAll((k, v) -> List.copyOf(v));
        this.byCode = Map.copyOf(codes);
        this.byCategory = Map.copyOf(categories);
        this.order = ordinals;
        this.limited = Set.copyOf(withLimits);
    }

    static CampaignIndex of(CampaignBundle bundle) {
        return new CampaignIndex(bundle);
    }

    /** Whether this index was built for exactly this bundle object. */
    boolean isFor(CampaignBundle rules) {
        return bundle.refersTo(rules);
    }

    private static void onItems(
            Campaign campaign,
            Qualifier qualifier,
            List<Campaign> every,
            Map<String, List<Campaign>> codes,
            Map<String, List<Campaign>> categories) {
        if (qualifier.any()) {
            every.add(campaign);
            return;
        }
        for (String code : qualifier.codes()) {
            codes.computeIfAbsent(code, k -> new ArrayList<>()).add(campaign);
        }
        for (String category : qualifier.categories()) {
            categories.computeIfAbsent(category, k -> new ArrayList<>()).add(campaign);
        }
    }

    /** The ids of the campaigns with a per-visit, per-day or per-member cap: the only ones whose past awards are counted. */
    Set<String> limited() {
        return limited;
    }

    /**
     * The campaigns that may award on {@code input}, in the bundle's evaluation order.
     *
     * @param scanned the product table's entry for an item scan (looked up once by the caller)
     */
    List<Campaign> candidates(VisitInput input, Optional<Product> scanned) {
        return switch (input) {
            case VisitOpened _ -> onOpen;
            case ReceiptScanned _ -> onReceipt;
            case ItemScanned item -> forItem(item.code(), scanned);
        };
    }

    private List<Campaign> forItem(String code, Optional<Product> product) {
        List<Campaign> named = byCode.getOrDefault(code, List.of());
        List<Campaign> inCategory = product.map(Product::category)
                .map(c -> byCategory.getOrDefault(c, List.of()))
                .orElse(List.of());
        if (named.isEmpty() && inCategory.isEmpty()) {
            return onEveryItem;
        }
        List<Campaign> all = new ArrayList<>(onEveryItem.size() + named.size() + inCategory.size());
        all.addAll(onEveryItem);
        for (Campaign c : named) {
            all.add(c);
        }
        for (Campaign c : inCategory) {
            if (!named.contains(c)) { // listed by code and by category: once
                all.add(c);
            }
        }
        all.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
        return all;
    }
}
