package org.loyaltyterminal.sync.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixtures' promises, on each broker: a restart on the same port keeps retained messages. */
class TestBrokerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void restartKeepsRetainedMessagesOnTheSamePort(TestBrokers.Kind kind, @TempDir Path dir) throws Exception {
        try (TestBroker broker = kind.start(dir)) {
            byte[] payload = "kept".getBytes(StandardCharsets.UTF_8);
            MqttClient publisher = client(broker.url(), "pub");
            publisher.publish("t/retained", payload, 1, true);
            publisher.disconnect();
            publisher.close();

            broker.stop();
            broker.start();

            assertArrayEquals(
                    payload,
                    retained(broker.url(), proxyless -> "t/retained"),
                    kind + ": retained message after a restart on port " + broker.port());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void proxyForwardsCutsAndStalls(TestBrokers.Kind kind, @TempDir Path dir) throws Exception {
        try (TestBroker broker = kind.start(dir);
                TcpProxy proxy = TcpProxy.to(broker.port())) {
            MqttClient publisher = client(proxy.url(), "pub");
            publisher.publish("t/a", "1".getBytes(StandardCharsets.UTF_8), 1, true);
            proxy.cutAll();
            Await.until("the client sees the cut", Duration.ofSeconds(10), () -> !publisher.isConnected());
            publisher.close();

            MqttClient stalled = client(proxy.url(), "stalled");
            proxy.stall();
            CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> {
                try {
                    stalled.publish("t/a", "2".getBytes(StandardCharsets.UTF_8), 1, true);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            });
            long forwarded = proxy.bytesForwarded();
            Thread.sleep(300); // Negative check: nothing may flow while stalled.
            if (publish.isDone() || proxy.bytesForwarded() != forwarded) {
                throw new AssertionError("bytes flowed through a stalled proxy");
            }
            proxy.resume();
            publish.get(10, TimeUnit.SECONDS);
            stalled.disconnect();
            stalled.close();

            assertArrayEquals("2".getBytes(StandardCharsets.UTF_8), retained(broker.url(), x -> "t/a"));
        }
    }

    private static MqttClient client(String url, String id) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    private static byte[] retained(String url, Function<Void, String> topic) throws Exception {
        MqttClient reader = client(url, "reader");
        CompletableFuture<byte[]> got = new CompletableFuture<>();
        reader.subscribe(topic.apply(null), 1, (t, m) -> got.complete(m.getPayload()));
        byte[] payload = got.get(10, TimeUnit.SECONDS);
        reader.disconnect();
        reader.close();
        return payload;
    }
}
