package org.loyaltyterminal.terminal.visit;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The barcode the till prints on a refund receipt ({@code receipt.refund-pattern}): a pattern with
 * the named groups {@code id} (the refund's own id: a refund is processed once), {@code original}
 * (the id of the receipt it refunds) and {@code cents} (the amount refunded, digits only; a
 * leading minus sign, as tills print refunds as negative amounts, is allowed and ignored).
 */
public record RefundFormat(Pattern pattern) {
    public RefundFormat {
        Objects.requireNonNull(pattern, "pattern");
        String text = pattern.pattern();
        if (!text.contains("(?<id>") || !text.contains("(?<original>") || !text.contains("(?<cents>")) {
            throw new IllegalArgumentException("refund pattern needs the named groups (?<id>...), (?<original>...) and"
                    + " (?<cents>...), was " + text);
        }
    }

    /** A refund as scanned. */
    public record RefundScanned(String refundId, String originalReceiptId, long refundCents) {
        public RefundScanned {
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(originalReceiptId, "originalReceiptId");
        }
    }

    /** The refund this payload describes, or empty when the payload is not a refund. */
    public Optional<RefundScanned> parse(String payload) {
        Matcher m = pattern.matcher(payload);
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group("id");
        String original = m.group("original");
        String cents = m.group("cents");
        if (cents != null && cents.startsWith("-")) {
            cents = cents.substring(1);
        }
        if (id == null
                || id.isEmpty()
                || original == null
                || original.isEmpty()
                || cents == null
                || cents.isEmpty()
                || cents.length() > 12
                || !cents.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(new RefundScanned(id, original, Long.parseLong(cents)));
    }
}
