package org.loyaltyterminal.terminal.feedback;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.gpio.Indicator;
import org.loyaltyterminal.device.gpio.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays patterns on the indicator from a thread of its own, so the scan thread only hands a
 * pattern over and never waits for a buzzer.
 *
 * <p>Queue policy: one slot. A pattern offered while another plays waits in the slot; a newer
 * one replaces a waiting one, which is then never played (counted). The cashier hears the
 * current pattern to its end and then the latest news, never a backlog of stale beeps.
 *
 * <p>Steady state: between patterns the LEDs show {@link #steady} (ready, HQ online, fault),
 * which the daemon updates from its device and link states.
 */
public final class PatternPlayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PatternPlayer.class);

    /** Waits out a step; the real one sleeps, tests record. Returns false when interrupted. */
    @FunctionalInterface
    public interface Pause {
        boolean pause(Duration length);

        static Pause sleeping() {
            return length -> {
                try {
                    Thread.sleep(length);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            };
        }
    }

    private final Indicator indicator;
    private final Pause pause;
    private final AtomicLong replaced = new AtomicLong();
    private Optional<Pattern> slot = Optional.empty();
    private Set<Output> steady = EnumSet.noneOf(Output.class);
    private boolean steadyChanged;
    private boolean stopped;
    private boolean failing;
    private Thread thread;

    public PatternPlayer(Indicator indicator, Pause pause) {
        this.indicator = indicator;
        this.pause = pause;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the feedback player is one-shot and was started before");
        }
        thread = Thread.ofPlatform()
                .name("feedback")
                .daemon(true)
                .uncaughtExceptionHandler((t, e) -> log.error("{} failed; feedback is off from now on", t.getName(), e))
                .start(this::run);
    }

    /** Hands a pattern over; returns at once. */
    public synchronized void offer(Pattern pattern) {
        if (slot.isPresent()) {
            replaced.incrementAndGet();
        }
        slot = Optional.of(pattern);
        notifyAll();
    }

    /** The LEDs shown between patterns. */
    public synchronized void steady(Set<Output> lit) {
        if (!lit.equals(steady)) {
            steady = lit.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(lit);
            steadyChanged = true;
            notifyAll();
        }
    }

    /** Patterns replaced in the slot before they were played. */
    public long replaced() {
        return replaced.get();
    }

    private void run() {
        while (true) {
            Optional<Pattern> next;
            Set<Output> base;
            synchronized (this) {
                while (!stopped && slot.isEmpty() && !steadyChanged) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                next = slot;
                slot = Optional.empty();
                steadyChanged = false;
                base = steady.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(steady);
            }
            if (next.isPresent() && !play(next.get())) {
                return;
            }
            show(base);
        }
    }

    /** Plays one pattern over the steady state; false when interrupted (closing). */
    private boolean play(Pattern pattern) {
        for (Pattern.Step step : pattern.steps()) {
            show(step.on());
            if (!pause.pause(step.length())) {
                return false;
            }
        }
        return true;
    }

    private void show(Set<Output> lit) {
        try {
            for (Output output : indicator.outputs()) {
                indicator.set(output, lit.contains(output));
            }
            if (failing) {
                failing = false;
                log.info("feedback: the indicator works again");
            }
        } catch (DeviceException e) {
            if (!failing) {
                failing = true;
                log.warn("feedback: {}; scans go on without LEDs and buzzer", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            stopped = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        indicator.close();
    }
}
