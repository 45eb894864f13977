package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.describe;
import static org.loyaltyterminal.core.campaign.JsonText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fields of one JSON object of a campaign file, read as the types the format says, each
 * problem recorded against the field's path. A read that finds a problem records it and gives
 * nothing (an empty {@code Optional}, a refused {@link Omittable}); the sections build nothing
 * from a field that gave nothing, so one mistake is reported once.
 */
final class Fields {

    /** The shape of a campaign's, reward's or tier's id. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ObjectNode node;
    private final JsonPath path;
    private final Problems problems;
    private final FileFormat format;

    Fields(ObjectNode node, JsonPath path, Problems problems, FileFormat format) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.format = format;
    }

    /** {@code value} read as an object at {@code at}; empty, with the problem recorded, when it is none. */
    static Optional<Fields> of(JsonNode value, JsonPath at, Problems problems, FileFormat format) {
        if (value instanceof ObjectNode object) {
            return Optional.of(new Fields(object, at, problems, format));
        }
        problems.add(at, "must be a JSON object, was " + describe(value));
        return Optional.empty();
    }

    /** Choices in the order a problem lists them. */
    static <T> SequencedMap<String, T> oneOf(String a, T first, String b, T second) {
        SequencedMap<String, T> choices = new LinkedHashMap<>();
        choices.put(a, first);
        choices.put(b, second);
        return choices;
    }

    static <T> SequencedMap<String, T> oneOf(String a, T first, String b, T second, String c, T third) {
        SequencedMap<String, T> choices = oneOf(a, first, b, second);
        choices.put(c, third);
        return choices;
    }

    ObjectNode node() {
        return node;
    }

    JsonPath path() {
        return path;
    }

    FileFormat format() {
        return format;
    }

    JsonPath at(String name) {
        return path.field(name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    void problem(String name, String text) {
        problems.add(at(name), text);
    }

    void problem(JsonPath at, String text) {
        problems.add(at, text);
    }

    /** A problem with this object as a whole. */
    void problemHere(String text) {
        problems.add(path, text);
    }

    /** Every field not in {@code known}, and every known one this file's format is too old for. */
    void rejectUnknown(List<String> known) {
        for (String name : node.properties().stream().map(Map.Entry::getKey).toList()) {
            if (known.contains(name) && format.tooOldFor(name, path)) {
                problem(name, format.needs(FileFormat.RULES));
            } else if (!known.contains(name)) {
                String hint = known.stream()
                        .filter(k -> JsonText.similar(k, name))
                        .findFirst()
                        .map(k -> "did you mean \"" + k + "\"? ")
                        .orElse("");
                List<String> allowed =
                        known.stream().filter(k -> !format.tooOldFor(k, path)).toList();
                problem(name, "unknown field; " + hint + "the fields allowed here are " + String.join(", ", allowed));
            }
        }
    }

    /** A whole number from {@code min} to {@code max} that must be there. */
    Optional<Long> integer(String name, long min, long max) {
        if (!has(name)) {
            problem(name, "is required, was missing");
            return Optional.empty();
        }
        return present(name, min, max);
    }

    /** A whole number from {@code min} to {@code max}, {@code absent} when left out. */
    Optional<Long> integer(String name, long absent, long min, long max) {
        return has(name) ? present(name, min, max) : Optional.of(absent);
    }

    Omittable<Long> optionalInteger(String name, long min, long max) {
        return has(name) ? Omittable.read(present(name, min, max)) : Omittable.leftOut();
    }

    private Optional<Long> present(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber()) {
            problem(name, "must be a whole number, was " + describe(value));
            return Optional.empty();
        }
        BigInteger number = value.bigIntegerValue();
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            String range = max != Long.MAX_VALUE
                    ? "must be between " + min + " and " + max
                    : number.signum() > 0 && number.bitLength() > 63
                            ? "must be at most " + Long.MAX_VALUE
                            : "must be at least " + min;
            problem(name, range + ", was " + number);
            return Optional.empty();
        }
        return Optional.of(number.longValue());
    }

