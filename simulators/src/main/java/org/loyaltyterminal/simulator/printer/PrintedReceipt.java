package org.loyaltyterminal.simulator.printer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.EscPosText;

/**
 * One receipt as the emulated printer received it: the bytes up to and including its cut, and
 * those bytes decoded. A value: equal when number, bytes and events are. A class rather than a
 * record because it holds an array, copied on the way in and out.
 */
public final class PrintedReceipt {
    private final int number;
    private final byte[] bytes;
    private final List<EscPosEvent> events;

    /**
     * @param number 1 for the first receipt the emulator cut, then counting up
     * @param bytes  as received, without DLE EOT requests
     * @param events {@code bytes} decoded; the last one is the {@link EscPosEvent.Cut}
     */
    public PrintedReceipt(int number, byte[] bytes, List<EscPosEvent> events) {
        if (number < 1) {
            throw new IllegalArgumentException("printed receipt: number " + number + " must be >= 1");
        }
        this.number = number;
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.events = List.copyOf(events);
    }

    /** 1 for the first receipt the emulator cut, then counting up. */
    public int number() {
        return number;
    }

    /** The bytes as received, without DLE EOT requests; a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes decoded; the last event is the {@link EscPosEvent.Cut}. */
    public List<EscPosEvent> events() {
        return events;
    }

    /** The receipt as plain text with markers, see {@link EscPosText}. */
    public String text() {
        return EscPosText.render(events);
    }

    /** The events the decoder could not read: non-empty means the sender wrote something outside the subset. */
    public List<EscPosEvent.Unknown> unknown() {
        return events.stream()
                .filter(e -> e instanceof EscPosEvent.Unknown)
                .map(e -> (EscPosEvent.Unknown) e)
                .toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrintedReceipt r
                && r.number == number
                && Arrays.equals(r.bytes, bytes)
                && r.events.equals(events);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * number + Arrays.hashCode(bytes)) + events.hashCode();
    }

    @Override
    public String toString() {
        return "PrintedReceipt[#" + number + ", " + bytes.length + " bytes, " + events.size() + " events]";
    }
}
