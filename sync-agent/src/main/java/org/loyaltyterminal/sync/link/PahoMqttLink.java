package org.loyaltyterminal.sync.link;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.loyaltyterminal.sync.SyncException;

/**
 * The only class that speaks Paho (mqttv3 1.2.5, MQTT 3.1.1). What it avoids, and why:
 * <ul>
 *   <li>memory persistence, never the default file persistence: durability is the outbox's;</li>
 *   <li>no automatic reconnect: its delay is static and unjittered; the agent reconnects;</li>
 *   <li>callbacks only hand events on: blocking in them can deadlock the client;</li>
 *   <li>the in-flight limit is set explicitly and "too many publishes in progress" (32202)
 *       becomes {@link BackPressureException};</li>
 *   <li>TCP_NODELAY ({@link NoDelaySockets}): Paho leaves Nagle on, which delays small packets.</li>
 * </ul>
 */
public final class PahoMqttLink implements MqttLink {
    private final LinkSettings settings;
    private final Consumer<LinkEvent> events;
    private final MqttAsyncClient client;

    public PahoMqttLink(LinkSettings settings, Consumer<LinkEvent> events) {
        this.settings = settings;
        this.events = events;
        try {
            client = new MqttAsyncClient(settings.broker().toString(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new SyncException(
                    "MQTT client for " + settings.broker() + " cannot be created: " + e.getMessage(), e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                events.accept(new LinkEvent.Lost(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.accept(new LinkEvent.Message(topic, message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // PUBACKs are reported through each publish's own listener, with its tag.
            }
        });
    }

    @Override
    public void connect(Will will) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A persistent session: the broker queues commands and member updates while we are away.
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setMaxInflight(settings.maxInflight() + 1);
        options.setWill(will.topic(), will.payload().toArray(), 1, true);
        if (settings.tls().isPresent()) {
            options.setSocketFactory(
                    NoDelaySockets.tls(TlsContexts.socketFactory(settings.tls().get())));
            options.setHttpsHostnameVerificationEnabled(true);
        } else {
            options.setSocketFactory(NoDelaySockets.plain());
        }
        settings.login().ifPresent(login -> {
            options.setUserName(login.username());
            options.setPassword(SecretFile.readPassword(login.passwordFile(), "hq.password-file"));
        });
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    events.accept(new LinkEvent.Connected());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    events.accept(new LinkEvent.ConnectFailed(cause));
                }
            });
        } catch (MqttException e) {
            events.accept(new LinkEvent.ConnectFailed(e));
        }
    }

    @Override
    public void subscribe(List<String> topics) {
        int[] qos = new int[topics.size()];
        Arrays.fill(qos, 1);
        try {
            client.subscribe(topics.toArray(String[]::new), qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    boolean refused = granted != null && Arrays.stream(granted).anyMatch(g -> g == 0x80);
                    events.accept(
                            refused
                                    ? new LinkEvent.SubscribeFailed(
                                            new SyncException("the broker refused a subscription of " + topics
                                                    + "; check its access control list"))
                                    : new LinkEvent.Subscribed());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    events.accept(new LinkEvent.SubscribeFailed(cause));
                }
            });
        } catch (MqttException e) {
            events.accept(new LinkEvent.SubscribeFailed(e));
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, long tag) {
        try {
            client.publish(topic, payload, 1, retained, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    events.accept(new LinkEvent.Published(tag));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    events.accept(new LinkEvent.PublishFailed(tag, cause));
                }
            });
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                throw new BackPressureException("MQTT client in-flight window full", e);
            }
            throw new SyncException("publish to " + topic + " failed: " + e.getMessage(), e);
        }
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

    @Override
    public void abort() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            // Already down: nothing to tear down.
        }
    }

    @Override
    public void close() {
        abort();
        try {
            client.close(true);
        } catch (MqttException e) {
            // Closing is best effort at shutdown.
        }
    }
}
