package org.loyaltyterminal.hq.mqtt;

import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
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
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.NoDelaySockets;
import org.loyaltyterminal.sync.link.SecretFile;
import org.loyaltyterminal.sync.link.TlsContexts;

/**
 * The only class of the HQ tool that speaks Paho (mqttv3 1.2.5). Memory persistence (durability
 * is the event store's), no automatic reconnect (the owner runs its own loop with backoff), one
 * long-lived client reconnected in place, callbacks that only hand events on. Login and TLS are
 * the terminal's ({@link BrokerAccess}), built from the same sync-agent code at every connect.
 */
public final class PahoBrokerClient implements BrokerClient {
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerAccess access;
    private final String url;

    private final MqttAsyncClient client;
    /** Which connection a message came on: an acknowledgement is only sent on the one that delivered it. */
    private final AtomicLong connection = new AtomicLong();

    private volatile boolean manualAcks;
    private boolean closed;

    /** For a broker that takes anonymous clients over plain TCP. */
    public PahoBrokerClient(String url, String clientId, Consumer<BrokerEvent> events) {
        this(BrokerAccess.plain(url), clientId, events);
    }

    public PahoBrokerClient(BrokerAccess access, String clientId, Consumer<BrokerEvent> events) {
        this.access = access;
        this.url = access.url();

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
        options.setSocketFactory(socketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        access.login().ifPresent(login -> {
            options.setUserName(login.username());
            options.setPassword(password(login));
        });
        manualAcks = spec.manualAcks();
        client.setManualAcks(spec.manualAcks());
        // A new id before CONNACK: queued messages arrive at once and must carry the new one.
        connection.incrementAndGet();
        try {
            client.connect(options).waitForCompletion(spec.timeout().toMillis() + 1_000);
        } catch (MqttException e) {
            throw new HqException("broker " + url + ": connect failed (" + describe(e) + ")" + hint(e), e);
        }
    }

    /** Read at every connect, as the terminal does: a replaced certificate is used at the next one. */
    private SocketFactory socketFactory() {
        if (access.tls().isEmpty()) {
            return NoDelaySockets.plain();
        }
        try {
            return NoDelaySockets.tls(TlsContexts.socketFactory(access.tls().get()));
        } catch (SyncException e) {
            throw new HqException("broker " + url + ": " + e.getMessage(), e);
        }
    }

    private char[] password(LinkSettings.Login login) {
        try {
            return SecretFile.readPassword(login.passwordFile(), "--broker-password-file");
        } catch (SyncException e) {
            throw new HqException("broker " + url + ": " + e.getMessage(), e);
        }
    }

    /** What the operator should check, for the refusals a login or TLS set-up causes. */
    private String hint(MqttException e) {
        int reason = e.getReasonCode();
        if (reason == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || reason == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return access.login()
                    .map(login -> "; the broker refused user '" + login.username()
                            + "': check --broker-username and the password in --broker-password-file, and that the"
                            + " broker lets this user connect")
                    .orElse("; the broker wants a login: pass --broker-username and --broker-password-file");
        }
        if (access.tls().isEmpty()) {
            return "";
        }
        String chain = causes(e).toLowerCase(Locale.ROOT);
        if (chain.contains("subject alternative") || chain.contains("no name matching")) {
            return "; the broker's certificate does not carry the host name in --broker: connect by a name the"
                    + " certificate carries";
        }
        if (hasCause(e, CertificateException.class) || chain.contains("pkix")) {
            return "; the broker's certificate is not trusted: check that --ca-file holds the CA that signed it";
        }
        if (chain.contains("certificate_required")
                || chain.contains("bad_certificate")
                || chain.contains("unknown_ca")
                || chain.contains("certificate_unknown")) {
            return "; the broker refused this client's certificate: check --client-cert and --client-key (a"
                    + " certificate the broker's CA signed)";
        }
        if (hasCause(e, SSLException.class)) {
            return "; TLS with the broker failed: check --ca-file, --client-cert and --client-key";
        }
        return "";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
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
