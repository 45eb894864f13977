package org.loyaltyterminal.sync.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.InboundHandler;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.RefusedMessageException;
import org.loyaltyterminal.sync.link.BackPressureException;
import org.loyaltyterminal.sync.link.LinkEvent;
import org.loyaltyterminal.sync.link.MqttLink;
import org.loyaltyterminal.sync.link.Will;
import org.loyaltyterminal.sync.outbox.Outbox;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.outbox.OutboxSummary;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.wire.Acknowledgement;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.loyaltyterminal.sync.wire.TerminalStatus;
import org.loyaltyterminal.sync.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward to HQ on one thread of its own. Everything the MQTT client reports arrives
 * as a {@link LinkEvent} in a queue; this thread alone reads the outbox, publishes, reconnects
 * and applies what HQ sends, so there is no shared mutable state and no work in client callbacks.
 *
 * <p>Two windows bound the drain: publishes awaiting the broker's PUBACK (below the client's
 * and broker's in-flight limits) and batches awaiting HQ's acknowledgement. A missing PUBACK
 * means the link is dead although it may look connected: it is torn down and rebuilt. A missing
 * HQ acknowledgement means HQ's ingest is slow or down: the batches are sent again, at a growing
 * interval. Rows leave the outbox only on HQ's acknowledgement.
 */
