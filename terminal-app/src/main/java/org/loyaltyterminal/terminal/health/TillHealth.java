package org.loyaltyterminal.terminal.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.terminal.ledger.StorageFault;

/**
 * Makes the {@link HealthReport}: the daemon's own liveness and storage, plus what the caller
 * observed of the devices, the HQ link and the clock. Storage that fails is a fault at first and
 * counts as stuck once it has failed for {@code storageStuckAfter}: a brief I/O error may pass, a
 * ledger that stays unwritable needs the restart.
 *
 * <p>Problems whose source does not know when they began are dated from when they were first
 * seen here, so {@code since} holds across reports while the problem lasts (same component and
 * severity).
 */
public final class TillHealth {
    private final Liveness liveness;
    private final StorageCondition storage;
    private final Duration storageStuckAfter;
    private final Map<String, Instant> firstSeen = new HashMap<>();

    public TillHealth(Liveness liveness, StorageCondition storage, Duration storageStuckAfter) {
        this.liveness = liveness;
        this.storage = storage;
        this.storageStuckAfter = storageStuckAfter;
    }

    /** The till's health now, with the {@code observed} problems the caller found, dated {@code now} when it does not know better. */
    public synchronized HealthReport report(Instant now, List<Problem> observed) {
        List<Problem> all = new ArrayList<>(liveness.problems(now));
        storageProblem(now).ifPresent(all::add);
        all.addAll(observed);
        Map<String, Instant> seen = new HashMap<>();
        List<Problem> dated = new ArrayList<>(all.size());
        for (Problem p : all) {
            String key = p.component() + "/" + p.severity();
            Instant earlier = firstSeen.getOrDefault(key, p.since());
            Problem d = earlier.isBefore(p.since()) ? p.datedFrom(earlier) : p;
            seen.put(key, d.since());
            dated.add(d);
        }
        firstSeen.clear();
        firstSeen.putAll(seen);
        return new HealthReport(now, dated);
    }

    private Optional<Problem> storageProblem(Instant now) {
        Optional<StorageFault> fault;
        try {
            fault = storage.fault();
        } catch (RuntimeException e) {
            fault = Optional.of(new StorageFault(
                    "its condition cannot be read: " + e.getMessage(),
                    "check the data disk and call support",
                    now,
                    true));
        }
        return fault.map(f -> {
            boolean persistent = Duration.between(f.since(), now).compareTo(storageStuckAfter) >= 0;
            // a full or read-only disk is not fixed by a restart: the store resumes by itself once a person fixed it
            return persistent && f.restartMayHelp()
                    ? new Problem(
                            "storage",
                            Severity.STUCK,
                            "storage has been failing for "
                                    + Duration.between(f.since(), now).toMinutes() + " min: " + f.problem(),
                            "the service restarts itself; if it still fails, " + f.action(),
                            f.since())
                    : new Problem(
                            "storage", Severity.FAULT, "storage is failing: " + f.problem(), f.action(), f.since());
        });
    }
}
