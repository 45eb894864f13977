package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One worked example of {@code docs/campaign-format.md}, made into a complete campaign bundle.
 *
 * @param line       the line of the example's opening fence in the document
 * @param kind       how the document wrote it
 * @param documented only what the document wrote, as a partial bundle ({@code {"campaigns": [...]}} for
 *                   campaign objects): what counts as "a worked example of" a rule
 * @param bundleJson the complete bundle the schema and the loader are given; a whole bundle exactly as
 *                   written, so the loader also sees its duplicate keys and number spellings
 */
record DocExample(int line, Kind kind, ObjectNode documented, String bundleJson) {

    enum Kind {
        /** A whole file: an object with "format". */
        BUNDLE,
        /** Campaign objects (with "type"), one after another, made into a format 3 bundle. */
        CAMPAIGNS,
        /** {@code "key": {...}} of the top level, made into a format 3 bundle. */
        TOP_LEVEL_FRAGMENT
    }

    /** Where a reader finds the example, for failure messages. */
    String where() {
        return "docs/campaign-format.md line " + line + " ("
                + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }

    @Override
    public String toString() {
        return where();
    }
}
