package org.loyaltyterminal.hq.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.HqTopics;
import org.loyaltyterminal.hq.mqtt.BrokerClient;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.ReconnectPause;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.wire.Acknowledgement;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HQ ingest worker on a thread of its own. The MQTT client's callbacks only enqueue; this
 * thread connects (its own loop, capped exponential backoff with full jitter), subscribes through
 * the shared group, and for each batch: decodes it, stores it in one transaction, and only after
 * the commit publishes the terminal's acknowledgement (highest contiguous sequence) and any
 * conflict, then PUBACKs the batch to the broker (manual acknowledgement). A crash anywhere before
 * that leaves the batch with the broker or the terminal, never lost; storing it twice is harmless.
 */
public final class Ingest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);
    private static final byte[] ONLINE = "{\"schema\":1,\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFLINE = "{\"schema\":1,\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8);

    private final IngestSettings settings;
    private final EventStore store;
    private final BrokerClient client;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final BlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();
    private final Json json = new Json();
    private final Thread thread;
    private final Committed committed;
    private volatile boolean running = true;
    private volatile boolean leaving;
    private volatile boolean connected;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    /**
     * Told what a group commit stored, after the commit and the terminals' acknowledgements: the
     * service pushes changed accounts and new redemptions from here. It must not block for long.
     */
    public interface Committed {
        void after(List<EventStore.Received> batches, List<BatchOutcome> outcomes);

        Committed NOTHING = (batches, outcomes) -> {};
    }

    /** @param clientFactory builds the one broker client, given where to send its events */
    public Ingest(
            IngestSettings settings,
            EventStore store,
            Function<Consumer<BrokerEvent>, BrokerClient> clientFactory,
            RandomGenerator random) {
        this(settings, store, clientFactory, random, Committed.NOTHING);
    }

    public Ingest(
            IngestSettings settings,
            EventStore store,
            Function<Consumer<BrokerEvent>, BrokerClient> clientFactory,
            RandomGenerator random,
            Committed committed) {
        this.committed = committed;
        this.settings = settings;
        this.store = store;
        this.backoff = Backoff.doubling(settings.backoffBase(), settings.backoffCap());
        this.random = random;
        this.client = clientFactory.apply(events::add);
        this.thread =
                Thread.ofPlatform().name("hq-ingest-" + settings.clientId()).unstarted(this::run);
        this.thread.setUncaughtExceptionHandler(
                (t, e) -> log.error("HQ ingest {}: worker ended unexpectedly", settings.clientId(), e));
    }

    public void start() {
        thread.start();
    }

    public boolean isConnected() {
        return connected;
    }

    public IngestStats stats() {
        return new IngestStats(
                batches.get(),
                stored.get(),
                duplicates.get(),
                malformed.get(),
                acks.get(),
                conflicts.get(),
                reconnects.get());
    }

    /**
     * Stops for good, leaving the shared group first (UNSUBSCRIBE, then as {@link #stop}): for
     * scaling a group down. Mosquitto (2.0) keeps dealing a shared subscription's messages to a
     * member whose persistent session is offline, so a worker that stops but stays subscribed
     * sits on every other batch until it is back, and a terminal whose resends always start with
     * a batch dealt to it is not acknowledged again meanwhile. What it held, the terminals send
     * again after their acknowledgement timeout, to the workers still in the group.
     */
    public void leaveGroupAndStop(Duration timeout) {
        leaving = true;
        stop(timeout);
    }

    /**
     * Stops taking batches, publishes HQ's state offline and disconnects, staying in the group:
     * for a restart, the persistent session keeps what arrives meanwhile. Batches received but
     * not yet stored were not PUBACKed: the broker delivers them again.
     */
    public void stop(Duration timeout) {
        running = false;
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn(
                    "HQ ingest {}: did not stop within {} ms; closing its connection",
                    settings.clientId(),
                    timeout.toMillis());
        }
        client.close();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void run() {
        int attempt = 0;
        while (running) {
            if (!connected) {
                try {
                    connect();
                    if (attempt > 0) {
                        log.info(
                                "HQ ingest {}: connected to {} after {} attempts",
                                settings.clientId(),
                                settings.broker(),
                                attempt + 1);
                        reconnects.incrementAndGet();
                    }
                    attempt = 0;
                } catch (HqException e) {
                    attempt++;
                    if (attempt == 1) {
                        log.warn("HQ ingest {}: {}; retrying with backoff", settings.clientId(), e.getMessage());
                    }
                    client.disconnect();
                    if (!ReconnectPause.await(backoff.delay(attempt - 1, random::nextLong), () -> running)) {
                        running = false;
                    }
                    continue;
                }
            }
            BrokerEvent event;
            try {
                event = events.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (event != null) {
                handle(event);
            }
        }
        if (connected) {
            if (leaving) {
                try {
                    client.unsubscribe(Topics.sharedEventsFilter(settings.group()));
                } catch (HqException e) {
                    log.warn(
                            "HQ ingest {}: could not leave group {} ({}); the broker may hold batches for this"
                                    + " worker until it is back",
                            settings.clientId(),
                            settings.group(),
                            e.getMessage());
                }
            }
            try {
                client.publish(HqTopics.state(), OFFLINE, true);
            } catch (HqException e) {
                log.debug(
                        "HQ ingest {}: offline state not published ({}); the will covers it",
                        settings.clientId(),
                        e.getMessage());
            }
            client.disconnect();
            connected = false;
        }
    }

    private void connect() {
        events.clear(); // messages of a dead connection: the broker delivers them again
        client.connect(new ConnectSpec(
                true,
                true,
                Optional.of(new ConnectSpec.Retained(HqTopics.state(), Bytes.copyOf(OFFLINE))),
                Duration.ofSeconds(10)));
        client.subscribe(Topics.sharedEventsFilter(settings.group()));
        client.publish(HqTopics.state(), ONLINE, true);
        connected = true;
    }

    /** Batches stored in one transaction at most: one fsync for all of them. */
    private static final int GROUP_COMMIT = 32;

    private void handle(BrokerEvent event) {
        switch (event) {
            case BrokerEvent.Lost lost -> lost(lost);
            case BrokerEvent.Message message -> {
                // Group commit: take every batch already waiting (up to GROUP_COMMIT), store them in
                // one transaction, then acknowledge each terminal once and PUBACK each message.
                List<BrokerEvent.Message> group = new ArrayList<>();
                group.add(message);
                Optional<BrokerEvent.Lost> lostAfter = Optional.empty();
                while (group.size() < GROUP_COMMIT && lostAfter.isEmpty()) {
                    BrokerEvent next = events.poll();
                    if (next == null) {
                        break;
                    }
                    switch (next) {
                        case BrokerEvent.Message m -> group.add(m);
                        case BrokerEvent.Lost l -> lostAfter = Optional.of(l);
                    }
                }
                try {
                    batches(group);
                    for (BrokerEvent.Message m : group) {
                        client.complete(m);
                    }
                } catch (HqException e) {
                    // Store or publish failed: no PUBACK, so the broker or the terminal sends them again.
                    log.warn("HQ ingest {}: {}; reconnecting", settings.clientId(), e.getMessage());
                    client.disconnect();
                    connected = false;
                }
                lostAfter.ifPresent(this::lost);
            }
        }
    }

    private void lost(BrokerEvent.Lost lost) {
        log.warn(
                "HQ ingest {}: connection to {} lost ({}); reconnecting",
                settings.clientId(),
                settings.broker(),
                lost.cause() == null ? "no cause" : lost.cause().getMessage());
        connected = false;
    }

    private void batches(List<BrokerEvent.Message> messages) {
        List<EventStore.Received> received = new ArrayList<>(messages.size());
        for (BrokerEvent.Message message : messages) {
            decode(message).ifPresent(received::add);
        }
        if (received.isEmpty()) {
            return;
        }
        List<BatchOutcome> outcomes = store.storeAll(received);
        Map<String, Long> contiguous = new LinkedHashMap<>();
        Map<String, Topics> where = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BatchOutcome outcome = outcomes.get(i);
            batches.incrementAndGet();
            stored.addAndGet(outcome.stored());
            duplicates.addAndGet(outcome.duplicates());
            contiguous.merge(outcome.terminal(), outcome.contiguousUpTo(), Math::max);
            where.put(outcome.terminal(), received.get(i).terminal());
            for (Conflict conflict : outcome.conflicts()) {
                log.warn(
                        "HQ ingest {}: voucher {} redeemed at {} seq {} and again at {} seq {}; publishing a conflict",
                        settings.clientId(),
                        conflict.reference(),
                        conflict.first().terminal(),
                        conflict.first().seq(),
                        conflict.second().terminal(),
                        conflict.second().seq());
                client.publish(HqTopics.conflicts(conflict.chain()), ConflictMessage.encode(conflict, json), false);
                conflicts.incrementAndGet();
            }
        }
        contiguous.forEach((terminal, upTo) -> {
            client.publish(where.get(terminal).acks(), new Acknowledgement(terminal, upTo).encode(), false);
            acks.incrementAndGet();
        });
        try {
            committed.after(received, outcomes);
        } catch (RuntimeException e) {
            // What follows a commit (pushes) must never make the batch look unstored.
            log.warn("HQ ingest {}: after-commit work failed: {}", settings.clientId(), e.getMessage());
        }
    }

    private Optional<EventStore.Received> decode(BrokerEvent.Message message) {
        Optional<Topics> where = Topics.ofTerminalTopic(message.topic());
        try {
            Topics terminal = where.orElseThrow(() -> new SyncException("not a terminal's events topic"));
            EventBatch.Decoded decoded = EventBatch.decodeTree(message.payload().toArray(), json);
            if (!decoded.batch().terminal().equals(terminal.terminal())) {
                throw new SyncException(
                        "batch names terminal '" + decoded.batch().terminal() + "'");
            }
            return Optional.of(new EventStore.Received(terminal, decoded));
        } catch (SyncException | IllegalArgumentException e) {
            long count = malformed.incrementAndGet();
            log.warn(
                    "HQ ingest {}: malformed batch #{} on {} ({} bytes) dropped, nothing stored or acknowledged: {}",
                    settings.clientId(),
                    count,
                    message.topic(),
                    message.payload().length(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
