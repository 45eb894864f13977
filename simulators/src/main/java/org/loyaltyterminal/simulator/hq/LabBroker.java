package org.loyaltyterminal.simulator.hq;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lab's MQTT broker: HiveMQ Community Edition embedded in this process, so HQ's lab needs
 * nothing but a JDK. Listens on the given address only, keeps its sessions and retained messages
 * in {@code folder}, sends no usage statistics. A chain runs a real, clustered broker instead
 * (docs/hq-scale.md).
 */
public final class LabBroker implements AutoCloseable {
    private static final int START_SECONDS = 60;

    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private LabBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    public static LabBroker start(Path folder, String bind, int port) throws IOException {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(folder.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bind));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(folder.resolve("data"))
                .withExtensionsFolder(folder.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "the lab's broker did not start on " + bind + ":" + port + " (" + e.getMessage()
                            + "); is the port taken? Pick another with --broker-port",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the lab's broker", e);
        }
        return new LabBroker(hivemq, "tcp://" + bind + ":" + port);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(START_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (ExecutionException | TimeoutException e) {
            // Stopping anyway: the process is on its way out.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
