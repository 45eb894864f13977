package org.loyaltyterminal.sync.wire;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The two identifiers the member messages carry: a card number as the till read it, and a
 * request id. Checked the same way wherever they arrive, so a till and HQ agree on what is valid.
 */
public final class CardNumbers {
    /** Longer than any member card format a till is configured with; bounds what a message may carry. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CardNumbers() {}

    /**
     * A card number: 1-64 printable ASCII characters, no space (a barcode's or a contactless card's
     * member number, or a linked card's member id).
     */
    public static boolean isCardNumber(String card) {
        return card != null
                && !card.isEmpty()
                && card.length() <= MAX_LENGTH
                && card.chars().allMatch(c -> c >= 0x21 && c < 0x7f);
    }

    /** The card number, if valid. @throws WireFormatException naming {@code what} otherwise */
    public static String requireCard(String card, String what) {
        if (!isCardNumber(card)) {
            throw new WireFormatException(what + ": 'card' must be 1-" + MAX_LENGTH + " printable ASCII characters");
        }
        return card;
    }

    /**
     * A request id in the canonical 8-4-4-4-12 hex form only: {@link UUID#fromString} alone would
     * also take "1-1-1-1-1", so two spellings of one id could not be told apart.
     */
    public static UUID requireRequestId(String text, String what) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw new WireFormatException(
                    what + ": 'request' must be a UUID such as 0b6f8a1e-4c3d-4e2f-9a7b-1c2d3e4f5a6b");
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }
}
