package org.loyaltyterminal.simulator.hqbench.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread and one selector carrying many {@link MqttConnection}s: a thousand tills need a
 * thousand sockets, not a thousand threads. Everything a connection or its listener does runs on
 * this thread; other threads hand work to it with {@link #execute}.
 */
public final class MqttLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttLoop.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<MqttConnection> connections = new LinkedHashSet<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>();
    private long timerOrder;
    private volatile boolean running = true;

    public MqttLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("no selector for " + name, e);
        }
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Runs {@code task} on this loop's thread, soon. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on this thread once {@code delay} has passed. Call on this loop's thread. */
    public void schedule(Duration delay, Runnable task) {
        requireLoopThread();
        timers.add(new Timed(System.nanoTime() + delay.toNanos(), timerOrder++, task));
    }

    private record Timed(long dueAt, long order, Runnable task) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            int byTime = Long.compare(dueAt, other.dueAt);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    /** Opens a connection; its listener hears of it on this thread. Call on this loop's thread. */
    public MqttConnection open(ConnectOptions options, MqttListener listener) {
        requireLoopThread();
        MqttConnection connection = new MqttConnection(this, options, listener);
        connections.add(connection);
        try {
            connection.open();
        } catch (IOException e) {
            connection.abort("cannot open a socket: " + e.getMessage());
        }
        return connection;
    }

    /** CPU time this loop's thread used so far, or empty where the JVM does not measure it. */
    public Optional<Duration> cpuTime() {
        var threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return Optional.empty();
        }
        long nanos = threads.getThreadCpuTime(thread.threadId());
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    SelectionKey register(SelectableChannel channel, int ops, MqttConnection connection) throws ClosedChannelException {
        return channel.register(selector, ops, connection);
    }

    void closed(MqttConnection connection) {
        connections.remove(connection);
    }

    private void requireLoopThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("call on " + thread.getName() + ", not " + Thread.currentThread());
        }
    }

    private void run() {
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (running) {
            try {
                long wakeAt = timers.isEmpty()
                        ? nextTick
                        : Math.min(nextTick, timers.peek().dueAt());
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt - System.nanoTime())));
            } catch (IOException e) {
                log.error("{}: select failed; the loop stops", thread.getName(), e);
                break;
            }
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                guarded(task, Optional.empty());
            }
            for (SelectionKey key : selector.selectedKeys()) {
                MqttConnection connection = (MqttConnection) key.attachment();
                guarded(connection::selected, Optional.of(connection));
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().dueAt() <= now) {
                guarded(timers.poll().task(), Optional.empty());
            }
            if (now >= nextTick) {
                nextTick = now + TICK_NANOS;
                for (MqttConnection connection : List.copyOf(connections)) {
                    guarded(() -> connection.tick(now), Optional.of(connection));
                }
            }
        }
        for (MqttConnection connection : new ArrayList<>(connections)) {
            connection.abort("the client stopped");
        }
        try {
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }

    /** A bug in a listener drops its connection, not the loop and every other connection on it. */
    private void guarded(Runnable work, Optional<MqttConnection> connection) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error(
                    "{}: {} failed",
                    thread.getName(),
                    connection.map(Object::toString).orElse("a task"),
                    e);
            connection.ifPresent(c -> c.abort("its listener failed: " + e));
        }
    }

    /** Stops the thread, dropping every connection still open. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
