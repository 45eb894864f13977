package org.loyaltyterminal.device.print;

import java.util.HexFormat;
import java.util.Objects;
import org.loyaltyterminal.core.bytes.Bytes;

/** One command or text run of a receipt, as {@link EscPosDecoder} reads it back. */
public sealed interface EscPosEvent {
    /** {@code ESC @}. */
    record Initialise() implements EscPosEvent {}

    /** {@code ESC t n}. */
    record CodePageSelected(int number) implements EscPosEvent {}

    /** {@code ESC a n}. */
    record Align(Alignment alignment) implements EscPosEvent {}

    /** {@code ESC E n}. */
    record Bold(boolean on) implements EscPosEvent {}

    /** {@code GS ! n}, as multiples of normal size. */
    record Size(int width, int height) implements EscPosEvent {}

    /** Printable bytes up to the next command, decoded with the selected code page; keeps line feeds. */
    record Text(String text) implements EscPosEvent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code ESC d n}. */
    record Feed(int lines) implements EscPosEvent {}

    /** {@code GS V 65|66 n}. */
    record Cut(CutMode mode, int feed) implements EscPosEvent {}

    /** {@code GS h n}. */
    record BarcodeHeight(int dots) implements EscPosEvent {}

    /** {@code GS w n}. */
    record BarcodeWidth(int module) implements EscPosEvent {}

    /** {@code GS H n}. */
    record BarcodeText(HriPosition position) implements EscPosEvent {}

    /** <code>GS k 73 n {B data</code>: the data without the code-set prefix. */
    record Code128(String data) implements EscPosEvent {}

    /** {@code GS ( k 04 00 31 41 32 00}: model 2, the only one the builder selects (model 1, byte 49, is {@link Unknown}). */
    record QrModel(int model) implements EscPosEvent {}

    /** {@code GS ( k 03 00 31 43 n}. */
    record QrSize(int moduleSize) implements EscPosEvent {}

    /** {@code GS ( k 03 00 31 45 n}. */
    record QrLevel(QrErrorCorrection level) implements EscPosEvent {}

    /** {@code GS ( k pL pH 31 50 30 data}, data decoded as UTF-8. */
    record QrStore(String data) implements EscPosEvent {}

    /** {@code GS ( k 03 00 31 51 30}. */
    record QrPrint() implements EscPosEvent {}

    /** Bytes outside the subset the builder emits, or a command cut short by the end of input. */
    record Unknown(Bytes bytes) implements EscPosEvent {
        public Unknown {
            Objects.requireNonNull(bytes, "bytes");
        }

        /** An unknown run with a copy of {@code bytes}. */
        public Unknown(byte[] bytes) {
            this(Bytes.copyOf(bytes));
        }

        /** All of the bytes, not the first few: a failing receipt test shows exactly what was not understood. */
        @Override
        public String toString() {
            return "Unknown[" + HexFormat.ofDelimiter(" ").formatHex(bytes.toArray()) + "]";
        }
    }
}
