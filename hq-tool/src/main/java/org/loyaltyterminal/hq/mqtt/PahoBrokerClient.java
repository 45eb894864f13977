package org.loyaltyterminal.hq.mqtt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.link.NoDelaySockets;

/**
 * The only class of the HQ tool that speaks Paho (mqttv3 1.2.5). Memory persistence (durability
 * is the event store's), no automatic reconnect (the owner runs its own loop with backoff), one
 * long-lived client reconnected in place, callbacks that only hand events on.
 */
public final class PahoBrokerClient implements BrokerClient {
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);

    private final String url;

    private final MqttAsyncClient client;
    /** Which connection a message came on: an acknowledgement is only sent on the one that delivered it. */
    private final AtomicLong connection = new AtomicLong();

    private volatile boolean manualAcks;
    private boolean closed;

    public PahoBrokerClient(String url, String clientId, Consumer<BrokerEvent> events) {
        this.url = url;

        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new HqException(
                    "MQTT client for " + url + " cannot be created: " + e.getMessage()
                            + "; use tcp://host:port or ssl://host:port",
                    e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                events.accept(new BrokerEvent.Lost(connection.get(), cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.accept(new BrokerEvent.Message(
                        topic,
                        Bytes.copyOf(message.getPayload()),
                        message.getId(),
                        message.getQos(),
                        connection.get()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publish() waits on its own token.
            }
        });
    }

    @Override
    public void connect(ConnectSpec spec) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(!spec.persistentSession());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) Math.max(1, spec.timeout().toSeconds()));
        options.setMaxInflight(10);
        spec.will()
                .ifPresent(will -> options.setWill(will.topic(), will.payload().toArray(), 1, true));
        // Nagle off: a manual PUBACK followed by the next acknowledgement's PUBLISH otherwise waits
        // ~40 ms for the broker's delayed ACK, per batch.
        options.setSocketFactory(
                url.startsWith("ssl://")
                        ? NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault())
                        : NoDelaySockets.plain());
        manualAcks = spec.manualAcks();
        client.setManualAcks(spec.manualAcks());
        // A new id before CONNACK: queued messages arrive at once and must carry the new one.
        connection.incrementAndGet();
        try {
            client.connect(options).waitForCompletion(spec.timeout().toMillis() + 1_000);
        } catch (MqttException e) {
            throw new HqException("broker " + url + ": connect failed (" + describe(e) + ")", e);
        }
    }

    @Override
    public void subscribe(String filter) {
        try {
            IMqttToken token = client.subscribe(filter, 1);
            token.waitForCompletion(OPERATION_TIMEOUT.toMillis());
            int[] granted = token.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                throw new HqException("broker " + url + " refused the subscription " + filter
                        + "; check its access control list (and, for $share, that it supports shared subscriptions)");
            }
        } catch (MqttException e) {
            throw new HqException("broker " + url + ": subscribe to " + filter + " failed (" + describe(e) + ")", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter).waitForCompletion(OPERATION_TIMEOUT.toMillis());
        } catch (MqttException e) {
            throw new HqException(
                    "broker " + url + ": unsubscribe from " + filter + " failed (" + describe(e) + ")", e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
        while (true) {
            try {
                client.publish(topic, payload, 1, retained).waitForCompletion(OPERATION_TIMEOUT.toMillis());
                return;
            } catch (MqttException e) {
                // Paho 1.2.5 can report its window full (32202) just after the previous publish
                // completed, before its in-flight count drops: back-pressure, so wait and try again.
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new HqException("broker " + url + ": interrupted while publishing to " + topic, e);
                    }
                    continue;
                }
                throw new HqException("broker " + url + ": publish to " + topic + " failed (" + describe(e) + ")", e);
            }
        }
    }

    @Override
    public void complete(BrokerEvent.Message message) {
        if (!manualAcks || message.qos() == 0 || message.connection() != connection.get() || !client.isConnected()) {
            return; // the broker delivers it again on the next connection
        }
        try {
            client.messageArrivedComplete(message.id(), message.qos());
        } catch (MqttException e) {
            throw new HqException(
                    "broker " + url + ": acknowledging message " + message.id() + " failed (" + describe(e) + ")", e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            abort();
        }
    }

    private void abort() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            // already down
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return; // Paho throws on a second close
        }
        closed = true;
        disconnect();
        abort();
        try {
            client.close(true);
        } catch (MqttException e) {
            // best effort at shutdown
        }
    }

    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return "reason " + e.getReasonCode() + ": " + e.getMessage()
                + (cause == null ? "" : ", " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
