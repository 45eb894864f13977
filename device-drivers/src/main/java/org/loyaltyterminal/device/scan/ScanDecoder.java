package org.loyaltyterminal.device.scan;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns one frame (terminator already removed) into a {@link ScanResult}. Pure; no I/O.
 *
 * <p>In order:
 * <ol>
 *   <li>Any byte outside printable ASCII (0x20..0x7E) other than 0x1D makes the frame
 *       {@link RejectReason#NON_PRINTABLE}.</li>
 *   <li>The configured prefix and suffix are stripped; a frame without them is
 *       {@link RejectReason#MISSING_PREFIX_OR_SUFFIX}.</li>
 *   <li>An AIM symbology identifier ({@code ]} + code letter + modifier) is recognised and
 *       stripped: ]E0 EAN-13 (13 digits), UPC-A (12) or UPC-E (8); ]E4 EAN-8; ]E3 EAN/UPC with
 *       add-on; ]C1 GS1-128, other ]C Code 128; ]A Code 39; ]I ITF; ]e GS1 DataBar; ]Q3 GS1 QR,
 *       other ]Q QR; ]d2 GS1 DataMatrix, other ]d DataMatrix; ]L PDF417. Any other
 *       {@code ]}+letter+modifier is stripped and reported as {@link Symbology#UNKNOWN}.</li>
 *   <li>GS1 field separators (0x1D) are allowed only in GS1 symbologies (]C1, ]e, ]Q3, ]d2).</li>
 *   <li>EAN/UPC check digits are verified; a mismatch is {@link RejectReason#BAD_CHECK_DIGIT} and
 *       never passed on: a member card read with one wrong digit must not award someone else.</li>
 *   <li>Without an AIM id, an all-digit payload of 13, 12 or 8 digits is taken as EAN-13, UPC-A or
 *       EAN-8 if its check digit is valid, and rejected as BAD_CHECK_DIGIT otherwise (it is far more
 *       likely a misread EAN than a code that merely looks like one). Sites with 8/12/13-digit codes
 *       that are not EAN/UPC must enable AIM ids on the scanner. Other payloads are UNKNOWN.</li>
 * </ol>
 */
final class ScanDecoder {
    private static final byte GS = 0x1D;

    private final String source;
    private final String prefix;
    private final String suffix;

    ScanDecoder(String source, String prefix, String suffix) {
        this.source = Objects.requireNonNull(source, "source");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
    }

    static ScanDecoder of(ScannerSettings settings) {
        return new ScanDecoder(settings.name(), settings.prefix(), settings.suffix());
    }

    ScanResult decode(byte[] frame, long nanos) {
        if (frame.length == 0) {
            return reject(RejectReason.EMPTY, "empty line", frame, nanos);
        }
        for (int i = 0; i < frame.length; i++) {
            int b = frame[i] & 0xFF;
            if ((b < 0x20 || b > 0x7E) && b != GS) {
                return reject(RejectReason.NON_PRINTABLE, String.format("byte %d is 0x%02X", i, b), frame, nanos);
            }
        }
        String text = new String(frame, StandardCharsets.US_ASCII);
        if (!text.startsWith(prefix) || !text.endsWith(suffix) || text.length() < prefix.length() + suffix.length()) {
            return reject(
                    RejectReason.MISSING_PREFIX_OR_SUFFIX,
                    "expected prefix '" + prefix + "' and suffix '" + suffix + "'",
                    frame,
                    nanos);
        }
        String body = text.substring(prefix.length(), text.length() - suffix.length());
        if (body.isEmpty()) {
            return reject(RejectReason.EMPTY, "nothing between prefix and suffix", frame, nanos);
        }
        if (hasAimId(body)) {
            String aim = body.substring(0, 3);
            String payload = body.substring(3);
            if (payload.isEmpty()) {
                return reject(RejectReason.EMPTY, "AIM id " + aim + " without data", frame, nanos);
            }
            return decodeWithAim(aim, payload, frame, nanos);
        }
        if (body.indexOf(GS) >= 0) {
            return reject(RejectReason.NON_PRINTABLE, "0x1D outside a GS1 symbology (no AIM id)", frame, nanos);
        }
        if (CheckDigits.allDigits(body)) {
            switch (body.length()) {
                case 13 -> {
                    return gtin(Symbology.EAN_13, body, CheckDigits.isValidEan13(body), nanos);
                }
                case 12 -> {
                    return gtin(Symbology.UPC_A, body, CheckDigits.isValidUpcA(body), nanos);
                }
                case 8 -> {
                    return gtin(Symbology.EAN_8, body, CheckDigits.isValidEan8(body), nanos);
                }
                default -> {
                    // other lengths: an internal number, passed on as UNKNOWN
                }
            }
        }
        return accept(Symbology.UNKNOWN, body, nanos);
    }

    private ScanResult decodeWithAim(String aim, String payload, byte[] frame, long nanos) {
        char code = aim.charAt(1);
        char modifier = aim.charAt(2);
        Symbology symbology = switch (code) {
            case 'E' -> Symbology.UNKNOWN; // decided below from modifier and length
            case 'C' -> modifier == '1' ? Symbology.GS1_128 : Symbology.CODE_128;
            case 'A' -> Symbology.CODE_39;
            case 'I' -> Symbology.ITF;
            case 'e' -> Symbology.GS1_DATABAR;
            case 'Q' -> modifier == '3' ? Symbology.GS1_QR : Symbology.QR;
            case 'd' -> modifier == '2' ? Symbology.GS1_DATA_MATRIX : Symbology.DATA_MATRIX;
            case 'L' -> Symbology.PDF417;
            default -> Symbology.UNKNOWN;
        };
        boolean gs1 = switch (symbology) {
            case GS1_128, GS1_DATABAR, GS1_QR, GS1_DATA_MATRIX -> true;
            default -> false;
        };
        if (!gs1 && payload.indexOf(GS) >= 0) {
            return reject(RejectReason.NON_PRINTABLE, "0x1D in a non-GS1 symbology (" + aim + ")", frame, nanos);
        }
        if (code == 'E') {
            return decodeEanUpc(aim, modifier, payload, frame, nanos);
        }
        return accept(symbology, payload, nanos);
    }

    private ScanResult decodeEanUpc(String aim, char modifier, String payload, byte[] frame, long nanos) {
        if (!CheckDigits.allDigits(payload)) {
            return reject(RejectReason.MALFORMED, aim + " data is not all digits", frame, nanos);
        }
        int n = payload.length();
        return switch (modifier) {
            case '0' ->
                switch (n) {
                    case 13 -> gtin(Symbology.EAN_13, payload, CheckDigits.isValidEan13(payload), nanos);
                    case 12 -> gtin(Symbology.UPC_A, payload, CheckDigits.isValidUpcA(payload), nanos);
                    case 8 ->
                        CheckDigits.expandUpcE(payload).isPresent()
                                ? gtin(Symbology.UPC_E, payload, CheckDigits.isValidUpcE(payload), nanos)
                                : reject(RejectReason.MALFORMED, aim + " with 8 digits is not a UPC-E", frame, nanos);
                    default ->
                        reject(
                                RejectReason.MALFORMED,
                                aim + " with " + n + " digits; expected 13, 12 or 8",
                                frame,
                                nanos);
                };
            case '4' ->
                n == 8
                        ? gtin(Symbology.EAN_8, payload, CheckDigits.isValidEan8(payload), nanos)
                        : reject(RejectReason.MALFORMED, aim + " with " + n + " digits; expected 8", frame, nanos);
            case '3' ->
                switch (n) {
                    case 15, 18 ->
                        gtin(
                                Symbology.EAN_UPC_WITH_ADD_ON,
                                payload,
                                CheckDigits.isValidEan13(payload.substring(0, 13)),
                                nanos);
                    case 14, 17 ->
                        gtin(
                                Symbology.EAN_UPC_WITH_ADD_ON,
                                payload,
                                CheckDigits.isValidUpcA(payload.substring(0, 12)),
                                nanos);
                    default ->
                        reject(
                                RejectReason.MALFORMED,
                                aim + " with " + n + " digits; expected EAN-13 or UPC-A plus a 2- or 5-digit add-on",
                                frame,
                                nanos);
                };
            default -> accept(Symbology.UNKNOWN, payload, nanos);
        };
    }

    private ScanResult gtin(Symbology symbology, String payload, boolean valid, long nanos) {
        if (valid) {
            return accept(symbology, payload, nanos);
        }
        String main = switch (symbology) {
            case UPC_E -> CheckDigits.expandUpcE(payload).orElseThrow();
            case EAN_UPC_WITH_ADD_ON ->
                payload.substring(0, payload.length() == 15 || payload.length() == 18 ? 13 : 12);
            default -> payload;
        };
        // a misread member card is still a card number: its excerpt is masked like a card, not its first 8 digits
        return new ScanResult.Rejected(
                RejectReason.BAD_CHECK_DIGIT,
                symbology + " " + CheckDigits.mismatch(main),
                Excerpt.masked(payload),
                nanos);
    }

    private ScanResult accept(Symbology symbology, String payload, long nanos) {
        return new ScanResult.Accepted(new ScanEvent(source, symbology, payload, nanos));
    }

    private static ScanResult reject(RejectReason reason, String detail, byte[] frame, long nanos) {
        return new ScanResult.Rejected(reason, detail, Excerpt.of(frame), nanos);
    }

    /** {@code ]} + an ASCII letter + a letter or digit, followed by at least nothing. */
    private static boolean hasAimId(String body) {
        return body.length() >= 3
                && body.charAt(0) == ']'
                && isAsciiLetter(body.charAt(1))
                && (isAsciiLetter(body.charAt(2)) || Character.isDigit(body.charAt(2)));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
