package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Objects;

/**
 * A campaign file that cannot be used. Carries every problem found, so that the author can fix
 * them in one pass; each problem names the file, the campaign (when inside one), the JSON path,
 * what is wrong and what was found.
 */
public final class CampaignFileException extends RuntimeException {

    /**
     * One problem where it is: {@code jsonPath} as a JSONPath ({@code $.campaigns[2].cardSize},
     * {@code $} for the file as a whole), {@code message} what is wrong there, in plain words.
     * Control characters from the file appear escaped in both.
     */
    public record Problem(String jsonPath, String message) {
        public static final String ROOT = "$";

        public Problem {
            Objects.requireNonNull(jsonPath, "jsonPath");
            Objects.requireNonNull(message, "message");
        }

        /** {@code <path>: <message>}, e.g. for a tool that lists the problems under the file's name. */
        public String line() {
            return jsonPath + ": " + message;
        }
    }

    private final String source;
    private final List<String> problems;
    private final List<Problem> details;

    /**
     * For a problem that is about the file as a whole (it cannot be read, it is too large): each
     * problem's {@link #details() detail} has the path {@code $}.
     *
     * @param source   the file name or other description of where the JSON came from
     * @param problems at least one, each a complete sentence naming {@code source}
     */
    public CampaignFileException(String source, List<String> problems) {
        this(source, problems, wholeFile(source, problems), null);
    }

    /** As {@link #CampaignFileException(String, List)}, for a file that could not be read at all. */
    public CampaignFileException(String source, List<String> problems, Throwable cause) {
        this(source, problems, wholeFile(source, problems), Objects.requireNonNull(cause, "cause"));
    }

    private CampaignFileException(String source, List<String> problems, List<Problem> details, Throwable cause) {
        super(message(source, problems));
        if (cause != null) {
            initCause(cause);
        }
        if (details.size() != problems.size()) {
            throw new IllegalArgumentException(
                    "every problem line needs its detail, were " + problems.size() + " and " + details.size());
        }
        this.source = source;
        this.problems = List.copyOf(problems);
        this.details = List.copyOf(details);
    }

    /** The checker's form: each line with its path and message, in the same order. */
    static CampaignFileException of(String source, List<String> lines, List<Problem> details) {
        return new CampaignFileException(source, lines, details, null);
    }

    /** The file name or other description of where the JSON came from. */
    public String source() {
        return source;
    }

    /**
     * Every problem found as one line each, in the order found (document order, duplicate keys
     * first): {@code <source>: <campaign or product> (<path>): <what is wrong>, was <found>}.
     */
    public List<String> problems() {
        return problems;
    }

    /** The same problems as {@link #problems()}, in the same order, each as its JSON path and message. */
    public List<Problem> details() {
        return details;
    }

    private static List<Problem> wholeFile(String source, List<String> problems) {
        String prefix = source + ": ";
        return problems.stream()
                .map(p -> new Problem(Problem.ROOT, p.startsWith(prefix) ? p.substring(prefix.length()) : p))
                .toList();
    }

    private static String message(String source, List<String> problems) {
        Objects.requireNonNull(source, "source");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a CampaignFileException for " + source + " needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.getFirst();
        }
        return "campaign file " + source + " has " + problems.size()
                + " problems; fix them all before loading it again:\n  - " + String.join("\n  - ", problems);
    }
}
