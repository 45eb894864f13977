package org.loyaltyterminal.hq.figures;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A chain's flows for a period, for the whole chain and each store HQ knows of it; without the member counts. */
public record ChainFlows(String chain, Flows whole, SortedMap<String, Flows> stores) {
    public ChainFlows {
        stores = Collections.unmodifiableSortedMap(new TreeMap<>(stores));
    }
}
