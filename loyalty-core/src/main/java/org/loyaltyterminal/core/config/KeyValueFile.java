package org.loyaltyterminal.core.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.loyaltyterminal.core.campaign.EditDistance;

/**
 * The raw {@code key = value} lines of a config file: the till's and HQ's service read theirs
 * with it, so both refuse the same mistakes with the same words. The caller reads the file (this
 * module does no I/O) and names it as {@code source}.
 *
 * <p>Deliberately not {@link java.util.Properties}: that format treats a backslash as an escape
 * (so the pattern {@code \d} silently becomes {@code d}), lets a repeated key win without a word
 * and accepts any typo as a new key. Here values are taken verbatim, a repeated key is an error,
 * and every key must be known.
 */
public final class KeyValueFile {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final String source;
    private final Map<String, String> values;
    private final Map<String, Integer> lineOf;
    private final Set<String> read = new TreeSet<>();

    private KeyValueFile(String source, Map<String, String> values, Map<String, Integer> lineOf) {
        this.source = source;
        this.values = values;
        this.lineOf = lineOf;
    }

    public static KeyValueFile parse(String source, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(
                        source + " line " + lineNumber + ": expected 'key = value', found '" + excerpt(line) + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(source + " line " + lineNumber + ": '" + excerpt(key)
                        + "' is not a valid key (lower-case letters, digits, '.' and '-')");
            }
            Integer earlier = lineOf.putIfAbsent(key, lineNumber);
            if (earlier != null) {
                throw new ConfigException(source + " line " + lineNumber + ": key '" + key + "' is already set on line "
                        + earlier + "; keep one of them");
            }
            values.put(key, value);
        }
        return new KeyValueFile(source, values, lineOf);
    }

    public String source() {
        return source;
    }

    /** The value, or empty when the key is absent or set to nothing. */
    public Optional<String> optional(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String required(String key, String hint) {
        // A mistyped key is still unread here; naming it beats a bare "missing" for a key the file seems to set.
        return optional(key)
                .orElseThrow(() -> new ConfigException(source + ": required key '" + key + "' is missing"
                        + nearest(
                                        key,
                                        values.keySet().stream()
                                                .filter(k -> !read.contains(k))
                                                .toList())
                                .map(typo -> "; line " + lineOf.get(typo) + " sets '" + typo
                                        + "', which is no key: did you mean '" + key + "'?")
                                .orElse("; add for example '" + key + " = " + hint + "'")));
    }

    /** The candidate within a few edits of {@code key} (fewer for short keys), the closest first. */
    public static Optional<String> nearest(String key, Collection<String> candidates) {
        int allowed = Math.max(1, Math.min(3, key.length() / 4));
        return candidates.stream()
                .filter(c -> !c.equals(key))
                .map(c -> Map.entry(c, EditDistance.between(key, c)))
                .filter(e -> e.getValue() <= allowed)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    public ConfigException invalid(String key, String value, String expected) {
        Integer line = lineOf.get(key);
        String where = line == null ? "" : " (line " + line + ")";
        return new ConfigException(
                source + ": key '" + key + "'" + where + " has value '" + excerpt(value) + "'; " + expected);
    }

    /** Rejects keys nobody asked for: a typo must not silently fall back to a default. */
    public void rejectUnknownKeys() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(source + " line " + lineOf.get(key) + ": unknown key '" + key + "'; "
                        + nearest(key, read)
                                .map(known -> "did you mean '" + known + "'? ")
                                .orElse("")
                        + "check the spelling against the documented keys (docs/configuration.md)");
            }
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
