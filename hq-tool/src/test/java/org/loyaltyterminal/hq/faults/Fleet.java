package org.loyaltyterminal.hq.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;

/**
 * Simulated terminals {@code t-000 .. t-(n-1)}, spread over a few stores of chain {@code c1}.
 * Closing stops every agent (a few at a time: each waits for its offline notice's PUBACK) and
 * closes every outbox, whatever fails on the way, then fails if a thread of an agent or of its
 * Paho client outlives them.
 */
final class Fleet implements AutoCloseable {
    private static final int STORES = 10;

    private final List<SimTerminal> terminals;
    private final Set<Thread> threadsBefore = ThreadLeaks.now();
    private volatile boolean spinningConnectExpected;

    private Fleet(List<SimTerminal> terminals) {
        this.terminals = terminals;
    }

    /**
     * Creates {@code count} terminals with {@code backlog} events each already in their outbox;
     * the agents are not started yet.
     */
    static Fleet create(
            Path dir,
            int count,
            int backlog,
            String brokerUrl,
            SyncSettings settings,
            Duration connectTimeout,
            long seed) {
        HqKeyRing keys = new HqKeyRing(Map.of("hq", Ed25519Pem.generate().getPublic()));
        List<SimTerminal> terminals = new ArrayList<>();
        Fleet fleet = new Fleet(terminals);
        try {
            for (int i = 0; i < count; i++) {
                Topics topics = new Topics("c1", "s" + (i % STORES), String.format("t-%03d", i));
                SimTerminal terminal =
                        SimTerminal.create(dir, topics, brokerUrl, settings, connectTimeout, keys, seed + i);
                terminals.add(terminal);
                if (backlog > 0) {
                    terminal.outbox().append(backlog);
                }
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * For tests that cut connections right after they open: Paho 1.2.5 then leaks its connect
     * thread ({@link ThreadLeaks#isPahoConnectSpin}); every other leftover thread still fails.
     */
    void expectPahoConnectSpins() {
        spinningConnectExpected = true;
    }

    void start() {
        terminals.forEach(SimTerminal::start);
    }

    List<SimTerminal> terminals() {
        return terminals;
    }

    SimTerminal get(int index) {
        return terminals.get(index);
    }

    List<SqliteTestOutbox> outboxes() {
        return terminals.stream().map(SimTerminal::outbox).toList();
    }

    /** Events still waiting for HQ's acknowledgement, over the whole fleet. */
    long depth() {
        return terminals.stream().mapToLong(t -> t.outbox().depth()).sum();
    }

    @Override
    public void close() {
        ExecutorService closers = Executors.newFixedThreadPool(
                8, Thread.ofPlatform().name("fleet-close-", 0).factory());
        try {
            List<Future<?>> closing = new ArrayList<>();
            for (SimTerminal terminal : terminals) {
                closing.add(closers.submit(terminal::close));
            }
            RuntimeException failure = null;
            for (Future<?> future : closing) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = new IllegalStateException(
                                "closing a simulated terminal failed: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (failure != null) {
                throw failure;
            }
            ThreadLeaks.awaitNoneSince(
                    terminals.size() + " simulated terminals closed",
                    threadsBefore,
                    Duration.ofSeconds(60),
                    spinningConnectExpected);
        } finally {
            closers.shutdown();
            try {
                closers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
