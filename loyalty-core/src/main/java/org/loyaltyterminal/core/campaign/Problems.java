package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyterminal.core.campaign.CampaignFileException.Problem;

/**
 * The problems of one campaign file, in the order found, each as a line in the one shape
 * {@code <source>[: <subject>][ (<where>)]: <text>} and as its JSON path and text. The subject
 * names the campaign, reward or product the path is inside, read from {@code root}.
 */
final class Problems {

    private static final Pattern ELEMENT = Pattern.compile("^(campaigns|products|rewards)\\[(\\d+)]");

    private final String source;
    private final JsonNode root;
    private final List<String> lines = new ArrayList<>();
    private final List<Problem> details = new ArrayList<>();

    /**
     * @param root what was read of the file, to name subjects; a missing node when nothing was
     */
    Problems(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    String source() {
        return source;
    }

    void add(JsonPath at, String text) {
        add(at, at.shown(), text);
    }

    /**
     * A problem found where the path alone does not say enough, e.g. the reader's line and column:
     * the line shows {@code where}, the detail's message starts with it.
     */
    void add(JsonPath at, String where, String text) {
        lines.add(line(source, subject(at.shown()), where, text));
        String message = where.isEmpty() || where.equals(at.shown()) ? text : where + ": " + text;
        details.add(new Problem(escapeControls(at.expression()), escapeControls(message)));
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Every problem so far; at least one must have been found. */
    CampaignFileException failure() {
        return CampaignFileException.of(source, lines, details);
    }

    /** A problem that ends the check by itself, in words of its own rather than the one shape. */
    CampaignFileException alone(JsonPath at, String line, String message) {
        return CampaignFileException.of(source, List.of(line), List.of(new Problem(at.expression(), message)));
    }

    /** "campaign 'x'", "reward 'r'" or "product 'y'" for a path inside one, else empty. */
    String subject(String shown) {
        Matcher m = ELEMENT.matcher(shown);
        if (!m.find()) {
            return "";
        }
        String kind = switch (m.group(1)) {
            case "campaigns" -> "campaign";
            case "rewards" -> "reward";
            default -> "product";
        };
        JsonNode element = root.path(m.group(1)).path(Integer.parseInt(m.group(2)));
        if (element.isMissingNode()) {
            return ""; // a syntax error before the element was read
        }
        JsonNode name = element.path(kind.equals("product") ? "code" : "id");
        if (name.isTextual() && !name.asText().isEmpty()) {
            return kind + " '" + name.asText() + "'";
        }
        return kind + (kind.equals("product") ? " without a valid code" : " without a valid id");
    }

    /**
     * {@code <source>[: <subject>][ (<where>)]: <text>}, the one shape of every problem. Control
     * characters from the file (in keys, ids, values) are escaped: raw, an ESC would drive the
     * operator's terminal and a NUL or newline would forge or cut journal lines.
     */
    static String line(String source, String subject, String where, String text) {
        return escapeControls(source + (subject.isEmpty() ? "" : ": " + subject)
                + (where.isEmpty() ? "" : " (" + where + ")") + ": " + text);
    }

    /** C0, DEL, C1 and the bidirectional overrides as a backslash, 'u' and four hex digits; everything else as it is. */
    static String escapeControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (control) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
