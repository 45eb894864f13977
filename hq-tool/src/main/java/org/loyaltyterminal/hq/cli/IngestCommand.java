package org.loyaltyterminal.hq.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Receive terminals' event batches through a shared subscription, store them once each and"
                + " acknowledge the contiguous sequence per terminal. Runs until stopped (SIGTERM / Ctrl-C).")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--group",
            defaultValue = "hq-ingest",
            description = "Shared-subscription group (default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--client-id", description = "MQTT client id, stable across restarts (default: <group>-<host>).")
    String clientId;

    @Option(
            names = "--leave-group",
            description =
                    "On stop, leave the shared group for good (scaling down)."
                            + " Without it the worker keeps its session, and the broker holds its share of batches for its restart.")
    boolean leaveGroup;

    @Override
    public Integer call() throws InterruptedException {
        String id = clientId != null ? clientId : group + "-" + hostName().replaceAll("[^A-Za-z0-9._-]", "-");
        CountDownLatch stopped = new CountDownLatch(1);
        BrokerAccess access = broker.access();
        try (JdbcEventStore store = database.openStore();
                Ingest ingest = new Ingest(
                        IngestSettings.of(access.url(), group, id),
                        store,
                        events -> new PahoBrokerClient(access, id, events),
                        new Random())) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                if (leaveGroup) {
                                    ingest.leaveGroupAndStop(Duration.ofSeconds(10));
                                } else {
                                    ingest.stop(Duration.ofSeconds(10));
                                }
                                stopped.countDown();
                            },
                            "hq-ingest-shutdown"));
            ingest.start();
            stopped.await();
        }
        return 0;
    }

    /** This machine's name, so two hosts' default client ids differ (the loopback name is "localhost" everywhere). */
    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new HqException("this host's name cannot be found (" + e.getMessage() + "); pass --client-id");
        }
    }
}
