package org.loyaltyterminal.terminal.health;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The till's verdict on itself at one moment: every problem, the worst first. The status page,
 * its JSON and metrics, the LEDs, {@code loyalty-terminal status} and systemd's watchdog all read
 * this one report, so they cannot disagree.
 */
public record HealthReport(Instant taken, List<Problem> problems) {
    public HealthReport {
        Objects.requireNonNull(taken, "taken");
        problems = problems.stream()
                .sorted(Comparator.comparing(Problem::severity).reversed().thenComparing(Problem::since))
                .toList();
    }

    public static HealthReport allWell(Instant taken) {
        return new HealthReport(taken, List.of());
    }

    /** The most severe problem's severity; empty when there is none. */
    public Optional<Severity> worst() {
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(problems.getFirst().severity());
    }

    /** No problem at all. */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The daemon itself is stuck: the watchdog withholds its ping and systemd restarts the service. */
    public boolean stuck() {
        return worst().filter(s -> s == Severity.STUCK).isPresent();
    }

    /** {@code ok}, {@code notice}, {@code fault} or {@code stuck}. */
    public String verdict() {
        return worst().map(Severity::label).orElse("ok");
    }

    /** One line for the page's headline, STATUS= and the command line. */
    public String headline() {
        if (problems.isEmpty()) {
            return "Working normally";
        }
        Problem first = problems.getFirst();
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return switch (first.severity()) {
            case NOTICE -> "Working; to look at: " + first.what() + more;
            case FAULT -> "Not working fully: " + first.what() + more;
            case STUCK -> "Stuck: " + first.what() + "; the service restarts itself" + more;
        };
    }
}
