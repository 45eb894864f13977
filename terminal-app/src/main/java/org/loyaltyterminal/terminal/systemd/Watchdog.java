package org.loyaltyterminal.terminal.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.loyaltyterminal.terminal.health.HealthCheck;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog only while the health report has no {@link Severity#STUCK} problem. A
 * timer that pinged unconditionally would prove only that one thread of the JVM runs; here a stuck
 * scan, a stuck housekeeping round or storage failing for a minute withholds the ping, and systemd
 * restarts the service after WatchdogSec. An unplugged scanner or HQ offline keeps the pings
 * going: a restart would not bring them back. Pings go out at half the interval, as
 * sd_watchdog_enabled(3) advises.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final ServiceNotifier notifier;
    private final HealthCheck health;
    private final ScheduledExecutorService timer;
    private boolean unhealthy;

    Watchdog(ServiceNotifier notifier, HealthCheck health, ScheduledExecutorService timer) {
        this.notifier = notifier;
        this.health = health;
        this.timer = timer;
    }

    /**
     * The interval systemd expects pings in: {@code WATCHDOG_USEC}, when set and meant for this
     * process ({@code WATCHDOG_PID} absent or equal to {@code ownPid}: a child started by the
     * daemon inherits the variables but must not ping).
     */
    public static Optional<Duration> interval(Map<String, String> environment, long ownPid) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String pid = environment.get("WATCHDOG_PID");
        if (pid != null && !pid.isBlank() && !pid.strip().equals(Long.toString(ownPid))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1_000)) : Optional.empty();
        } catch (NumberFormatException e) {
            throw new NotifyException("WATCHDOG_USEC '" + usec + "' is not a number of microseconds");
        }
    }

    /** Starts pinging every half {@code interval} on a thread of its own. */
    public static Watchdog start(ServiceNotifier notifier, HealthCheck health, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform()
                .name("watchdog")
                .daemon(true)
                .uncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e))
                .unstarted(runnable));
        Watchdog watchdog = new Watchdog(notifier, health, timer);
        long periodMicros = Math.max(1_000, interval.toNanos() / 2_000);
        // tick() turns a failing health check into "stuck"; the caller's shutdown of the timer cancels the task
        ScheduledFuture<?> unused = timer.scheduleAtFixedRate(watchdog::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        log.info("watchdog: pinging systemd every {} ms while the daemon is not stuck", periodMicros / 1_000);
        return watchdog;
    }

    /** One round: ping when healthy; say once, in the log and STATUS=, when it stops being so. */
    synchronized void tick() {
        Optional<String> stuck;
        try {
            HealthReport report = health.check();
            stuck = report.problems().stream()
                    .filter(p -> p.severity() == Severity.STUCK)
                    .map(Problem::what)
                    .findFirst();
        } catch (RuntimeException e) {
            stuck = Optional.of("the health check failed: " + e.getMessage());
        }
        if (stuck.isEmpty()) {
            if (unhealthy) {
                unhealthy = false;
                log.info("watchdog: no longer stuck; pinging resumes");
                notifier.status("running");
            }
            notifier.watchdog();
        } else if (!unhealthy) {
            unhealthy = true;
            log.error("watchdog: {}; withholding the ping, systemd restarts the service if this lasts", stuck.get());
            notifier.status("stuck: " + stuck.get());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
