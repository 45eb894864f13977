package org.loyaltyterminal.hq.figures;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose figures: a whole chain, or one store of it. Ids are those of the terminals' topics
 * (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit).
 */
public record Scope(String chain, Optional<String> store) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Scope {
        requireId("chain", chain);
        store.ifPresent(id -> requireId("store", id));
    }

    public static Scope chain(String chain) {
        return new Scope(chain, Optional.empty());
    }

    public static Scope store(String chain, String store) {
        return new Scope(chain, Optional.of(store));
    }

    /** "chain acme" or "store s1 of chain acme". */
    public String describe() {
        return store.map(id -> "store " + id + " of chain " + chain).orElse("chain " + chain);
    }

    static void requireId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new FiguresRequestException(what + " is missing");
        }
        if (!ID.matcher(id).matches()) {
            throw new FiguresRequestException(what + " must be 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, as in the terminals' topics");
        }
    }
}
