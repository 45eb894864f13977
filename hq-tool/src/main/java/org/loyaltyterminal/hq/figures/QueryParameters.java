package org.loyaltyterminal.hq.figures;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's query string, strictly: at most {@value #MAX_LENGTH} characters, each parameter
 * once, only the names the endpoint knows, values URL-decoded as UTF-8. Anything else is a
 * {@link FiguresRequestException} whose message repeats no more of the input than a short,
 * plain parameter name.
 */
final class QueryParameters {
    static final int MAX_LENGTH = 1024;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The parameters of a raw (still encoded) query string; null or empty: none. */
    static QueryParameters parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        if (rawQuery.length() > MAX_LENGTH) {
            throw new FiguresRequestException("the query string is longer than " + MAX_LENGTH + " characters");
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!known.contains(name)) {
                throw new FiguresRequestException((PLAIN_NAME.matcher(name).matches()
                                ? "unknown parameter '" + name + "'"
                                : "an unknown parameter")
                        + "; known are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new FiguresRequestException("parameter '" + name + "' is given more than once");
            }
        }
        return new QueryParameters(values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FiguresRequestException("the query string holds a malformed %-escape");
        }
    }
}
