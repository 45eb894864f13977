package org.loyaltyterminal.simulator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real daemon started as a separate JVM from its jar, with its output read line by line (and
 * when each line was read). Used by the benchmark and the end-to-end tests: both observe the
 * daemon from outside, as an operator (or systemd) would. HQ's service ({@code hq-tool serve})
 * runs the same way in the two-store test.
 */
public final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final long startedNanos;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());
    /** System.nanoTime() when each line of {@link #all} was read; guarded by {@code all}'s lock. */
    private final List<Long> readAt = new ArrayList<>();

    private final Thread reader;

    private DaemonProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.reader = Thread.ofPlatform()
                .name("daemon-output-" + process.pid())
                .daemon(true)
                .start(this::pump);
    }

    /** Starts {@code java -jar jar run --config config} with the JVM flags the systemd unit uses. */
    public static DaemonProcess start(Path jar, Path config, String... extraJvmFlags) {
        return start(jar, config, Map.of(), extraJvmFlags);
    }

    /** As {@link #start(Path, Path, String...)}, with variables added to the daemon's environment (NOTIFY_SOCKET, ...). */
    public static DaemonProcess start(Path jar, Path config, Map<String, String> environment, String... extraJvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(extraJvmFlags));
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        return launch(command, environment);
    }

    /**
     * Starts {@code java -jar jar arguments} as a long-running service (hq-tool's {@code serve},
     * say), read and stopped like the daemon.
     */
    public static DaemonProcess command(Path jar, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString()));
        command.addAll(arguments);
        return launch(command, Map.of());
    }

    private static DaemonProcess launch(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JOURNAL_STREAM");
        builder.environment().remove("NOTIFY_SOCKET");
        builder.environment().remove("WATCHDOG_USEC");
        builder.environment().remove("WATCHDOG_PID");
        builder.environment().putAll(environment);
        try {
            long started = System.nanoTime();
            return new DaemonProcess(builder.start(), started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private void pump() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                synchronized (all) {
                    all.add(line);
                    readAt.add(now);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended; what it printed is kept
        }
    }

    /** Waits for the next line that matches, discarding the lines before it; empty on timeout. */
    public Optional<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && wanted.test(line)) {
                return Optional.of(line);
            }
        }
    }

    /**
     * Waits until any line printed so far or later matches, without consuming lines: for events
     * whose order against other lines is not fixed (a device thread logging while main starts).
     */
    public boolean awaitSeen(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(20);
        }
        return output().stream().anyMatch(wanted);
    }

    /** One line of output and when it was read ({@link System#nanoTime()}), for timing what the process reports. */
    public record Line(String text, long readAtNanos) {}

    /** Everything the process printed so far, each line with the time it was read. */
    public List<Line> timedOutput() {
        synchronized (all) {
            List<Line> timed = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                timed.add(new Line(all.get(i), readAt.get(i)));
            }
            return timed;
        }
    }

    public long startedNanos() {
        return startedNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    public List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Resident set size from /proc, in KiB: current and peak. */
    public long[] residentKib() throws IOException {
        long rss = -1;
        long hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {rss, hwm};
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(2_000);
    }

    /** SIGTERM, then wait for the orderly stop; returns the exit status. */
    public int terminate(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() also closes our end of the child's stdout, and the
        // lines the daemon prints while it stops would be lost (EPIPE).
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2_000);
        return process.exitValue();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("daemon pid " + process.pid() + " still running after " + timeout);
        }
        reader.join(2_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