public final class SyncAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncAgent.class);
    private static final long STATUS_TAG = -1;

    private final Topics topics;
    private final Outbox outbox;
    private final InboundHandler inbound;
    private final StatusFacts facts;
    private final HqKeyRing keys;
    private final SyncSettings settings;
    private final LongSupplier nanoTime;
    private final InstantSource wall;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final String brokerName;
    private final MqttLink link;

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    /**
     * The outbox held nothing past {@code sentUpTo} when last read: it is read again on a nudge
     * (a commit wrote events), when the sent position moves back, or after {@link #OUTBOX_RECHECK_NANOS},
     * not on every tick, so an idle till does not query its database four times a second.
     */
    private boolean outboxDrained;

    private long outboxReadAt;
    /** A safety net for an event written without a nudge; commits nudge. */
    static final long OUTBOX_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Json json = new Json();
    private final HqMessageCodec codec = new HqMessageCodec();
    private final Thread thread;

    // Owned by the agent thread.
    private SyncStatus.Phase phase = SyncStatus.Phase.OFFLINE;
    private long session;
    private int failedAttempts;
    private long nextConnectAt;
    private long phaseDeadline;
    private long ackedUpTo;
    private long sentUpTo;
    private long highestSent;
    private long nextTag;
    private long statusDueAt;
    /** When HQ last acknowledged something new (or sending (re)started): the ack timeout runs from here. */
    private long lastProgressAt;

    private Duration currentAckTimeout;
    private boolean windowFull;
    private long refused;
    private Optional<String> lastRefusal = Optional.empty();
    private Optional<String> lastError = Optional.empty();
    private Optional<Instant> lastAckAt = Optional.empty();
    private final Map<Long, Long> awaitingPuback = new HashMap<>();
    private final ArrayDeque<SentBatch> awaitingAck = new ArrayDeque<>();

    private volatile SyncStatus status;

    private record SentBatch(long first, long last, long sentAt) {}

    private sealed interface Signal {
        record FromLink(LinkEvent event) implements Signal {}

        record Nudge() implements Signal {}

        record Lookup(LookupRequest request) implements Signal {}

        record Stop() implements Signal {}
    }

    /**
     * @param linkFactory builds the one MQTT client, given where to send its events
     * @param brokerName  for log lines only (no credentials)
     */
    public SyncAgent(
            Topics topics,
            Outbox outbox,
            InboundHandler inbound,
            StatusFacts facts,
            HqKeyRing keys,
            SyncSettings settings,
            Function<Consumer<LinkEvent>, MqttLink> linkFactory,
            String brokerName,
            LongSupplier nanoTime,
            InstantSource wall,
            RandomGenerator random) {
        this.topics = topics;
        this.outbox = outbox;
        this.inbound = inbound;
        this.facts = facts;
        this.keys = keys;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.wall = wall;
        this.brokerName = brokerName;
        // Full jitter on every attempt, the first included: a fleet must not reconnect in lock-step after a broker
        // restart.
        this.backoff = Backoff.doubling(settings.backoffBase(), settings.backoffCap());
        this.random = random;
        this.currentAckTimeout = settings.ackTimeout();
        this.link = linkFactory.apply(event -> signals.add(new Signal.FromLink(event)));
        this.status = new SyncStatus(
                SyncStatus.Phase.OFFLINE,
                wall.instant(),
                Optional.empty(),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty());
        this.thread = Thread.ofPlatform().name("hq-sync").daemon(true).unstarted(this::run);
        this.thread.setUncaughtExceptionHandler((t, e) -> log.error("HQ sync: agent thread ended unexpectedly", e));
    }

    public void start() {
        // Spread a fleet's first connections too: a whole chain may power up at once.
        nextConnectAt =
                nanoTime.getAsLong() + backoff.delay(0, random::nextLong).toNanos() / 4;
        thread.start();
    }

    /** New events are in the outbox; cheap and safe to call after every commit. */
    public void nudge() {
        if (nudgePending.compareAndSet(false, true)) {
            signals.add(new Signal.Nudge());
        }
    }

    public SyncStatus status() {
        return status;
    }

    /**
     * Asks HQ for a member's balance ({@link Topics#lookup()}), without waiting: the question is
     * handed to the agent's thread, which publishes it ahead of any waiting event batch. Nothing is
     * queued while the link is down: a question is worth asking only now.
     *
     * @return whether the link was up and the question is on its way; HQ's answer arrives, if at
     *     all, through the {@link InboundHandler} as a {@link HqMessage.MemberAccount}
     */
    public boolean lookup(LookupRequest request) {
        if (status.phase() != SyncStatus.Phase.ONLINE) {
            return false;
        }
        signals.add(new Signal.Lookup(request));
        return true;
    }

    /**
     * Publishes "offline" as the retained status, disconnects cleanly and ends the thread,
     * waiting at most {@code timeout}.
     */
    public void stop(Duration timeout) {
        if (!thread.isAlive()) {
            link.close();
            return;
        }
        signals.add(new Signal.Stop());
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("HQ sync: did not stop within {} ms; the broker will publish the last will", timeout.toMillis());
            link.close();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void run() {
        boolean running = true;
        while (running) {
            try {
                Signal signal = signals.poll(waitNanos(), TimeUnit.NANOSECONDS);
                if (signal instanceof Signal.Stop) {
                    shutdown();
                    running = false;
                    continue;
                }
                if (signal != null) {
                    handle(signal);
                }
                tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                // Storage or handler failure: contain it here, drop the connection and retry later.
                log.error("HQ sync: {}; reconnecting with backoff", e.getMessage(), e);
                goOffline(e);
            }
        }
        publishStatus();
    }

    private long waitNanos() {
        long now = nanoTime.getAsLong();
        long wait = TimeUnit.MILLISECONDS.toNanos(250);
        if (phase == SyncStatus.Phase.OFFLINE) {
            wait = Math.min(wait, Math.max(0, nextConnectAt - now));
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Handles every signal queued so far, then one tick: the loop's body, for tests driving a fake ticker. */
    void runPending() {
        try {
            Signal signal;
            while ((signal = signals.poll()) != null) {
                if (signal instanceof Signal.Stop) {
                    shutdown();
                    return;
                }
                handle(signal);
            }
            tick();
        } catch (RuntimeException e) {
            log.error("HQ sync: {}; reconnecting with backoff", e.getMessage(), e);
            goOffline(e);
        }
    }

    /** Queues a stop for {@link #runPending()} (tests). */
    void requestStop() {
        signals.add(new Signal.Stop());
    }

    /** Starts the clock for tests that drive the loop themselves instead of starting its thread. */
    void startWithoutThread() {
        nextConnectAt = nanoTime.getAsLong();
    }

    private void handle(Signal signal) {
        switch (signal) {
            case Signal.Nudge _ -> {
                nudgePending.set(false);
                outboxDrained = false;
            }
            case Signal.Stop _ -> {}
            case Signal.Lookup(LookupRequest request) -> ask(request);
            case Signal.FromLink(LinkEvent event) -> handle(event);
        }
    }

    private void handle(LinkEvent event) {
        switch (event) {
            case LinkEvent.Connected _ -> {
                if (phase == SyncStatus.Phase.CONNECTING) {
                    link.subscribe(topics.subscriptions());
                    phaseDeadline =
                            nanoTime.getAsLong() + settings.pubackTimeout().toNanos();
                }
            }
            case LinkEvent.Subscribed _ -> {
                if (phase == SyncStatus.Phase.CONNECTING) {
                    online();
                }
            }
            case LinkEvent.ConnectFailed(Throwable cause) -> {
                if (phase == SyncStatus.Phase.CONNECTING) {
                    goOffline(cause);
                }
            }
            case LinkEvent.SubscribeFailed(Throwable cause) -> {
                if (phase == SyncStatus.Phase.CONNECTING) {
                    goOffline(cause);
                }
            }
            case LinkEvent.Lost(Throwable cause) -> {
                if (phase != SyncStatus.Phase.OFFLINE) {
                    goOffline(cause);
                }
            }
            case LinkEvent.Published(long tag) -> {
                awaitingPuback.remove(tag);
                windowFull = false;
                if (tag == STATUS_TAG && failedAttempts > 0) {
                    failedAttempts = 0;
                }
            }
            case LinkEvent.PublishFailed(long tag, Throwable cause) -> {
                if (awaitingPuback.containsKey(tag)) {
                    goOffline(cause);
                }
            }
            case LinkEvent.Message(String topic, Bytes payload) -> {
                if (phase == SyncStatus.Phase.ONLINE || phase == SyncStatus.Phase.CONNECTING) {
                    received(topic, payload.toArray());
                }
            }
        }
    }

    private void tick() {
        long now = nanoTime.getAsLong();
        switch (phase) {
            case OFFLINE -> {
                if (now >= nextConnectAt) {
                    connect();
                }
            }
            case CONNECTING -> {
                if (now >= phaseDeadline) {
                    goOffline(new SyncException("no CONNACK/SUBACK within "
                            + settings.pubackTimeout().toSeconds() + " s"));
                }
            }
            case ONLINE -> {
                if (pubackOverdue(now)) {
                    goOffline(new SyncException("the broker acknowledged nothing for "
                            + settings.pubackTimeout().toSeconds() + " s although the link looked up"));
                    return;
                }
                // A slow HQ that still makes progress is left alone: the timeout runs from the later of
                // the oldest batch's send and HQ's last acknowledgement, or a backlog would resend itself.
                if (!awaitingAck.isEmpty()
                        && now - Math.max(awaitingAck.peekFirst().sentAt(), lastProgressAt)
                                > currentAckTimeout.toNanos()) {
                    resendUnacknowledged();
                }
                if (now >= statusDueAt) {
                    publishStatus();
                }
                fill(now);
            }
            case STOPPED -> {}
        }
    }

    private boolean pubackOverdue(long now) {
        for (long sentAt : awaitingPuback.values()) {
            if (now - sentAt > settings.pubackTimeout().toNanos()) {
                return true;
            }
        }
        return false;
    }

    private void connect() {
        session = outbox.nextSession();
        setPhase(SyncStatus.Phase.CONNECTING);
        phaseDeadline = nanoTime.getAsLong() + settings.pubackTimeout().toNanos() + TimeUnit.SECONDS.toNanos(10);
        link.connect(new Will(topics.status(), statusMessage().lastWill().encode(json)));
    }

    private void online() {
        OutboxSummary summary = outbox.summary();
        ackedUpTo = summary.highestAcknowledged();
        sentUpTo = ackedUpTo;
        highestSent = Math.max(highestSent, ackedUpTo);
        outboxDrained = false;
        awaitingAck.clear();
        currentAckTimeout = settings.ackTimeout();
        windowFull = false;
        lastProgressAt = nanoTime.getAsLong();
        setPhase(SyncStatus.Phase.ONLINE);
        if (failedAttempts > 1) {
            log.info(
                    "HQ sync: link to {} up again after {} attempts; {} events to send",
                    brokerName,
                    failedAttempts,
                    summary.depth());
        } else {
            log.info("HQ sync: connected to {} (session {}); {} events to send", brokerName, session, summary.depth());
        }
        lastError = Optional.empty();
        publishStatus();
        fill(nanoTime.getAsLong());
    }

    private void goOffline(Throwable cause) {
        String reason = describe(cause);
        if (failedAttempts == 0) {
            log.warn(
                    "HQ sync: link to {} down: {}; events stay in the outbox, retrying with backoff",
                    brokerName,
                    reason);
        } else {
            log.debug("HQ sync: attempt {} to reach {} failed: {}", failedAttempts, brokerName, reason);
        }
        link.abort();
        failedAttempts++;
        lastError = Optional.of(reason);
        awaitingPuback.clear();
        awaitingAck.clear();
        nextConnectAt = nanoTime.getAsLong()
                + backoff.delay(failedAttempts - 1, random::nextLong).toNanos();
        setPhase(SyncStatus.Phase.OFFLINE);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root == cause
                ? ""
                : " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                        + ")";
        return (message == null ? cause.getClass().getSimpleName() : message) + rootText;
    }

    private void fill(long now) {
        if (outboxDrained && now - outboxReadAt < OUTBOX_RECHECK_NANOS) {
            return;
        }
        while (phase == SyncStatus.Phase.ONLINE
                && !windowFull
                && awaitingPuback.size() < maxInflight()
                && awaitingAck.size() < settings.maxBatchesAwaitingAck()) {
            List<OutboxEvent> events =
                    outbox.pendingAfter(sentUpTo, settings.maxEventsPerBatch(), settings.maxBatchBytes());
            outboxReadAt = now;
            if (events.isEmpty()) {
                outboxDrained = true;
                return;
            }
            outboxDrained = false;
            EventBatch batch = new EventBatch(topics.terminal(), facts.bootId(), session, events);
            long tag = ++nextTag;
            try {
                link.publish(topics.events(), batch.encode(), false, tag);
            } catch (BackPressureException e) {
                windowFull = true;
                return;
            } catch (SyncException e) {
                goOffline(e);
                return;
            }
            awaitingPuback.put(tag, now);
            awaitingAck.addLast(new SentBatch(batch.first(), batch.last(), now));
            sentUpTo = batch.last();
            highestSent = Math.max(highestSent, sentUpTo);
        }
    }

    private int maxInflight() {
        return settings.publishWindow();
    }

    private void resendUnacknowledged() {
        SentBatch oldest = awaitingAck.peekFirst();
        log.info(
                "HQ sync: HQ has not acknowledged events {}..{} within {} s; sending from {} again",
                oldest.first(),
                sentUpTo,
                currentAckTimeout.toSeconds(),
                ackedUpTo + 1);
        awaitingAck.clear();
        sentUpTo = ackedUpTo;
        outboxDrained = false;
        Duration doubled = currentAckTimeout.multipliedBy(2);
        currentAckTimeout = doubled.compareTo(settings.maxAckTimeout()) > 0 ? settings.maxAckTimeout() : doubled;
    }

    /**
     * Publishes a balance question. Its PUBACK is awaited like any other (a link that acknowledges
     * nothing is dead), but no batch waits for it; a full window drops the question, which the till
     * then treats as unanswered.
     */
    private void ask(LookupRequest request) {
        if (phase != SyncStatus.Phase.ONLINE) {
            log.debug("HQ sync: lookup {} not sent, the link went down", request.request());
            return;
        }
        long tag = ++nextTag;
        try {
            link.publish(topics.lookup(), request.encode(json), false, tag);
            awaitingPuback.put(tag, nanoTime.getAsLong());
        } catch (BackPressureException e) {
            log.debug("HQ sync: lookup {} not sent, every publish slot is taken", request.request());
        } catch (SyncException e) {
            goOffline(e);
        }
    }

    private void received(String topic, byte[] payload) {
        if (topic.equals(topics.acks())) {
            acknowledged(payload);
            return;
        }
        HqMessage message;
        try {
            message = codec.read(topic, payload, topics, keys, settings.maxMessageBytes());
        } catch (RefusedMessageException e) {
            refuse(topic, e.getMessage());
            return;
        }
        switch (inbound.apply(message)) {
            case InboundResult.Applied applied -> {
                log.info(
                        "HQ sync: applied {} version {} from {}: {}",
                        applied.scope(),
                        applied.version(),
                        topic,
                        applied.summary());
                // A later message applied means HQ fixed what was refused: the status page stops
                // showing the old refusal (the count of refusals since start stays).
                lastRefusal = Optional.empty();
                if (message instanceof HqMessage.MemberSnapshot || message instanceof HqMessage.MemberAccount) {
                    // Member versions are not in the status message (they name cards): nothing to tell HQ.
                    publishSnapshot();
                    return;
                }
                if (message instanceof HqMessage.ResendFrom resend) {
                    long first = outbox.reopenFrom(resend.sequence());
                    ackedUpTo = Math.min(ackedUpTo, first - 1);
                    outboxDrained = false;
                    sentUpTo = ackedUpTo;
                    awaitingAck.clear();
                }
                publishStatus();
            }
            case InboundResult.AlreadyInForce current ->
                log.debug("HQ sync: {} version {} already in force", current.scope(), current.version());
            case InboundResult.Ignored ignored ->
                log.debug("HQ sync: {} from {} ignored: {}", ignored.scope(), topic, ignored.why());
            case InboundResult.Refused r -> refuse(topic, r.refusal().meaning() + ": " + r.detail());
        }
    }

    private void refuse(String topic, String why) {
        refused++;
        lastRefusal = Optional.of(why);
        log.warn("HQ sync: message on {} refused, {}; the previous state stays in force", topic, why);
        publishStatusLater();
    }

    private void acknowledged(byte[] payload) {
        Acknowledgement ack;
        try {
            ack = Acknowledgement.decode(payload, json);
        } catch (WireFormatException e) {
            refuse(topics.acks(), e.getMessage());
            return;
        }
        if (!ack.terminal().equals(topics.terminal())) {
            refuse(topics.acks(), "acknowledgement names terminal '" + ack.terminal() + "'");
            return;
        }
        // Never let an acknowledgement run ahead of what was sent: it would drop unsent events.
        long upTo = Math.min(ack.upTo(), highestSent);
        if (upTo <= ackedUpTo) {
            return;
        }
        outbox.acknowledgeUpTo(upTo);
        ackedUpTo = upTo;
        sentUpTo = Math.max(sentUpTo, ackedUpTo);
        lastAckAt = Optional.of(wall.instant());
        lastProgressAt = nanoTime.getAsLong();
        currentAckTimeout = settings.ackTimeout();
        failedAttempts = 0;
        while (!awaitingAck.isEmpty() && awaitingAck.peekFirst().last() <= upTo) {
            awaitingAck.removeFirst();
        }
        if (!awaitingAck.isEmpty() && awaitingAck.peekFirst().first() <= upTo) {
            SentBatch partly = awaitingAck.removeFirst();
            awaitingAck.addFirst(new SentBatch(upTo + 1, partly.last(), nanoTime.getAsLong()));
        }
        publishSnapshot();
    }

    private void publishStatusLater() {
        statusDueAt = nanoTime.getAsLong();
        publishSnapshot();
    }

    private void publishStatus() {
        statusDueAt = nanoTime.getAsLong() + settings.statusInterval().toNanos();
        publishSnapshot();
        if (phase != SyncStatus.Phase.ONLINE || awaitingPuback.containsKey(STATUS_TAG)) {
            return;
        }
        try {
            link.publish(topics.status(), statusMessage().encode(json), true, STATUS_TAG);
            awaitingPuback.put(STATUS_TAG, nanoTime.getAsLong());
        } catch (BackPressureException e) {
            statusDueAt = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(1);
        } catch (SyncException e) {
            goOffline(e);
        }
    }

    private TerminalStatus statusMessage() {
        OutboxSummary summary = outbox.summary();
        Instant now = wall.instant();
        return new TerminalStatus(
                topics.terminal(),
                true,
                "connected",
                session,
                facts.bootId(),
                facts.software(),
                now,
                facts.clockSynchronized(),
                facts.campaignVersions(),
                summary.depth(),
                summary.oldestUnacked()
                        .map(at -> Math.max(0, Duration.between(at, now).toSeconds())),
                summary.highestAcknowledged(),
                refused,
                facts.devices());
    }

    private void shutdown() {
        if (phase == SyncStatus.Phase.ONLINE) {
            try {
                link.publish(
                        topics.status(), statusMessage().offline("shutdown").encode(json), true, STATUS_TAG - 1);
                long deadline = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(2);
                while (nanoTime.getAsLong() < deadline) {
                    Signal s = signals.poll(50, TimeUnit.MILLISECONDS);
                    if (s instanceof Signal.FromLink(LinkEvent.Published(long tag)) && tag == STATUS_TAG - 1) {
                        break;
                    }
                }
            } catch (SyncException e) {
                log.debug("HQ sync: offline notice not sent ({}); the will covers it", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            link.disconnect();
        }
        link.close();
        setPhase(SyncStatus.Phase.STOPPED);
    }

    private void setPhase(SyncStatus.Phase next) {
        if (next != phase) {
            phase = next;
            status = snapshot(wall.instant());
        }
    }

    private void publishSnapshot() {
        status = new SyncStatus(phase, status.since(), lastError, session, ackedUpTo, lastAckAt, refused, lastRefusal);
    }

    private SyncStatus snapshot(Instant since) {
        return new SyncStatus(phase, since, lastError, session, ackedUpTo, lastAckAt, refused, lastRefusal);
    }
}
