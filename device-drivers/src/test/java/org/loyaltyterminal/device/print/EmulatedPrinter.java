package org.loyaltyterminal.device.print;

import java.io.ByteArrayOutputStream;
import java.util.function.IntConsumer;

/**
 * The printer side of the protocol, transport-free: records what would be printed and answers
 * DLE EOT 1, 2 and 4 from switchable state. Thread-safe: the test thread flips the switches while
 * a transport thread feeds bytes.
 */
final class EmulatedPrinter {
    static final int ONLINE = 0x12;
    static final int OFFLINE = 0x1A;
    static final int PAPER_OK = 0x12;
    static final int PAPER_NEAR_END = 0x1E;
    static final int PAPER_END = 0x72;
    static final int CAUSE_NONE = 0x12;
    static final int CAUSE_PAPER_END_STOP = 0x32;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private volatile int onlineReply = ONLINE;
    private volatile int causeReply = CAUSE_NONE;
    private volatile int paperReply = PAPER_OK;
    private volatile boolean answering = true;
    private int pending;  // 0: none, 1: saw DLE, 2: saw DLE EOT
    private int statusRequests;

    /** Feeds received bytes; replies go to {@code reply}. */
    synchronized void receive(byte[] buf, int length, IntConsumer reply) {
        for (int i = 0; i < length; i++) {
            int b = buf[i] & 0xFF;
            if (pending == 0 && b == 0x10) {
                pending = 1;
            } else if (pending == 1 && b == 0x04) {
                pending = 2;
            } else if (pending == 2) {
                pending = 0;
                statusRequests++;
                if (answering) {
                    reply.accept(switch (b) {
                        case 1 -> onlineReply;
                        case 2 -> causeReply;
                        case 4 -> paperReply;
                        default -> 0x00;
                    });
                }
            } else {
                if (pending == 1) {
                    printed.write(0x10);
                }
                pending = 0;
                printed.write(b);
            }
        }
    }

    /** Paper out: offline, stopped by paper end, paper end. */
    void paperOut() {
        paperReply = PAPER_END;
        causeReply = CAUSE_PAPER_END_STOP;
        onlineReply = OFFLINE;
    }

    void paperIn() {
        paperReply = PAPER_OK;
        causeReply = CAUSE_NONE;
        onlineReply = ONLINE;
    }

    void paperReply(int reply) {
        paperReply = reply;
    }

    /** Switches status replies off: the printer hears DLE EOT but says nothing. */
    void answering(boolean on) {
        answering = on;
    }

    synchronized byte[] printed() {
        return printed.toByteArray();
    }

    synchronized int statusRequests() {
        return statusRequests;
    }
}
