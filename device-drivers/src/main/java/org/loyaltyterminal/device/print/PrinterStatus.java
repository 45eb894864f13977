package org.loyaltyterminal.device.print;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the printer said about itself over DLE EOT ({@code 10 04 n}): n = 1 online state, n = 2
 * why it is offline, n = 4 paper. Every reply byte has the fixed bits {@code 0xx1xx10}; a byte
 * without them (line noise, a printer answering something else) is {@code UNKNOWN}, never read
 * as a state.
 *
 * @param online  from n = 1
 * @param causes  from n = 2; empty when online and not asked, {@link OfflineCause#UNKNOWN} when the
 *                reply was not a status byte
 * @param paper   from n = 4
 */
public record PrinterStatus(Online online, Set<OfflineCause> causes, Paper paper) {
    private static final int FIXED_MASK = 0b1001_0011;
    private static final int FIXED_BITS = 0b0001_0010;

    public PrinterStatus {
        Objects.requireNonNull(online, "online");
        Objects.requireNonNull(paper, "paper");
        causes = Set.copyOf(causes);
    }

    /** The DLE EOT requests this class decodes. */
    public enum Request {
        PRINTER(1),
        OFFLINE_CAUSE(2),
        PAPER(4);

        private final int n;

        Request(int n) {
            this.n = n;
        }

        public byte[] bytes() {
            return new byte[] {0x10, 0x04, (byte) n};
        }
    }

    public enum Online {
        ONLINE,
        OFFLINE,
        UNKNOWN
    }

    public enum OfflineCause {
        COVER_OPEN,
        PAPER_END_STOP,
        ERROR,
        UNKNOWN
    }

    public enum Paper {
        OK,
        NEAR_END,
        END,
        UNKNOWN
    }

    /** Whether a job may be sent: online and paper not at its end. Near end still prints. */
    public boolean readyToPrint() {
        return online == Online.ONLINE && (paper == Paper.OK || paper == Paper.NEAR_END);
    }

    /** One line for logs and the status page, e.g. "offline (cover open), paper end". */
    public String describe() {
        String s = switch (online) {
            case ONLINE -> "online";
            case OFFLINE -> "offline";
            case UNKNOWN -> "online state unknown";
        };
        if (!causes.isEmpty()) {
            s += " ("
                    + String.join(
                            ", ",
                            causes.stream()
                                    .sorted()
                                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                                    .toList())
                    + ")";
        }
        return s + ", paper "
                + switch (paper) {
                    case OK -> "ok";
                    case NEAR_END -> "near end";
                    case END -> "end";
                    case UNKNOWN -> "unknown";
                };
    }

    static boolean isStatusByte(int reply) {
        return (reply & FIXED_MASK) == FIXED_BITS;
    }

    /** Decodes the reply to n = 1: bit 3 set means offline. */
    public static Online online(int reply) {
        if (!isStatusByte(reply)) {
            return Online.UNKNOWN;
        }
        return (reply & 0x08) != 0 ? Online.OFFLINE : Online.ONLINE;
    }

    /** Decodes the reply to n = 2: bit 2 cover open, bit 5 stopped by paper end, bit 6 error. */
    public static Set<OfflineCause> offlineCauses(int reply) {
        if (!isStatusByte(reply)) {
            return Set.of(OfflineCause.UNKNOWN);
        }
        EnumSet<OfflineCause> causes = EnumSet.noneOf(OfflineCause.class);
        if ((reply & 0x04) != 0) {
            causes.add(OfflineCause.COVER_OPEN);
        }
        if ((reply & 0x20) != 0) {
            causes.add(OfflineCause.PAPER_END_STOP);
        }
        if ((reply & 0x40) != 0) {
            causes.add(OfflineCause.ERROR);
        }
        return Set.copyOf(causes);
    }

    /** Decodes the reply to n = 4: bits 5-6 paper end (wins), bits 2-3 near end. */
    public static Paper paper(int reply) {
        if (!isStatusByte(reply)) {
            return Paper.UNKNOWN;
        }
        if ((reply & 0x60) != 0) {
            return Paper.END;
        }
        return (reply & 0x0C) != 0 ? Paper.NEAR_END : Paper.OK;
    }
}
