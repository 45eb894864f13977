package org.loyaltyterminal.device.nfc.pn532;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.pn532.CommandFailed.Kind;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Direction;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Information;
import org.loyaltyterminal.device.nfc.pn532.Pn532Link.LinkLost;

/**
 * One command at a time over a {@link Pn532Link}: send, wait for the ACK, wait for the response,
 * each within the timeout. On a timeout the pending command is cancelled with an ACK and the
 * input drained, so a late response is never read as the answer to the next command; anything
 * that arrives before the next command's ACK is stale and skipped. A NACK makes it resend once;
 * an error frame or a malformed frame fails the command after draining the line.
 */
final class Pn532Session {
    /** libnfc's wake-up: 0x55 0x55 then zeros long enough for the chip to leave low-battery mode. */
    static final byte[] WAKE_UP = {0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private static final Duration DRAIN_MAX = Duration.ofSeconds(1);

    private final Pn532Link link;
    private final Ticker ticker;
    private final Pn532Decoder decoder = new Pn532Decoder();
    private final Deque<Pn532Decoded> pending = new ArrayDeque<>();
    private final byte[] buf = new byte[300];
    private long staleFrames;

    Pn532Session(Pn532Link link, Ticker ticker) {
        this.link = Objects.requireNonNull(link, "link");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    void wakeUp() throws LinkLost {
        link.write(WAKE_UP);
    }

    /** Frames skipped because they arrived when no answer was due. */
    long staleFrames() {
        return staleFrames;
    }

    /** Returns the response data (PD0..PDn, response code first). */
    byte[] execute(Pn532Command command, Duration timeout) throws LinkLost {
        byte[] wire = Pn532Codec.encode(Information.fromHost(command.data()));
        String name = command.getClass().getSimpleName();
        link.write(wire);
        boolean resent = false;
        long deadline = ticker.nanos() + timeout.toNanos();
        boolean acked = false;
        while (!acked) {
            Pn532Decoded d = next(deadline);
            switch (d) {
                case null -> {
                    cancelAndDrain();
                    throw new CommandFailed(
                            Kind.ACK_TIMEOUT, name + ": no ACK within " + timeout.toMillis() + " ms; cancelled");
                }
                case Pn532Frame.Ack a -> acked = true;
                case Pn532Frame.Nack n -> {
                    if (resent) {
                        drain();
                        throw new CommandFailed(Kind.NACK, name + ": NACK again after resending");
                    }
                    resent = true;
                    link.write(wire);
                    deadline = ticker.nanos() + timeout.toNanos();
                }
                case Pn532Frame.ErrorFrame e -> {
                    drain();
                    throw new CommandFailed(Kind.ERROR_FRAME, name + ": error frame instead of ACK");
                }
                case Pn532Decoded.Malformed m -> {
                    cancelAndDrain();
                    throw new CommandFailed(
                            Kind.MALFORMED, name + ": malformed frame while waiting for ACK (" + m.reason() + ")");
                }
                case Information i -> staleFrames++; // the answer to an earlier, cancelled command
            }
        }
        deadline = ticker.nanos() + timeout.toNanos();
        while (true) {
            Pn532Decoded d = next(deadline);
            switch (d) {
                case null -> {
                    cancelAndDrain();
                    throw new CommandFailed(
                            Kind.RESPONSE_TIMEOUT,
                            name + ": ACK but no response within " + timeout.toMillis() + " ms; cancelled");
                }
                case Information i
                when i.direction() == Direction.CHIP_TO_HOST && i.code() == command.responseCode() -> {
                    return i.data();
                }
                case Information i -> {
                    drain();
                    throw new CommandFailed(
                            Kind.PROTOCOL,
                            name + ": unexpected " + i + " instead of response 0x"
                                    + Integer.toHexString(command.responseCode()));
                }
                case Pn532Frame.Ack a -> staleFrames++;
                case Pn532Frame.Nack n -> {
                    drain();
                    throw new CommandFailed(Kind.NACK, name + ": NACK instead of the response");
                }
                case Pn532Frame.ErrorFrame e -> {
                    drain();
                    throw new CommandFailed(Kind.ERROR_FRAME, name + ": error frame instead of the response");
                }
                case Pn532Decoded.Malformed m -> {
                    drain();
                    throw new CommandFailed(Kind.MALFORMED, name + ": malformed response (" + m.reason() + ")");
                }
            }
        }
    }

    /** The next decoded item, or null when the deadline passed first. */
    private Pn532Decoded next(long deadline) throws LinkLost {
        while (pending.isEmpty()) {
            if (ticker.nanos() - deadline >= 0) {
                return null;
            }
            int n = link.read(buf);
            if (n > 0) {
                pending.addAll(decoder.feed(buf, 0, n));
            }
        }
        return pending.poll();
    }

    private void cancelAndDrain() throws LinkLost {
        link.write(Pn532Codec.ACK);
        drain();
    }

    /** Discards everything until the line has been quiet for one read slice (at most 1 s). */
    private void drain() throws LinkLost {
        pending.clear();
        decoder.reset();
        long deadline = ticker.nanos() + DRAIN_MAX.toNanos();
        while (link.read(buf) > 0 && ticker.nanos() - deadline < 0) {
            // discard
        }
    }
}
