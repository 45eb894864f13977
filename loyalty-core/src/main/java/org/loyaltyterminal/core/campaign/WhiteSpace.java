package org.loyaltyterminal.core.campaign;

/**
 * What a campaign file's text may not be made of alone: a name, code or text of nothing but white
 * space is blank, and refused like an empty one. The published schema's {@code $defs/text} lists
 * the same characters, so that the two cannot drift apart unnoticed (CampaignSchemaAgreementTest).
 */
final class WhiteSpace {
    private WhiteSpace() {}

    /**
     * Nothing but white space, by either definition a reader of the file may hold: ECMA-262's
     * (what {@code \s} means in the JSON Schema's patterns) and Java's {@link
     * Character#isWhitespace} (what the bundle's records check), which adds U+001C to U+001F.
     * The schema's {@code $defs/text} lists the same characters.
     */
    static boolean blank(String text) {
        return text.chars().allMatch(WhiteSpace::whiteSpace);
    }

    private static boolean whiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0d)
                || (c >= 0x1c && c <= 0x20)
                || c == 0xa0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202f
                || c == 0x205f
                || c == 0x3000
                || c == 0xfeff;
    }
}
