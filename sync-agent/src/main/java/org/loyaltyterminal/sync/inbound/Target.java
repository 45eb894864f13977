package org.loyaltyterminal.sync.inbound;

import java.util.Optional;
import org.loyaltyterminal.sync.Topics;

/** Whom a message from HQ is for: a whole chain, one store of it, or one terminal of a store. */
public record Target(String chain, Optional<String> store, Optional<String> terminal) {
    public Target {
        Topics.requireLevel("chain", chain);
        store.ifPresent(s -> Topics.requireLevel("store", s));
        terminal.ifPresent(t -> Topics.requireLevel("terminal", t));
        if (terminal.isPresent() && store.isEmpty()) {
            throw new IllegalArgumentException("a terminal target needs its store");
        }
    }

    public static Target chain(String chain) {
        return new Target(chain, Optional.empty(), Optional.empty());
    }

    public static Target store(String chain, String store) {
        return new Target(chain, Optional.of(store), Optional.empty());
    }

    public static Target terminal(String chain, String store, String terminal) {
        return new Target(chain, Optional.of(store), Optional.of(terminal));
    }

    public boolean includes(Topics me) {
        return chain.equals(me.chain())
                && store.map(me.store()::equals).orElse(true)
                && terminal.map(me.terminal()::equals).orElse(true);
    }

    /** "chain", "chain/store" or "chain/store/terminal". */
    public String path() {
        return chain
                + store.map(s -> "/" + s).orElse("")
                + terminal.map(t -> "/" + t).orElse("");
    }
}
