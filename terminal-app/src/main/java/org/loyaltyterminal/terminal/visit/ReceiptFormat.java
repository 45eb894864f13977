package org.loyaltyterminal.terminal.visit;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;

/**
 * The barcode the till prints on the receipt: a pattern with the named groups {@code id} (the
 * receipt id, unique per store) and {@code cents} (the total, in cents, digits only).
 */
public record ReceiptFormat(Pattern pattern) {
    public ReceiptFormat {
        Objects.requireNonNull(pattern, "pattern");
        String text = pattern.pattern();
        if (!text.contains("(?<id>") || !text.contains("(?<cents>")) {
            throw new IllegalArgumentException("receipt pattern needs the named groups (?<id>...) and (?<cents>...)");
        }
    }

    /** The receipt this payload describes, or empty when the payload is not a receipt. */
    public Optional<ReceiptScanned> parse(String payload) {
        Matcher m = pattern.matcher(payload);
        if (!m.matches()) {
            return Optional.empty();
        }
        String cents = m.group("cents");
        if (cents == null
                || cents.isEmpty()
                || cents.length() > 12
                || !cents.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(new ReceiptScanned(m.group("id"), Long.parseLong(cents)));
    }
}
