package org.loyaltyterminal.sync.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.sync.link.BackPressureException;
import org.loyaltyterminal.sync.link.LinkEvent;
import org.loyaltyterminal.sync.link.MqttLink;
import org.loyaltyterminal.sync.link.Will;

/** An MQTT link that records what the agent asks of it; the test plays the broker's part. */
final class FakeLink implements MqttLink {
    record Publish(String topic, Bytes payload, boolean retained, long tag) {}

    final Consumer<LinkEvent> events;
    final List<Will> connects = new ArrayList<>();
    final List<List<String>> subscriptions = new ArrayList<>();
    final List<Publish> publishes = new ArrayList<>();
    int aborts;
    int disconnects;
    boolean closed;
    /** When set, publishes beyond this many un-acknowledged ones throw back-pressure. */
    int windowLimit = Integer.MAX_VALUE;

    int unacknowledged;
    /** The offline notice at shutdown is acknowledged at once, as a live broker would. */
    boolean ackShutdownNotice = true;

    FakeLink(Consumer<LinkEvent> events) {
        this.events = events;
    }

    @Override
    public void connect(Will will) {
        connects.add(will);
    }

    @Override
    public void subscribe(List<String> topics) {
        subscriptions.add(topics);
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, long tag) {
        if (unacknowledged >= windowLimit) {
            throw new BackPressureException("window full", null);
        }
        unacknowledged++;
        publishes.add(new Publish(topic, Bytes.copyOf(payload), retained, tag));
        if (ackShutdownNotice && tag == -2) {
            events.accept(new LinkEvent.Published(tag));
        }
    }

    void puback(Publish publish) {
        unacknowledged--;
        events.accept(new LinkEvent.Published(publish.tag()));
    }

    @Override
    public void disconnect() {
        disconnects++;
    }

    @Override
    public void abort() {
        aborts++;
        unacknowledged = 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
