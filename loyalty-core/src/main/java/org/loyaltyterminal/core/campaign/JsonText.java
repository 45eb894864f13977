package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How problems show what the file holds: "was the string "10"", "was an array", "was 10.5". */
final class JsonText {
    private JsonText() {}

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string " + quote(node.asText());
            case NUMBER ->
                node.isIntegralNumber()
                        ? node.bigIntegerValue().toString()
                        : node.decimalValue().toString();
            case BOOLEAN -> String.valueOf(node.booleanValue());
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case BINARY, MISSING, POJO -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** In double quotes, escaped as JSON would, cut to 80 characters. */
    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Equal ignoring case or a couple of edits apart (fewer for short names): likely a typo. */
    static boolean similar(String known, String found) {
        int allowed = Math.min(2, known.length() / 3);
        return EditDistance.between(known.toLowerCase(Locale.ROOT), found.toLowerCase(Locale.ROOT)) <= allowed;
    }
}
