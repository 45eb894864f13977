package org.loyaltyterminal.device;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The thread behind one device adapter and its one-shot life: started once, stopped once, with
 * a bounded wait. Every adapter (scanner, NFC readers, the print queue) needs exactly this; the
 * adapter keeps what differs: what the thread does, and what to do when it outlives the wait.
 *
 * <p>The thread is a named platform thread: it blocks in native reads, which would pin a
 * virtual thread. It is a daemon thread, so a stuck device can never keep the process alive.
 */
public final class DeviceWorker {

    /** Where the adapter is in its one-shot life. */
    public enum Phase {
        NEW,
        STARTED,
        CLOSED
    }

    private final String component;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Thread thread;

    /** @param component the adapter as it appears in messages, e.g. "scanner 'scanner' (/dev/ttyACM0)" */
    public DeviceWorker(String component) {
        this.component = Objects.requireNonNull(component, "component");
    }

    /**
     * Claims the one start, before the adapter does any work of its own.
     *
     * @throws IllegalStateException when the adapter was started or closed before
     */
    public void claimStart() {
        if (!phase.compareAndSet(Phase.NEW, Phase.STARTED)) {
            throw new IllegalStateException(component + ": start called while " + phase.get()
                    + "; a device adapter is one-shot, create a new one");
        }
    }

    /** Gives up a claimed start that failed before the thread ran: the adapter counts as closed. */
    public void abandon() {
        phase.set(Phase.CLOSED);
        stop.countDown();
    }

    /**
     * Starts the thread. {@code onDeath} runs on it if {@code body} throws: the adapter logs once
     * and releases its device there.
     */
    public void run(String threadName, Runnable body, BiConsumer<Thread, Throwable> onDeath) {
        Thread t = Thread.ofPlatform()
                .name(threadName)
                .daemon(true)
                .uncaughtExceptionHandler(onDeath::accept)
                .unstarted(body);
        thread = t;
        t.start();
    }

    public Phase phase() {
        return phase.get();
    }

    /** True once {@link #stop} was called: the thread should finish what it does and return. */
    public boolean stopping() {
        return stop.getCount() == 0;
    }

    /**
     * Sleeps for {@code delay} (a backoff, a poll interval), waking at once when the adapter is
     * stopped.
     *
     * @throws DeviceException when the thread is interrupted; the interrupt flag is kept
     */
    public void awaitStop(Duration delay) {
        try {
            stop.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(component + ": interrupted while waiting; stopping", e);
        }
    }

    /**
     * Stops the thread and waits for it up to {@code joinTimeout}. When it outlives the wait (or
     * the caller is interrupted), {@code outlived} gets the thread: the adapter logs and pulls
     * the device out from under it.
     *
     * @return false when the adapter was already closed, so the caller's own clean-up runs once
     */
    public boolean stop(Duration joinTimeout, Consumer<Thread> outlived) {
        if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED) {
            return false;
        }
        stop.countDown();
        Thread t = thread;
        if (t != null) {
            try {
                if (!t.join(joinTimeout)) {
                    outlived.accept(t);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outlived.accept(t);
            }
        }
        return true;
    }
}