    Optional<Boolean> bool(String name, boolean absent) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.of(absent);
        }
        if (!value.isBoolean()) {
            problem(name, "must be true or false, was " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    /** Every field of this object as a whole number in range, e.g. category multipliers. */
    Optional<Map<String, Integer>> integers(long min, long max) {
        Map<String, Integer> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : node.properties().stream().map(Map.Entry::getKey).toList()) {
            Optional<Long> value = present(name, min, max);
            if (value.isPresent()) {
                values.put(name, value.get().intValue());
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    /** A local time "HH:MM". */
    Omittable<LocalTime> time(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Omittable.leftOut();
        }
        if (value.isTextual() && value.asText().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return new Omittable.Given<>(LocalTime.parse(value.asText()));
        }
        problem(
                name,
                "must be a time of day \"HH:MM\" from \"00:00\" to \"23:59\" in the store's time zone, was "
                        + describe(value));
        return Omittable.refused();
    }

    /** The field "id", there and with the shape of an id. */
    Optional<String> id() {
        return text("id").filter(value -> {
            if (!ID.matcher(value).matches()) {
                problem(
                        "id",
                        "must be 1 to 64 lower-case letters, digits or '-', starting with a letter or digit, was "
                                + quote(value));
                return false;
            }
            return true;
        });
    }

    /** A non-empty string that must be there. */
    Optional<String> text(String name) {
        if (!has(name)) {
            problem(name, "is required, was missing");
            return Optional.empty();
        }
        return optionalText(name).given();
    }

    /** A string that is not blank. */
    Omittable<String> optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Omittable.leftOut();
        }
        if (!value.isTextual()) {
            problem(name, "must be a string, was " + describe(value));
            return Omittable.refused();
        }
        if (WhiteSpace.blank(value.asText())) {
            problem(name, "must not be empty, was " + describe(value));
            return Omittable.refused();
        }
        return new Omittable.Given<>(value.asText());
    }

    /** One of the strings {@code choices} names, as its value. */
    <T> Omittable<T> choice(String name, SequencedMap<String, T> choices) {
        return switch (optionalText(name)) {
            case Omittable.Given<String> given -> chosen(name, given.value(), choices);
            case Omittable.LeftOut<String> _ -> Omittable.leftOut();
            case Omittable.Refused<String> _ -> Omittable.refused();
        };
    }

    /** As {@link #choice}, for a field that must be there. */
    <T> Optional<T> requiredChoice(String name, SequencedMap<String, T> choices) {
        return text(name).flatMap(value -> chosen(name, value, choices).given());
    }

    private <T> Omittable<T> chosen(String name, String value, SequencedMap<String, T> choices) {
        T chosen = choices.get(value);
        if (chosen != null) {
            return new Omittable.Given<>(chosen);
        }
        List<String> quoted =
                choices.keySet().stream().map(k -> "\"" + k + "\"").toList();
        problem(
                name,
                "must be " + String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast()
                        + ", was " + quote(value));
        return Omittable.refused();
    }

    /** An object that must be there. */
    Optional<Fields> object(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            problem(name, "is required, was missing");
            return Optional.empty();
        }
        return of(value, at(name), problems, format);
    }

    /** An object read by {@code read}, {@code absent} when left out; empty after a problem. */
    <T> Optional<T> section(String name, T absent, Function<Fields, Optional<T>> read) {
        return has(name) ? object(name).flatMap(read) : Optional.of(absent);
    }

    /** An object read by {@code read}, for a section that has no default. */
    <T> Omittable<T> optionalSection(String name, Function<Fields, Optional<T>> read) {
        return has(name) ? Omittable.read(object(name).flatMap(read)) : Omittable.leftOut();
    }

    /** An array that must be there. */
    Optional<JsonNode> array(String name) {
        if (!has(name)) {
            problem(name, "is required, was missing");
            return Optional.empty();
        }
        return optionalArray(name);
    }

    /** An array; empty when left out or after a problem. */
    Optional<JsonNode> optionalArray(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            problem(name, "must be a JSON array, was " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Element {@code i} of this object's array {@code name}, as an object. */
    Optional<Fields> element(String name, JsonNode array, int i) {
        return of(array.get(i), at(name).index(i), problems, format);
    }

    /** An array of non-empty strings; an empty set when left out; empty after a problem. */
    Optional<Set<String>> optionalStrings(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.of(Set.of());
        }
        if (!value.isArray()) {
            problem(name, "must be a JSON array of strings, was " + describe(value));
            return Optional.empty();
        }
        Set<String> strings = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual() || WhiteSpace.blank(element.asText())) {
                problems.add(at(name).index(i), "must be a non-empty string, was " + describe(element));
                ok = false;
            } else {
                strings.add(element.asText());
            }
        }
        return ok ? Optional.of(strings) : Optional.empty();
    }

    /** A date-time with offset, as {@link DateTimes} reads it; left out, it is an open bound. */
    Omittable<Instant> dateTime(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Omittable.leftOut();
        }
        if (!value.isTextual()) {
            problem(name, "must be a date-time string such as \"2026-01-01T00:00:00+01:00\", was " + describe(value));
            return Omittable.refused();
        }
        Optional<Instant> instant = DateTimes.parse(value.asText());
        if (instant.isEmpty()) {
            problem(name, DateTimes.problem(value.asText()));
            return Omittable.refused();
        }
        return new Omittable.Given<>(instant.get());
    }

    /**
     * Whether {@code value} of field {@code name} is the first of its kind; if not, the problem
     * names where it was first. {@code firstPath} remembers where each value was seen.
     */
    <K> boolean unique(String name, K value, Map<K, String> firstPath, String why) {
        String first = firstPath.putIfAbsent(value, path.shown());
        if (first != null) {
            problem(name, "is already used by " + first + "; " + why);
            return false;
        }
        return true;
    }
}
