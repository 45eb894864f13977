package org.loyaltyterminal.core.campaign;

import java.util.List;
import java.util.Objects;

/**
 * A campaign file that cannot be used. Carries every problem found, so that the author can fix
 * them in one pass; each problem names the file, the campaign (when inside one), the JSON path,
 * what is wrong and what was found.
 */
public final class CampaignFileException extends RuntimeException {
    private final String source;
    private final List<String> problems;

    /**
     * @param source   the file name or other description of where the JSON came from
     * @param problems at least one, each a complete sentence naming {@code source}
     */
    public CampaignFileException(String source, List<String> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** As {@link #CampaignFileException(String, List)}, for a file that could not be read at all. */
    public CampaignFileException(String source, List<String> problems, Throwable cause) {
        super(message(source, problems), Objects.requireNonNull(cause, "cause"));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name or other description of where the JSON came from. */
    public String source() {
        return source;
    }

    /** Every problem found, in the order found (document order, duplicate keys first). */
    public List<String> problems() {
        return problems;
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
