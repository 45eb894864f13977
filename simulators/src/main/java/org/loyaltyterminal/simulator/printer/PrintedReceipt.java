package org.loyaltyterminal.simulator.printer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.EscPosText;

/**
 * One receipt as the emulated printer received it: the bytes up to and including its cut, and
 * those bytes decoded.
 *
 * @param number 1 for the first receipt the emulator cut, then counting up
 * @param bytes  as received, without DLE EOT requests
 * @param events {@code bytes} decoded; the last one is the {@link EscPosEvent.Cut}
 */
public record PrintedReceipt(int number, byte[] bytes, List<EscPosEvent> events) {
    public PrintedReceipt {
        if (number < 1) {
            throw new IllegalArgumentException("printed receipt: number " + number + " must be >= 1");
        }
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        events = List.copyOf(events);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
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
