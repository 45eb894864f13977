package org.loyaltyterminal.device.serial;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.serial.LineProblem.Kind;
import org.slf4j.Logger;

/**
 * The life of one serial device on its own thread: open the line, run the device's session on it
 * until the line is lost, close it, report {@link ConnectionState#DISCONNECTED}, wait the
 * {@link Backoff} delay, open again; until the owner stops it. The device adapters (scanner,
 * PN532) keep only what differs: what their session does on an open line.
 *
 * <p>A device that is missing at start, or that disappears later, is not an error: one WARN line
 * when the problem changes (absent, permission denied, not answering...), nothing per retry, and
 * one INFO line when the device is back. Lines are logged to the owner's logger with the owner's
 * component prefix, so the journal reads as before.
 *
 * <p>One-shot, like the {@link DeviceWorker} it runs on: {@link #claimStart}, {@link #run} once,
 * {@link #stop} once.
 */
public final class ReconnectingDevice {

    /** What a device does on an open line. */
    @FunctionalInterface
    public interface Session {
        /**
         * Drives the device on a freshly opened line. Calls {@code connected.report} once the device
         * answers; returns when the owner stops ({@link ReconnectingDevice#stopping()}).
         *
         * @throws LineLost   the line went away: it is closed and reopened with backoff
         * @throws OpenFailed the line is open but the device cannot be used (it does not answer):
         *                    handled like a failed open, one WARN line per kind of problem
         */
        void run(SerialLine line, Connected connected) throws LineLost, OpenFailed;
    }

    /** The session's word that the device answers on the line. */
    @FunctionalInterface
    public interface Connected {
        /**
         * Reports that the device answers: the device counts as connected and one INFO line says so.
         *
         * @param firstTime the INFO line's text the first time, e.g. "opened, 9600 baud 8N1"
         * @param again     the INFO line's text after an outage, e.g. "reconnected"
         */
        void report(String firstTime, String again);
    }

    private final String component;
    private final Path path;
    private final LineSettings settings;
    private final Backoff backoff;
    private final Logger log;
    private final DeviceWorker worker;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile SerialLine line;
    // The device's thread only.
    private int retry;
    private boolean everConnected;
    private Kind lastProblem;

    /**
     * @param component the device as it appears in messages, e.g. "scanner 'scanner' (/dev/ttyACM0)"
     * @param log       the owner's logger: its lines keep their logger and wording
     */
    public ReconnectingDevice(String component, Path path, LineSettings settings, Backoff backoff, Logger log) {
        this.component = Objects.requireNonNull(component, "component");
        this.path = Objects.requireNonNull(path, "path");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.log = Objects.requireNonNull(log, "log");
        this.worker = new DeviceWorker(component);
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * Claims the one start; from here the device counts as {@link ConnectionState#DISCONNECTED}
     * until its line opens.
     *
     * @throws IllegalStateException when it was started or stopped before
     */
    public void claimStart() {
        worker.claimStart();
        state = ConnectionState.DISCONNECTED;
    }

    /**
     * Starts the device's thread.
     *
     * @param threadName  e.g. "scanner-reader-front"
     * @param whenDied    what the journal says is lost if the thread dies of a bug, e.g. "no more
     *                    scans from this device until the service restarts"
     */
    public void run(String threadName, String whenDied, Session session) {
        Objects.requireNonNull(session, "session");
        worker.run(threadName, () -> loop(session), (thread, e) -> {
            log.error("{}: reader thread {} died; {}", component, thread.getName(), whenDied, e);
            closeLine();
            state = ConnectionState.STOPPED;
        });
    }

    /** True once {@link #stop} was called: a session returns as soon as it sees this. */
    public boolean stopping() {
        return worker.stopping();
    }

    /** Sleeps for {@code delay} (a poll interval), waking at once when stopped. */
    public void awaitStop(Duration delay) {
        worker.awaitStop(delay);
    }

    /**
     * Stops the thread and waits for it up to {@code joinTimeout}; a thread that outlives the wait
     * gets its port closed under it.
     *
     * @return false when it was stopped before, so the owner's own clean-up runs once
     */
    public boolean stop(Duration joinTimeout) {
        if (!worker.stop(joinTimeout, t -> {
            log.warn(
                    "{}: reader thread {} did not stop within {} ms; closing the port under it",
                    component,
                    t.getName(),
                    joinTimeout.toMillis());
            closeLine();
        })) {
            return false;
        }
        state = ConnectionState.STOPPED;
        return true;
    }

    private void loop(Session session) {
        try {
            while (!stopping()) {
                SerialLine opened;
                try {
                    opened = SerialLine.open(path, settings);
                } catch (OpenFailed failed) {
                    retryAfter(failed.problem());
                    continue;
                }
                line = opened;
                String lost;
                try {
                    session.run(opened, this::connected);
                    lost = "";
                } catch (LineLost e) {
                    lost = e.getMessage();
                } catch (OpenFailed e) {
                    closeLine();
                    retryAfter(e.problem());
                    continue;
                }
                closeLine();
                if (lost.isEmpty() || stopping()) {
                    break;
                }
                setState(ConnectionState.DISCONNECTED);
                log.warn(
                        "{}: {}; port closed, retrying with backoff from {} ms up to every {} ms",
                        component,
                        lost,
                        backoff.initial().toMillis(),
                        backoff.cap().toMillis());
                // The path is most likely gone now; that is the expected retry state, not news.
                lastProblem = Kind.ABSENT;
                worker.awaitStop(nextDelay());
            }
        } finally {
            closeLine();
        }
    }

    private void connected(String firstTime, String again) {
        retry = 0;
        // The journal line first: whoever sees CONNECTED (the status page, a test) finds it written.
        log.info("{}: {}", component, everConnected || lastProblem != null ? again : firstTime);
        everConnected = true;
        lastProblem = null;
        setState(ConnectionState.CONNECTED);
    }

    private void retryAfter(LineProblem problem) {
        setState(ConnectionState.DISCONNECTED);
        if (problem.kind() != lastProblem) {
            log.warn(
                    "{}: {}; retrying with backoff from {} ms up to every {} ms",
                    component,
                    problem.message(),
                    backoff.initial().toMillis(),
                    backoff.cap().toMillis());
            lastProblem = problem.kind();
        }
        worker.awaitStop(nextDelay());
    }

    /** The wait before the next open; the count saturates, so a device away for months still retries. */
    private Duration nextDelay() {
        Duration delay = backoff.delay(retry);
        if (retry < Integer.MAX_VALUE) {
            retry++;
        }
        return delay;
    }

    /** A device being stopped stays STOPPED whatever its thread sees on the way out. */
    private void setState(ConnectionState s) {
        if (!stopping()) {
            state = s;
        }
    }

    private void closeLine() {
        SerialLine l = line;
        line = null;
        if (l != null) {
            l.close();
        }
    }
}
