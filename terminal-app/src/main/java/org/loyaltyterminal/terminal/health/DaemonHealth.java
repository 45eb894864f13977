package org.loyaltyterminal.terminal.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon is healthy while three things hold:
 * <ul>
 *   <li>no scan or card read has been in the scan processor longer than {@code busyLimit} (a
 *       normal one takes milliseconds; the store's own busy timeout is 5 s);
 *   <li>the housekeeping round, which takes the processor's lock and checkpoints storage, has
 *       completed within {@code heartbeatLimit};
 *   <li>storage answers a one-row read on a connection of its own.
 * </ul>
 * A device that is unplugged does not make the daemon unhealthy: it retries, and a restart would
 * not bring the device back.
 */
public final class DaemonHealth implements HealthCheck {
    private final List<Supplier<Optional<Duration>>> busyReaders;
    private final Heartbeat housekeeping;
    private final Runnable storageProbe;
    private final Duration busyLimit;
    private final Duration heartbeatLimit;

    /**
     * @param busyReaders  per input device, how long its read in progress has taken
     * @param storageProbe throws when storage does not answer
     */
    public DaemonHealth(List<Supplier<Optional<Duration>>> busyReaders, Heartbeat housekeeping, Runnable storageProbe,
                        Duration busyLimit, Duration heartbeatLimit) {
        this.busyReaders = List.copyOf(busyReaders);
        this.housekeeping = housekeeping;
        this.storageProbe = storageProbe;
        this.busyLimit = busyLimit;
        this.heartbeatLimit = heartbeatLimit;
    }

    @Override
    public Health check() {
        for (Supplier<Optional<Duration>> reader : busyReaders) {
            Optional<Duration> busy = reader.get();
            if (busy.isPresent() && busy.get().compareTo(busyLimit) > 0) {
                return new Health.Unhealthy("scan loop stuck: one read in progress for " + busy.get().toSeconds() + " s");
            }
        }
        Duration age = housekeeping.age();
        if (age.compareTo(heartbeatLimit) > 0) {
            return new Health.Unhealthy("housekeeping stuck: last round " + age.toSeconds() + " s ago");
        }
        try {
            storageProbe.run();
        } catch (RuntimeException e) {
            return new Health.Unhealthy("storage does not answer: " + e.getMessage());
        }
        return new Health.Healthy();
    }
}
