package org.loyaltyterminal.device.gpio;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;

/**
 * A fake indicator that records every change with its ticker time, for tests of the feedback
 * patterns and of the daemon without GPIO. Its fault switch makes every set fail, like a line
 * that was taken away.
 */
public final class RecordingIndicator implements Indicator {

    /** One change: at {@code nanos}, {@code output} went on or off. */
    public record Change(long nanos, Output output, boolean on) {}

    private final Set<Output> outputs;
    private final Ticker ticker;
    private final List<Change> changes = new ArrayList<>();
    private final Set<Output> lit = EnumSet.noneOf(Output.class);
    private boolean failing;
    private boolean closed;

    public RecordingIndicator(Set<Output> outputs, Ticker ticker) {
        this.outputs = outputs.isEmpty() ? Set.of() : EnumSet.copyOf(outputs);
        this.ticker = ticker;
    }

    @Override
    public Set<Output> outputs() {
        return outputs;
    }

    @Override
    public synchronized void set(Output output, boolean on) {
        if (failing) {
            throw new DeviceException("GPIO " + output + ": failing on purpose (test)");
        }
        if (!outputs.contains(output)) {
            return;
        }
        if (on ? lit.add(output) : lit.remove(output)) {
            changes.add(new Change(ticker.nanos(), output, on));
        }
    }

    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    public synchronized Set<Output> lit() {
        return lit.isEmpty() ? Set.of() : EnumSet.copyOf(lit);
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        lit.clear();
        closed = true;
    }
}
