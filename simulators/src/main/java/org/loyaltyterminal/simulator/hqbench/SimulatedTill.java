package org.loyaltyterminal.simulator.hqbench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.simulator.hqbench.mqtt.ConnectOptions;
import org.loyaltyterminal.simulator.hqbench.mqtt.MqttConnection;
import org.loyaltyterminal.simulator.hqbench.mqtt.MqttListener;
import org.loyaltyterminal.simulator.hqbench.mqtt.MqttLoop;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.Acknowledgement;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * One till's sync agent, reduced to its drain: an outbox of events 1..written, batches encoded by
 * {@link EventBatch} on its {@code events} topic at QoS 1, at most 8 awaiting the broker's PUBACK
 * and 32 awaiting HQ's acknowledgement on its {@code acks} topic, events leaving the outbox only
 * on that acknowledgement, everything unacknowledged sent again after the acknowledgement timeout,
 * a lost link rebuilt with full-jitter backoff. Lives on one {@link MqttLoop}'s thread; the
 * benchmark reaches it through {@link MqttLoop#execute}.
 */
final class SimulatedTill implements MqttListener {
    private record Sent(long first, long last, long sentAt) {}

    private final int index;
    private final Topics topics;
    private final MqttLoop loop;
    private final ConnectOptions connect;
    private final BenchEvents events;
    private final TillSettings settings;
    private final FleetCounters counters;
    private final Json json;
    private final Backoff backoff;

    private MqttConnection connection;
    private boolean wanted;
    private boolean online;
    private int subscription;
    private long session;
    private int failedAttempts;
    private int batchEvents = 1;

    private long written;
    private long ackedUpTo;
    private long sentUpTo;
    private long highestSent;
    private boolean drained = true;
    private final Map<Integer, Long> awaitingPuback = new HashMap<>();
    private final ArrayDeque<Sent> awaitingAck = new ArrayDeque<>();
    private long lastProgressAt;
    private long ackTimeoutNanos;

    SimulatedTill(
            int index,
            MqttLoop loop,
            ConnectOptions connect,
            BenchEvents events,
            TillSettings settings,
            FleetCounters counters,
            Json json) {
        this.index = index;
        this.topics = new Topics(BenchEvents.CHAIN, BenchEvents.store(index), BenchEvents.terminal(index));
        this.loop = loop;
        this.connect = connect;
        this.events = events;
        this.settings = settings;
        this.counters = counters;
        this.json = json;
        this.backoff = Backoff.doubling(settings.backoffBase(), settings.backoffCap());
        this.ackTimeoutNanos = settings.ackTimeout().toNanos();
    }

    MqttLoop loop() {
        return loop;
    }

    /** Connects now (no jitter: the benchmark wants every till at once), and again whenever the link is lost. */
    void connect() {
        wanted = true;
        failedAttempts = 0;
        open();
    }

    /** A clean DISCONNECT; the till stays away until {@link #connect} is called again. */
    void disconnect() {
        wanted = false;
        if (connection != null) {
            connection.disconnect();
        }
    }

    /**
     * Writes {@code count} more events to the outbox and drains them in batches of at most
     * {@code perBatch} events (and the byte limit).
     */
    void write(long count, int perBatch) {
        written += count;
        batchEvents = perBatch;
        drained = count == 0;
        fill(System.nanoTime());
    }

    private void open() {
        connection = loop.open(connect, this);
    }

    @Override
    public void connected(MqttConnection c, boolean sessionPresent) {
        // The agent subscribes on every connect, whatever the broker kept of the session.
        subscription = c.subscribe(topics.acks(), 1);
    }

    @Override
    public void subscribed(MqttConnection c, int packetId, int granted) {
        if (packetId != subscription) {
            return;
        }
        if (granted == 0x80) {
            c.abort("the broker refused the subscription to " + topics.acks());
            return;
        }
        long now = System.nanoTime();
        session++;
        online = true;
        failedAttempts = 0;
        // As the agent's online(): start again after the last acknowledged event.
        sentUpTo = ackedUpTo;
        awaitingAck.clear();
        awaitingPuback.clear();
        ackTimeoutNanos = settings.ackTimeout().toNanos();
        lastProgressAt = now;
        counters.lastOnlineAt.accumulateAndGet(now, Math::max);
        counters.online.add(1);
        fill(now);
    }

    @Override
    public void published(MqttConnection c, int packetId) {
        if (awaitingPuback.remove(packetId) != null) {
            fill(System.nanoTime());
        }
    }

    @Override
    public void message(MqttConnection c, String topic, byte[] payload) {
        if (!topic.equals(topics.acks())) {
            return;
        }
        Acknowledgement ack;
        try {
            ack = Acknowledgement.decode(payload, json);
        } catch (WireFormatException e) {
            counters.badAcks.incrementAndGet();
            return;
        }
        if (!ack.terminal().equals(topics.terminal())) {
            counters.badAcks.incrementAndGet();
            return;
        }
        // Never past what was sent: that would drop unsent events.
        long upTo = Math.min(ack.upTo(), highestSent);
        if (upTo <= ackedUpTo) {
            return;
        }
        long now = System.nanoTime();
        counters.acknowledged.add(upTo - ackedUpTo);
        ackedUpTo = upTo;
        sentUpTo = Math.max(sentUpTo, ackedUpTo);
        lastProgressAt = now;
        ackTimeoutNanos = settings.ackTimeout().toNanos();
        while (!awaitingAck.isEmpty() && awaitingAck.peekFirst().last() <= upTo) {
            awaitingAck.removeFirst();
        }
        if (!awaitingAck.isEmpty() && awaitingAck.peekFirst().first() <= upTo) {
            Sent partly = awaitingAck.removeFirst();
            awaitingAck.addFirst(new Sent(upTo + 1, partly.last(), now));
        }
        if (!drained && ackedUpTo >= written) {
            drained = true;
            counters.lastDrainedAt.accumulateAndGet(now, Math::max);
            counters.drained.add(1);
        }
        fill(now);
    }

    @Override
    public void tick(MqttConnection c, long now) {
        if (!online) {
            return;
        }
        for (long sentAt : awaitingPuback.values()) {
            if (now - sentAt > settings.pubackTimeout().toNanos()) {
                c.abort("the broker acknowledged nothing for "
                        + settings.pubackTimeout().toSeconds() + " s");
                return;
            }
        }
        // A slow HQ that still makes progress is left alone, as the agent does.
        if (!awaitingAck.isEmpty()
                && now - Math.max(awaitingAck.peekFirst().sentAt(), lastProgressAt) > ackTimeoutNanos) {
            counters.resends.incrementAndGet();
            awaitingAck.clear();
            sentUpTo = ackedUpTo;
            ackTimeoutNanos =
                    Math.min(ackTimeoutNanos * 2, settings.maxAckTimeout().toNanos());
            fill(now);
        }
    }

    @Override
    public void closed(MqttConnection c, Optional<String> why) {
        if (c != connection) {
            return;
        }
        if (online) {
            online = false;
            counters.online.add(-1);
        }
        awaitingPuback.clear();
        awaitingAck.clear();
        if (why.isPresent()) {
            counters.lostConnections.incrementAndGet();
        }
        if (wanted) {
            failedAttempts++;
            Duration delay = backoff.delay(
                    failedAttempts - 1, bound -> ThreadLocalRandom.current().nextLong(bound));
            loop.schedule(delay, () -> {
                if (wanted && (connection == null || connection == c)) {
                    open();
                }
            });
        }
    }

    private void fill(long now) {
        while (online
                && sentUpTo < written
                && awaitingPuback.size() < settings.publishWindow()
                && awaitingAck.size() < settings.maxBatchesAwaitingAck()) {
            List<OutboxEvent> batch = new ArrayList<>(Math.min(batchEvents, (int) (written - sentUpTo)));
            int bytes = 0;
            for (long seq = sentUpTo + 1; seq <= written && batch.size() < batchEvents; seq++) {
                String event = events.event(index, seq).json();
                if (!batch.isEmpty() && bytes + event.length() > settings.maxBatchBytes()) {
                    break;
                }
                batch.add(new OutboxEvent(seq, event));
                bytes += batch.size() == 1 ? 0 : event.length();
            }
            EventBatch encoded = new EventBatch(topics.terminal(), BenchEvents.BOOT_ID, session, batch);
            int packetId = connection.publish(topics.events(), encoded.encode());
            awaitingPuback.put(packetId, now);
            awaitingAck.addLast(new Sent(encoded.first(), encoded.last(), now));
            sentUpTo = encoded.last();
            highestSent = Math.max(highestSent, sentUpTo);
            counters.batchesSent.incrementAndGet();
        }
    }
}
