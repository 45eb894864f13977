package org.loyaltyterminal.terminal.hq;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * A small HQ for the till's tests: a plain MQTT client on the real broker that collects the
 * terminals' balance questions (through HQ's shared subscription) and answers only when the test
 * says so, signing with the test's key as HQ would. Its version clock is HQ's: milliseconds,
 * strictly increasing.
 */
final class FakeHq implements AutoCloseable {
    static final String KEY_ID = "hq-1";

    /** A question as it arrived, with the topic that names who asked. */
    record Question(String topic, LookupRequest request) {
        Topics asker() {
            return Topics.ofTerminalTopic(topic).orElseThrow();
        }
    }

    private final MqttClient client;
    private final KeyPair key;
    private final HqMessageCodec codec = new HqMessageCodec();
    private final Json json = new Json();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    FakeHq(String brokerUrl, KeyPair key) throws MqttException {
        this.key = key;
        this.client = new MqttClient(brokerUrl, "fake-hq-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // Only recorded here: publishing from Paho's callback thread would wait on itself.
                try {
                    questions.add(new Question(topic, LookupRequest.decode(message.getPayload(), json)));
                } catch (WireFormatException e) {
                    unreadable.add(e.getMessage());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        client.subscribe(Topics.sharedLookupFilter("hq-lookup"), 1);
    }

    List<Question> questions() {
        return List.copyOf(questions);
    }

    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** The {@code n}th question (from 1), once it arrived. */
    Question awaitQuestion(int n, Duration timeout) {
        Await.until(
                "question " + n + " reached HQ",
                timeout,
                () -> questions.size() >= n,
                () -> questions + ", unreadable " + unreadable);
        return questions.get(n - 1);
    }

    /** HQ's answer: a known account with these balances, or {@code known = false}. */
    void answer(Question question, boolean known, long points, Map<String, Integer> stamps, Map<String, Long> includes)
            throws MqttException {
        answer(
                question.asker(),
                question.request().request(),
                question.request().card(),
                known,
                points,
                stamps,
                includes);
    }

    /** An answer to any request id, as a forger or a confused HQ might send it. */
    void answer(
            Topics to,
            UUID request,
            String card,
            boolean known,
            long points,
            Map<String, Integer> stamps,
            Map<String, Long> includes)
            throws MqttException {
        Target target = Target.terminal(to.chain(), to.store(), to.terminal());
        HqMessage.MemberAccount account = known
                ? new HqMessage.MemberAccount(
                        target, version(), Instant.now(), request, card, true, points, stamps, includes)
                : HqMessage.MemberAccount.unknown(target, version(), Instant.now(), request, card);
        client.publish(to.lookupReply(), codec.writeMemberAccount(account, KEY_ID, key.getPrivate()), 1, false);
    }

    /** Any signed message, as HQ's tool publishes it. */
    void publish(String topic, HqMessageCodec.Kind kind, Target target, JsonNode payload) throws MqttException {
        client.publish(
                topic,
                codec.write(kind, target, version(), Instant.now(), payload, KEY_ID, key.getPrivate()),
                1,
                false);
    }

    private long version() {
        return clock.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
