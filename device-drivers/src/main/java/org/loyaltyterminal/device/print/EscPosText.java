package org.loyaltyterminal.device.print;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a receipt says, as plain text for a log line, the demo's trace or an assertion: the text
 * runs as they were printed, and a line of its own for each thing that is not text:
 * {@code [QR: data]}, {@code [CODE128: data]}, {@code [CUT]}, {@code [UNKNOWN: 1b 21 00]}. Unknown
 * events in a row share one marker, so a burst of line noise is one line, not one per byte.
 * Alignment, emphasis and size are left out: two receipts that differ only there render alike.
 */
public final class EscPosText {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private EscPosText() {}

    public static String render(List<EscPosEvent> events) {
        Objects.requireNonNull(events, "events");
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        Optional<String> storedQr = Optional.empty();
        for (EscPosEvent event : events) {
            if (!(event instanceof EscPosEvent.Unknown)) {
                flushUnknown(out, unknown);
            }
            switch (event) {
                case EscPosEvent.Text t -> out.append(t.text());
                // ESC d n prints what is buffered and feeds n lines: mid-line, the first ends the line.
                case EscPosEvent.Feed f -> out.append("\n".repeat(f.lines()));
                case EscPosEvent.Code128 c -> marker(out, "CODE128: " + c.data());
                case EscPosEvent.QrStore q -> storedQr = Optional.of(q.data());
                // A printer prints nothing for a print without stored data; the marker shows the sender's slip.
                case EscPosEvent.QrPrint p ->
                    marker(out, storedQr.map(d -> "QR: " + d).orElse("QR: nothing stored"));
                case EscPosEvent.Cut c -> marker(out, "CUT");
                case EscPosEvent.Unknown u -> unknown.writeBytes(u.bytes().toArray());
                case EscPosEvent.Initialise i -> {}
                case EscPosEvent.CodePageSelected c -> {}
                case EscPosEvent.Align a -> {}
                case EscPosEvent.Bold b -> {}
                case EscPosEvent.Size s -> {}
                case EscPosEvent.BarcodeHeight h -> {}
                case EscPosEvent.BarcodeWidth w -> {}
                case EscPosEvent.BarcodeText h -> {}
                case EscPosEvent.QrModel m -> {}
                case EscPosEvent.QrSize s -> {}
                case EscPosEvent.QrLevel l -> {}
            }
        }
        flushUnknown(out, unknown);
        return out.toString();
    }

    private static void flushUnknown(StringBuilder out, ByteArrayOutputStream unknown) {
        if (unknown.size() > 0) {
            marker(out, "UNKNOWN: " + HEX.formatHex(unknown.toByteArray()));
            unknown.reset();
        }
    }

    private static void marker(StringBuilder out, String content) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        out.append('[').append(content).append("]\n");
    }
}
