package org.loyaltyterminal.sync.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE embedded in the test JVM, listening on 127.0.0.1 only, anonymous usage statistics
 * off, with its data in {@code folder/data} so a stop and start keeps retained messages and
 * persistent sessions. A restart builds a new instance on the same folders: a stopped instance
 * of 2025.5 cannot start again in the same JVM (its metric registry still holds the old metrics). Queues are raised from 1,000 to 100,000 messages per client so a stopped
 * HQ consumer does not lose a test's traffic.
 */
public final class EmbeddedHiveMq implements TestBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path folder;
    private Optional<EmbeddedHiveMQ> running = Optional.empty();

    private EmbeddedHiveMq(int port, Path folder) {
        this.port = port;
        this.folder = folder;
    }

    /** Writes the configuration into {@code folder} and starts the broker on a free port. */
    public static EmbeddedHiveMq start(Path folder) {
        int port = Ports.free();
        Path config = folder.resolve("conf");
        try {
            Files.createDirectories(config);
            Files.createDirectories(folder.resolve("data"));
            Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener>
                          <port>%d</port>
                          <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                      </listeners>
                      <mqtt>
                        <queued-messages>
                          <max-queue-size>100000</max-queue-size>
                        </queued-messages>
                      </mqtt>
                      <anonymous-usage-statistics>
                        <enabled>false</enabled>
                      </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException("HiveMQ test config in " + folder + " cannot be written", e);
        }
        EmbeddedHiveMq broker = new EmbeddedHiveMq(port, folder);
        broker.start();
        return broker;
    }

    @Override
    public String name() {
        return "hivemq-embedded";
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
        if (running.isPresent()) {
            return;
        }
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(folder.resolve("conf"))
                .withDataFolder(folder.resolve("data"))
                .withExtensionsFolder(folder.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "HiveMQ embedded on port " + port + " did not start within " + START_TIMEOUT.toSeconds() + " s: "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HiveMQ", e);
        }
        Ports.awaitAccepting(name(), port, Duration.ofSeconds(10), () -> true);
        running = Optional.of(hivemq);
    }

    @Override
    public synchronized void stop() {
        if (running.isEmpty()) {
            return;
        }
        EmbeddedHiveMQ hivemq = running.get();
        running = Optional.empty();
        try {
            hivemq.stop().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            hivemq.close();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ embedded on port " + port + " did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping HiveMQ", e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    @Override
    public String toString() {
        return name() + " " + url();
    }
}
