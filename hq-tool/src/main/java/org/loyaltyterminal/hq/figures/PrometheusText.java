package org.loyaltyterminal.hq.figures;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Metrics in the Prometheus text exposition format, version 0.0.4: families in the order they
 * were opened, each with its HELP and TYPE lines and then its samples; label values and help
 * text escaped as the format says. Names are checked: a bad one is a programming error
 * ({@link IllegalArgumentException}), as is a family opened twice or a sample repeated.
 */
public final class PrometheusText {
    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A metric family's type: what Prometheus may do with its samples. */
    public enum Type {
        GAUGE("gauge"),
        COUNTER("counter");

        private final String word;

        Type(String word) {
            this.word = word;
        }
    }

    /** One family's samples. */
    public static final class Family {
        private final String name;
        private final Type type;
        private final String help;
        private final List<String> samples = new ArrayList<>();
        private final Set<SortedMap<String, String>> labelSets = new HashSet<>();

        private Family(String name, Type type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }

        /** A sample without labels. */
        public Family sample(double value) {
            return sample(Map.of(), value);
        }

        /** A sample with these labels (written in name order); NaN and infinities are allowed. */
        public Family sample(Map<String, String> labels, double value) {
            SortedMap<String, String> sorted = new TreeMap<>(labels);
            for (String label : sorted.keySet()) {
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw new IllegalArgumentException("metric " + name + ": bad label name '" + label + "'");
                }
            }
            if (!labelSets.add(sorted)) {
                throw new IllegalArgumentException("metric " + name + ": sample " + sorted + " written twice");
            }
            StringBuilder line = new StringBuilder(name);
            if (!sorted.isEmpty()) {
                line.append('{');
                String separator = "";
                for (Map.Entry<String, String> label : sorted.entrySet()) {
                    line.append(separator)
                            .append(label.getKey())
                            .append("=\"")
                            .append(escapeLabelValue(label.getValue()))
                            .append('"');
                    separator = ",";
                }
                line.append('}');
            }
            samples.add(line.append(' ').append(number(value)).toString());
            return this;
        }
    }

    public Family gauge(String name, String help) {
        return family(name, Type.GAUGE, help);
    }

    public Family counter(String name, String help) {
        return family(name, Type.COUNTER, help);
    }

    public Family family(String name, Type type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("metric " + name + " opened twice");
        }
        Family family = new Family(name, type, help);
        families.put(name, family);
        return family;
    }

    /** The exposition: every family with its HELP and TYPE and samples, lines ending in '\n'. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Family family : families.values()) {
            out.append("# HELP ")
                    .append(family.name)
                    .append(' ')
                    .append(escapeHelp(family.help))
                    .append('\n');
            out.append("# TYPE ")
                    .append(family.name)
                    .append(' ')
                    .append(family.type.word)
                    .append('\n');
            for (String sample : family.samples) {
                out.append(sample).append('\n');
            }
        }
        return out.toString();
    }

    /** A label value's escaping: backslash, double quote and line feed. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Help text's escaping: backslash and line feed. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction (exact up to 2^53), others as Java writes doubles, which Go's ParseFloat reads. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
