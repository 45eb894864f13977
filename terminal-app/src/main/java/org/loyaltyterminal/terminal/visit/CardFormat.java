package org.loyaltyterminal.terminal.visit;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.loyaltyterminal.device.scan.Symbology;

/**
 * How a member card number looks: a pattern over the whole payload and, optionally, the
 * symbologies it must arrive in (empty: any). For example EAN-13 in the GS1 restricted range with
 * the chain's prefix, {@code ^2412[0-9]{9}$}, or a Code 128 pattern {@code ^M[0-9]{8}$}.
 */
public record CardFormat(Pattern pattern, Set<Symbology> symbologies) {
    public CardFormat {
        Objects.requireNonNull(pattern, "pattern");
        symbologies = Set.copyOf(symbologies);
    }

    /** Whether a card of this format may arrive in {@code symbology}. */
    public boolean allows(Symbology symbology) {
        return symbologies.isEmpty() || symbologies.contains(symbology);
    }
}
