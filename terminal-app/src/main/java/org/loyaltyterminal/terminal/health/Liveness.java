package org.loyaltyterminal.terminal.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the daemon's own loops move: no scan or card read has been in the scan processor longer
 * than {@code busyLimit} (a normal one takes milliseconds; the store's own busy timeout is 5 s),
 * and the housekeeping round, which takes the processor's lock and checkpoints storage, completed
 * within {@code heartbeatLimit}. Each failure is a {@link Severity#STUCK} problem.
 */
public final class Liveness {
    private static final String RESTARTS = "nothing at the till: the service restarts itself within a minute; "
            + "if this keeps happening, send the daemon's log (journalctl -u loyalty-terminal) to support";

    private final List<Supplier<Optional<Duration>>> busyReaders;
    private final Heartbeat housekeeping;
    private final Duration busyLimit;
    private final Duration heartbeatLimit;

    /** @param busyReaders per input device, how long its read in progress has taken */
    public Liveness(
            List<Supplier<Optional<Duration>>> busyReaders,
            Heartbeat housekeeping,
            Duration busyLimit,
            Duration heartbeatLimit) {
        this.busyReaders = List.copyOf(busyReaders);
        this.housekeeping = housekeeping;
        this.busyLimit = busyLimit;
        this.heartbeatLimit = heartbeatLimit;
    }

    List<Problem> problems(Instant now) {
        List<Problem> problems = new ArrayList<>(2);
        for (Supplier<Optional<Duration>> reader : busyReaders) {
            Optional<Duration> busy = reader.get();
            if (busy.isPresent() && busy.get().compareTo(busyLimit) > 0) {
                problems.add(new Problem(
                        "scan-loop",
                        Severity.STUCK,
                        "the scan loop is stuck: one read in progress for "
                                + busy.get().toSeconds() + " s",
                        RESTARTS,
                        now.minus(busy.get())));
                break;
            }
        }
        Duration age = housekeeping.age();
        if (age.compareTo(heartbeatLimit) > 0) {
            problems.add(new Problem(
                    "housekeeping",
                    Severity.STUCK,
                    "housekeeping is stuck: its last round ended " + age.toSeconds() + " s ago",
                    RESTARTS,
                    now.minus(age)));
        }
        return problems;
    }
}
