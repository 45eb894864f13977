package org.loyaltyterminal.core.campaign;

import java.util.Set;

/**
 * Where a campaign applies: chain-wide when both sets are empty; otherwise only in the listed
 * stores and (when listed) only at the listed terminals.
 */
public record Scope(Set<String> stores, Set<String> terminals) {
    public static final Scope CHAIN = new Scope(Set.of(), Set.of());

    public Scope {
        stores = Set.copyOf(stores);
        terminals = Set.copyOf(terminals);
    }

    public boolean includes(String store, String terminal) {
        return (stores.isEmpty() || stores.contains(store)) && (terminals.isEmpty() || terminals.contains(terminal));
    }
}
