package org.loyaltyterminal.device.scan;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.ReconnectBackoff;
import org.loyaltyterminal.device.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial barcode scanner (RS-232 or USB-CDC) read with jSerialComm: the only class that
 * imports it. Two named platform threads per scanner:
 * <ul>
 *   <li>the reader opens the port by path, reads with a short semi-blocking timeout, stamps each
 *       chunk with its arrival time ({@link ArrivalStamps}), frames and decodes at once, and
 *       offers accepted scans to a bounded {@link ScanHandOff}; it never waits for processing, so
 *       the silence rule ({@code scanner.gap-ms}) is judged on when bytes arrived, not on when
 *       a slow commit let them be read;</li>
 *   <li>the delivery thread takes scans from the hand-off, in order, and calls the listener.</li>
 * </ul>
 *
 * <p>A device that is missing at start, or that disappears later (read error, path gone), is
 * not an error: the reader closes the port, logs one WARN line, reports
 * {@link ConnectionState#DISCONNECTED} and retries with capped exponential backoff until the
 * path opens again, then logs one INFO "reconnected" line. Nothing is logged per retry.
 *
 * <p>One-shot: {@link #start} once, {@link #close} once.
 */
public final class SerialScanner implements ScanSource {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int MAX_INTERRUPTED_READS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SerialScanner.class);
    /** Semi-blocking read timeout; jSerialComm on Linux works in deciseconds, 100 ms is the finest. */
    private static final int READ_TIMEOUT_MILLIS = 100;
    /**
     * Two reads further apart than this mean the reader itself was held up (SIGSTOP, GC, a starved
     * VM): the read timeout plus generous scheduling slack for a loaded 2-core till.
     */
    private static final Duration READER_STALL = Duration.ofMillis(READ_TIMEOUT_MILLIS + 150);
    /**
     * Big enough that a kernel buffer full of scans (after a stall) comes out in one read; the
     * framer carries a partial line across reads either way.
     */
    private static final int READ_BUFFER_BYTES = 4096;

    private static final Duration DELIVERY_POLL = Duration.ofMillis(100);
    private static final Duration LISTENER_WARN_EVERY = Duration.ofSeconds(10);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final int EACCES = 13;

    /** Why an open attempt failed; a WARN is logged only when the kind changes. */
    private enum ProblemKind {
        ABSENT,
        PERMISSION,
        OTHER
    }

    private record Problem(ProblemKind kind, String message) {}

    private final ScannerSettings settings;
    private final Ticker ticker;
    private final ReconnectBackoff backoff;
    private final ScanPipeline pipeline;
    private final String component;
    private final DeviceWorker worker;
    private final DeviceWorker delivery;
    private final ScanHandOff handOff;
    // Delivery thread only.
    private final RepeatedWarning listenerFailures = new RepeatedWarning(LISTENER_WARN_EVERY);
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile SerialPort openPort;

    public SerialScanner(ScannerSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax());
        this.component = "scanner '" + settings.name() + "' (" + settings.port() + ")";
        this.worker = new DeviceWorker(component);
        this.delivery = new DeviceWorker(component);
        this.pipeline = new ScanPipeline(settings, component, LOG);
        this.handOff = new ScanHandOff(ScanHandOff.CAPACITY, component, LOG);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    /** Counts of accepted and rejected frames since start, and the hand-off's figures; safe from any thread. */
    @Override
    public ScannerStats stats() {
        ScannerStats frames = pipeline.stats();
        return new ScannerStats(
                frames.accepted(),
                frames.rejected(),
                new ScannerStats.HandOff(handOff.depth(), handOff.capacity(), handOff.dropped()));
    }

    @Override
    public void start(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        worker.claimStart();
        delivery.claimStart();
        state = ConnectionState.DISCONNECTED;
        delivery.run(
                "scanner-delivery-" + settings.name(),
                () -> deliverUntilStopped(listener),
                (thread, e) -> LOG.error(
                        "{}: delivery thread {} died; no more scans from this device until the service restarts",
                        component,
                        thread.getName(),
                        e));
        worker.run("scanner-reader-" + settings.name(), this::run, (thread, e) -> {
            LOG.error(
                    "{}: reader thread {} died; no more scans from this device until the service restarts",
                    component,
                    thread.getName(),
                    e);
            closeQuietly(openPort);
            state = ConnectionState.STOPPED;
        });
    }

    /**
     * Registers the process's orderly-stop hook so that it runs before jSerialComm's own shutdown
     * hook, which closes every open port and unloads its native library. As a plain JVM shutdown
     * hook it would race that cleanup: the reader would see its port closed under it (EBADF) and
     * report an unplugged scanner while the daemon was merely stopping. The list is jSerialComm's,
     * shared by every serial device in the process (the PN532 reader too): register once.
     */
    public static void runAtShutdownBeforeSerialCleanup(Thread hook) {
        SerialPort.addShutdownHook(hook);
    }

    /**
     * Stops the reader first (no new scans), then the delivery thread, which hands the scans
     * already queued to the listener within the join timeout; any left after it are logged.
     */
    @Override
    public void close() {
        if (!worker.stop(JOIN_TIMEOUT, t -> {
            LOG.warn(
                    "{}: reader thread {} did not stop within {} ms; closing the port under it",
                    component,
                    t.getName(),
                    JOIN_TIMEOUT.toMillis());
            closeQuietly(openPort);
        })) {
            return;
        }
        delivery.stop(
                JOIN_TIMEOUT,
                t -> LOG.warn(
                        "{}: delivery thread {} did not finish within {} ms; {} scans " + "read but not processed",
                        component,
                        t.getName(),
                        JOIN_TIMEOUT.toMillis(),
                        handOff.depth()));
        state = ConnectionState.STOPPED;
    }

    private void deliverUntilStopped(ScanListener listener) {
        long drainDeadline = 0;
        while (true) {
            if (delivery.stopping()) {
                // Finish what was read before the stop, within most of the owner's bounded wait.
                if (drainDeadline == 0) {
                    drainDeadline = ticker.nanos() + JOIN_TIMEOUT.toNanos() * 3 / 4;
                }
                if (handOff.depth() == 0 || ticker.nanos() - drainDeadline > 0) {
                    int left = handOff.depth();
                    if (left > 0) {
                        LOG.warn("{}: stopping with {} scans read but not processed", component, left);
                    }
                    return;
                }
            }
            Optional<ScanEvent> scan;
            try {
                scan = handOff.poll(DELIVERY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scan.ifPresent(s -> deliver(listener, s));
        }
    }

    private boolean stopping() {
        return worker.stopping();
    }

    private void setState(ConnectionState s) {
        if (!stopping()) {
            state = s;
        }
    }

    private void run() {
        int attempt = 0;
        boolean everConnected = false;
        ProblemKind lastProblem = null;
        try {
            while (!stopping()) {
                SerialPort port;
                try {
                    port = open();
                } catch (OpenFailed failed) {
                    setState(ConnectionState.DISCONNECTED);
                    if (failed.problem.kind() != lastProblem) {
                        LOG.warn(
                                "{}: {}; retrying with backoff from {} ms up to every {} ms",
                                component,
                                failed.problem.message(),
                                backoff.initial().toMillis(),
                                backoff.max().toMillis());
                        lastProblem = failed.problem.kind();
                    }
                    worker.awaitStop(backoff.delay(attempt++));
                    continue;
                }
                openPort = port;
                attempt = 0;
                setState(ConnectionState.CONNECTED);
                if (everConnected || lastProblem != null) {
                    LOG.info("{}: reconnected", component);
                } else {
                    LOG.info(
                            "{}: opened, {} baud {}{}{}",
                            component,
                            settings.baud(),
                            settings.dataBits(),
                            settings.parity().name().charAt(0),
                            stopBitsLabel());
                }
                everConnected = true;
                lastProblem = null;
                String lost = readUntilLostOrStopped(port);
                closeQuietly(port);
                openPort = null;
                pipeline.deviceLost();
                if (lost.isEmpty()) {
                    break;
                }
                setState(ConnectionState.DISCONNECTED);
                LOG.warn(
                        "{}: {}; port closed, retrying with backoff from {} ms up to every {} ms",
                        component,
                        lost,
                        backoff.initial().toMillis(),
                        backoff.max().toMillis());
                // The path is most likely gone now; that is the expected retry state, not news.
                lastProblem = ProblemKind.ABSENT;
                worker.awaitStop(backoff.delay(attempt++));
            }
        } finally {
            closeQuietly(openPort);
            openPort = null;
        }
    }

    /** @return what happened to the device, or "" when the scanner is being closed */
    private String readUntilLostOrStopped(SerialPort port) {
        byte[] buf = new byte[READ_BUFFER_BYTES];
        ArrivalStamps arrivals = new ArrivalStamps(READER_STALL.toNanos());
        int interrupted = 0;
        while (!stopping()) {
            int n = port.readBytes(buf, buf.length);
            long now = ticker.nanos();
            if (n < 0) {
                int code = port.getLastErrorCode();
                // A signal to the process (SIGTERM at shutdown, for one) can end a blocking read with
                // EINTR or EAGAIN while the device is fine: read again rather than report an unplug,
                // unless it keeps happening or the device path is gone.
                if ((code == EINTR || code == EAGAIN)
                        && ++interrupted <= MAX_INTERRUPTED_READS
                        && Files.exists(settings.port())) {
                    continue;
                }
                return stopping()
                        ? ""
                        : "read failed (" + (code == 0 ? "hang-up" : "error code " + code)
                                + "), device unplugged or gone";
            }
            interrupted = 0;
            long arrived = arrivals.stamp(n, now);
            if (n == 0) {
                pipeline.onIdle(now).ifPresent(scan -> handOff.offer(scan, now));
                if (!Files.exists(settings.port())) {
                    return "device path disappeared";
                }
                continue;
            }
            for (ScanEvent scan : pipeline.onBytes(buf, n, arrived)) {
                handOff.offer(scan, now);
            }
        }
        return "";
    }

    private void deliver(ScanListener listener, ScanEvent scan) {
        try {
            listener.onScan(scan);
        } catch (RuntimeException e) {
            // A broken listener fails every scan: one line (with the trace) per LISTENER_WARN_EVERY.
            long since = listenerFailures.count(ticker.nanos());
            if (since > 0) {
                LOG.warn(
                        "{}: scan listener threw {}; {} scan(s) lost since the last such line ({} since start), "
                                + "reading continues; further failures are logged at most every {} s",
                        component,
                        e,
                        since,
                        listenerFailures.total(),
                        LISTENER_WARN_EVERY.toSeconds(),
                        e);
            }
        }
    }

    private SerialPort open() throws OpenFailed {
        Path path = settings.port();
        if (!Files.exists(path)) {
            throw new OpenFailed(new Problem(ProblemKind.ABSENT, "device not found"));
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path.toString());
        } catch (RuntimeException e) {
            throw new OpenFailed(new Problem(ProblemKind.OTHER, "cannot use the path as a serial port: " + e));
        }
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(), parity());
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
        if (port.openPort()) {
            return port;
        }
        int code = port.getLastErrorCode();
        if (code == EACCES) {
            String user = ProcessHandle.current().info().user().orElse("(unknown user)");
            throw new OpenFailed(
                    new Problem(ProblemKind.PERMISSION, permissionDeniedMessage(path, user, owningGroup(path))));
        }
        if (!Files.exists(path)) {
            throw new OpenFailed(new Problem(ProblemKind.ABSENT, "device not found"));
        }
        throw new OpenFailed(new Problem(
                ProblemKind.OTHER,
                "open failed with error code " + code
                        + " (16 = busy: another process holds the port's exclusive lock)"));
    }

    /**
     * The message for EACCES: names the device, the user and the group to join. Package-private
     * for tests; the daemon usually runs as a service user that only lacks the group.
     */
    static String permissionDeniedMessage(Path path, String user, String group) {
        return "permission denied opening " + path + " (error 13, EACCES) as user '" + user
                + "'; the device belongs to group '" + group + "': run 'sudo usermod -aG " + group + " " + user
                + "' and restart the service";
    }

    private static String owningGroup(Path path) {
        try {
            GroupPrincipal group = (GroupPrincipal) Files.getAttribute(path, "posix:group");
            return group.getName();
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "dialout";
        }
    }

    private static void closeQuietly(SerialPort port) {
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }

    private int parity() {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private int stopBits() {
        return switch (settings.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private String stopBitsLabel() {
        return switch (settings.stopBits()) {
            case ONE -> "1";
            case ONE_POINT_FIVE -> "1.5";
            case TWO -> "2";
        };
    }

    /** An open attempt failed; carries the problem to log (once per kind). */
    private static final class OpenFailed extends Exception {
        private final Problem problem;

        OpenFailed(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
