package org.loyaltyterminal.hq.figures;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A chain's figures for a period, for the whole chain (members counted once however many of its
 * stores they visited) and for each store HQ knows of it (a store without events has zeros).
 */
public record ChainSummary(String chain, Summary whole, SortedMap<String, Summary> stores) {
    public ChainSummary {
        stores = Collections.unmodifiableSortedMap(new TreeMap<>(stores));
    }
}
