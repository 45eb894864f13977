package org.loyaltyterminal.hq.publish;

import java.util.List;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.mqtt.BrokerClient;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;

/** Connects, publishes each message at QoS 1 waiting for its PUBACK, and disconnects. */
public final class OneShotPublisher {
    private OneShotPublisher() {}

    public static void publish(BrokerAccess broker, String clientId, List<Outgoing> messages) {
        try (BrokerClient client = new PahoBrokerClient(broker, clientId, event -> {})) {
            client.connect(ConnectSpec.oneShot());
            for (Outgoing message : messages) {
                client.publish(message.topic(), message.payload().toArray(), message.retained());
            }
            client.disconnect();
        }
    }
}
