package org.loyaltyterminal.sync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code mosquitto} binary (2.x) as a child process, with a generated configuration in a
 * folder of the test's: one listener on 127.0.0.1 and a free port, anonymous clients allowed
 * (2.x refuses them by default), persistence in the folder so a stop (SIGTERM, which makes it
 * save) and start keeps retained messages and persistent sessions, and queues large enough that a
 * stopped HQ consumer loses nothing. Its log goes to {@code folder/mosquitto.log}.
 */
public final class MosquittoBroker implements TestBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path folder;
    private final int port;
    private Process process;

    private MosquittoBroker(Path binary, Path folder, int port) {
        this.binary = binary;
        this.folder = folder;
        this.port = port;
    }

    /** Starts {@code binary} on a free port with its configuration and data in {@code folder}. */
    public static MosquittoBroker start(Path binary, Path folder) {
        int port = Ports.free();
        Path config = folder.resolve("mosquitto.conf");
        try {
            Files.createDirectories(folder);
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "listener " + port + " 127.0.0.1",
                            "allow_anonymous true",
                            // Run as ourselves: as root, mosquitto would otherwise switch to the user
                            // 'mosquitto', which cannot write to the test's folder.
                            "user " + System.getProperty("user.name"),
                            "persistence true",
                            "persistence_location " + folder.toAbsolutePath() + "/",
                            "max_queued_messages 100000",
                            "max_inflight_messages 20",
                            "log_dest stdout",
                            "log_type error",
                            "log_type warning",
                            "log_type notice",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto test config in " + folder + " cannot be written", e);
        }
        MosquittoBroker broker = new MosquittoBroker(binary, folder, port);
        broker.start();
        return broker;
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = folder.resolve("mosquitto.log");
        try {
            process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "-c",
                            folder.resolve("mosquitto.conf").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(binary + " cannot be started: " + e.getMessage(), e);
        }
        Process started = process;
        try {
            Ports.awaitAccepting("mosquitto on port " + port, port, START_TIMEOUT, started::isAlive);
        } catch (IllegalStateException e) {
            started.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; its log " + log + ":\n" + tail(log), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        // The port is free only once the process is gone: wait for that, not for a fixed time.
        Ports.awaitClosed("mosquitto on port " + port, port, Duration.ofSeconds(10));
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + " " + url();
    }
}
