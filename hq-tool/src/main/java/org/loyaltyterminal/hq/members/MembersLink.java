package org.loyaltyterminal.hq.members;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.mqtt.BrokerClient;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.ReconnectPause;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HQ service's one MQTT connection besides the ingest workers': it answers terminals' lookups
 * (a shared subscription, so several HQ hosts split them) and publishes what the pusher and the
 * redemption broadcaster hand it. One thread owns the client; everyone else only enqueues. A
 * message that could not be published stays at the head of the queue and goes out after the
 * reconnect, so a voucher redemption is not dropped by a broker restart.
 */
public final class MembersLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MembersLink.class);
    /** Outgoing messages kept while the broker is away; the oldest are dropped beyond it (pushes are refreshed anyway). */
    private static final int MAX_QUEUED = 100_000;

    /** Answers one request that arrived on the subscription; empty when there is nothing to send. */
    public interface Responder {
        Optional<Outgoing> answer(BrokerEvent.Message request);
    }

    private final String name;
    private final String filter;
    private final Responder responder;
    private final BrokerClient client;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final BlockingQueue<BrokerEvent> incoming = new LinkedBlockingQueue<>();
    private final Deque<Outgoing> outgoing = new ArrayDeque<>();
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean connected;

    public MembersLink(
            String name,
            String filter,
            Responder responder,
            Function<Consumer<BrokerEvent>, BrokerClient> clientFactory,
            Backoff backoff,
            RandomGenerator random) {
        this.name = name;
        this.filter = filter;
        this.responder = responder;
        this.backoff = backoff;
        this.random = random;
        this.client = clientFactory.apply(incoming::add);
        this.thread = Thread.ofPlatform().name("hq-link-" + name).unstarted(this::run);
        this.thread.setUncaughtExceptionHandler((t, e) -> log.error("HQ link {}: ended unexpectedly", name, e));
    }

    public void start() {
        thread.start();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Queues a message for the broker; never blocks. */
    public void send(Outgoing message) {
        synchronized (outgoing) {
            if (outgoing.size() >= MAX_QUEUED) {
                outgoing.pollFirst();
                if (dropped.incrementAndGet() % 1000 == 1) {
                    log.warn(
                            "HQ link {}: broker away and {} messages queued; dropping the oldest ({} so far)",
                            name,
                            MAX_QUEUED,
                            dropped.get());
                }
            }
            outgoing.addLast(message);
        }
    }

    public long published() {
        return published.get();
    }

    public long answered() {
        return answered.get();
    }

    public int queued() {
        synchronized (outgoing) {
            return outgoing.size();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    private void run() {
        int attempt = 0;
        while (running) {
            if (!connected) {
                try {
                    incoming.clear(); // requests of a dead connection: the terminal has moved on
                    client.connect(new ConnectSpec(false, false, Optional.empty(), Duration.ofSeconds(10)));
                    client.subscribe(filter);
                    connected = true;
                    if (attempt > 0) {
                        log.info("HQ link {}: connected again after {} attempts", name, attempt + 1);
                    }
                    attempt = 0;
                } catch (HqException e) {
                    attempt++;
                    if (attempt == 1) {
                        log.warn("HQ link {}: {}; retrying with backoff", name, e.getMessage());
                    }
                    client.disconnect();
                    if (!ReconnectPause.await(backoff.delay(attempt - 1, random::nextLong), () -> running)) {
                        running = false;
                    }
                    continue;
                }
            }
            try {
                BrokerEvent event = incoming.poll(20, TimeUnit.MILLISECONDS);
                if (event != null) {
                    handle(event);
                }
                drainOutgoing();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (HqException e) {
                log.warn("HQ link {}: {}; reconnecting", name, e.getMessage());
                client.disconnect();
                connected = false;
            }
        }
        if (connected) {
            drainQuietly();
            client.disconnect();
            connected = false;
        }
    }

    private void handle(BrokerEvent event) {
        switch (event) {
            case BrokerEvent.Lost lost -> {
                log.warn(
                        "HQ link {}: connection lost ({}); reconnecting",
                        name,
                        lost.cause() == null ? "no cause" : lost.cause().getMessage());
                connected = false;
            }
            case BrokerEvent.Message message -> {
                Optional<Outgoing> reply = responder.answer(message);
                if (reply.isPresent()) {
                    publish(reply.get());
                    answered.incrementAndGet();
                }
            }
        }
    }

    private void drainOutgoing() {
        while (connected) {
            Outgoing next;
            synchronized (outgoing) {
                next = outgoing.peekFirst();
            }
            if (next == null) {
                return;
            }
            publish(next); // throws on failure: the message stays queued for the next connection
            synchronized (outgoing) {
                outgoing.pollFirst();
            }
            // Lookups wait behind at most one publish: answer them between queued messages.
            BrokerEvent event = incoming.poll();
            if (event != null) {
                handle(event);
            }
        }
    }

    private void drainQuietly() {
        try {
            drainOutgoing();
        } catch (HqException e) {
            log.warn("HQ link {}: {} messages not sent before stopping ({})", name, queued(), e.getMessage());
        }
    }

    private void publish(Outgoing message) {
        client.publish(message.topic(), message.payload().toArray(), message.retained());
        published.incrementAndGet();
    }
}
