package org.loyaltyterminal.hq.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;

/** A test's own MQTT client: publishes and records what arrives on its subscriptions. */
public final class Listener implements AutoCloseable {
    private final PahoBrokerClient client;
    private final List<BrokerEvent.Message> received = new CopyOnWriteArrayList<>();

    public Listener(String url, String clientId, String... filters) {
        client = new PahoBrokerClient(url, clientId, event -> {
            if (event instanceof BrokerEvent.Message message) {
                received.add(message);
            }
        });
        client.connect(new ConnectSpec(false, false, Optional.empty(), Duration.ofSeconds(10)));
        for (String filter : filters) {
            client.subscribe(filter);
        }
    }

    public void publish(String topic, byte[] payload) {
        client.publish(topic, payload, false);
    }

    public void publishRetained(String topic, byte[] payload) {
        client.publish(topic, payload, true);
    }

    public List<BrokerEvent.Message> received(String topic) {
        return received.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
