package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a value is in a campaign file, two ways: {@code shown} as problem lines have always named
 * it ({@code campaigns[2].cardSize}, empty for the whole file) and {@code expression} as a JSONPath
 * (RFC 9535: {@code $.campaigns[2].cardSize}, {@code $.x['gift-card']} for a name that is not an
 * identifier).
 */
record JsonPath(String shown, String expression) {

    static final JsonPath ROOT = new JsonPath("", "$");

    /** RFC 9535's member-name-shorthand, in ASCII; any other name goes in brackets. */
    private static final Pattern SHORTHAND = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    JsonPath {
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(expression, "expression");
    }

    JsonPath field(String name) {
        String member = SHORTHAND.matcher(name).matches()
                ? "." + name
                : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
        return new JsonPath(shown.isEmpty() ? name : shown + "." + name, expression + member);
    }

    JsonPath index(int i) {
        return new JsonPath(shown + "[" + i + "]", expression + "[" + i + "]");
    }

    /**
     * The path of a {@code shown} form, as the JSON reader reports where it stopped or found a
     * duplicate key. That form cannot tell a '.' inside a name from a separator; no name the
     * format allows has one, and an unknown name only loses its exact expression.
     */
    static JsonPath parse(String shown) {
        JsonPath path = ROOT;
        int i = 0;
        while (i < shown.length()) {
            char c = shown.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && shown.indexOf(']', i) > i + 1 && digits(shown, i + 1, shown.indexOf(']', i))) {
                int end = shown.indexOf(']', i);
                path = path.index(Integer.parseInt(shown.substring(i + 1, end)));
                i = end + 1;
            } else {
                int end = i + 1;
                while (end < shown.length() && shown.charAt(end) != '.' && shown.charAt(end) != '[') {
                    end++;
                }
                path = path.field(shown.substring(i, end));
                i = end;
            }
        }
        return path;
    }

    private static boolean digits(String text, int from, int to) {
        if (to - from > 9) {
            return false; // an index no array of a readable file reaches
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
