package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.ingest.SqliteEventStore;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Receive terminals' event batches through a shared subscription, store them once each and"
                + " acknowledge the contiguous sequence per terminal. Runs until stopped (SIGTERM / Ctrl-C).")
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, description = "Broker URL, e.g. tcp://127.0.0.1:1883.")
    String broker;

    @Option(names = "--db", required = true, description = "SQLite event store (created if missing).")
    Path db;

    @Option(names = "--group", defaultValue = "hq-ingest", description = "Shared-subscription group (default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--client-id", description = "MQTT client id, stable across restarts (default: <group>-<host>).")
    String clientId;

    @Override
    public Integer call() throws InterruptedException {
        String id = clientId != null ? clientId
                : group + "-" + java.net.InetAddress.getLoopbackAddress().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        CountDownLatch stopped = new CountDownLatch(1);
        try (SqliteEventStore store = SqliteEventStore.open(db, InstantSource.system());
                Ingest ingest = new Ingest(IngestSettings.of(broker, group, id), store,
                        events -> new PahoBrokerClient(broker, id, events), new Random())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ingest.stop(Duration.ofSeconds(10));
                stopped.countDown();
            }, "hq-ingest-shutdown"));
            ingest.start();
            stopped.await();
        }
        return 0;
    }
}
