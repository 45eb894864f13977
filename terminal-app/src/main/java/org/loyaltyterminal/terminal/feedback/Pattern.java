package org.loyaltyterminal.terminal.feedback;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.loyaltyterminal.device.gpio.Output;

/**
 * A feedback pattern as data: steps played in order, each lighting or sounding some outputs for a
 * while. Between steps nothing of the pattern is on unless the next step says so; after the last
 * step the LEDs return to their steady state.
 */
public record Pattern(String name, List<Step> steps) {
    /** Longer patterns would still be playing when the cashier scans the next item. */
    static final Duration MAX_LENGTH = Duration.ofSeconds(2);

    public Pattern {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("pattern " + name + " has no steps");
        }
        Duration total = steps.stream().map(Step::length).reduce(Duration.ZERO, Duration::plus);
        if (total.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("pattern " + name + " lasts " + total.toMillis() + " ms; keep it under "
                    + MAX_LENGTH.toMillis() + " ms");
        }
    }

    /** One step of a pattern: the outputs {@code on} during it (empty: a pause) for {@code length}. */
    public record Step(Set<Output> on, Duration length) {
        public Step {
            on = on.isEmpty() ? Set.of() : EnumSet.copyOf(on);
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a step lasts more than 0 ms, was " + length);
            }
        }

        static Step on(Duration length, Output... outputs) {
            return new Step(outputs.length == 0 ? Set.of() : EnumSet.of(outputs[0], outputs), length);
        }

        static Step pause(Duration length) {
            return new Step(Set.of(), length);
        }
    }
}
