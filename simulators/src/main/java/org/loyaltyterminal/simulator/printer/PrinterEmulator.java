package org.loyaltyterminal.simulator.printer;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.EscPosText;
import org.loyaltyterminal.device.print.PrinterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The printer side of ESC/POS, without a transport: keeps what would be printed, splits it into
 * receipts at each cut, and answers DLE EOT 1, 2 and 4 in real time from a switchable
 * {@link State}. {@link TcpPrinterEmulator} and {@link PtyPrinterEmulator} put it on a socket or
 * a pseudo-terminal; a test may also feed it bytes directly with {@link #receive}.
 *
 * <p>Like a printer, it intercepts {@code DLE EOT n} wherever it occurs in the stream, also
 * inside another command's data, and nothing of it is printed. Only the n that
 * {@link PrinterStatus.Request} asks (1, 2, 4) are taken: any other {@code DLE EOT n} is kept
 * as printed data, so a QR store whose length bytes happen to read {@code 10 04} followed by
 * {@code 31} stays intact (and other requests show up as unknown bytes, not as silence).
 *
 * <p>A receipt ends at a cut ({@code GS V 65|66 n}, what {@link EscPosDecoder} reads as
 * {@link EscPosEvent.Cut}); "N cuts" and "N receipts" are therefore one count. Each receipt is
 * decoded on its own, from the power-on code page, which is right for receipts that start with
 * {@code ESC @} and {@code ESC t} as {@link org.loyaltyterminal.device.print.EscPos} writes them.
 *
 * <p>It keeps everything it was sent, for tests and demo sessions; it is not meant to run for
 * weeks. It models one input buffer: transports feed it one stream at a time.
 *
 * <p>Thread-safe: a transport thread feeds bytes while a test or the demo flips the switches,
 * reads what was printed or waits for receipts. Receipt listeners run on the feeding thread,
 * after the status replies of the same piece were sent and outside every lock.
 */
public final class PrinterEmulator {
    private static final Logger LOG = LoggerFactory.getLogger(PrinterEmulator.class);
    private static final int DLE = 0x10;
    private static final int EOT = 0x04;
    private static final int GS = 0x1D;
    private static final int V = 0x56;

    /** The reply byte of {@link Replies#GARBAGE}: it lacks the fixed bits 0xx1xx10 of every status byte. */
    public static final int GARBAGE_REPLY = 0x00;

    /**
     * What the printer reports, as the three reply bytes to DLE EOT 1 (printer), 2 (offline
     * cause) and 4 (paper). The fixed bits {@code 0xx1xx10} make a quiet byte read 0x12.
     */
    public enum State {
        /** Online, no offline cause, paper fine. */
        READY(0x12, 0x12, 0x12),
        /** Still online and printing; the near-end sensor (bits 2-3 of n = 4) has tripped. */
        PAPER_NEAR_END(0x12, 0x12, 0x1E),
        /** Offline (bit 3), stopped by paper end (bit 5 of n = 2), paper end (bits 5-6 of n = 4). */
        PAPER_END(0x1A, 0x32, 0x72),
        /** Offline, cover open (bit 2 of n = 2); the paper itself is fine. */
        COVER_OPEN(0x1A, 0x16, 0x12),
        /** Offline with the error bit (bit 6 of n = 2): a cutter jam, an overheated head. */
        OFFLINE(0x1A, 0x52, 0x12);

        private final int printer;
        private final int cause;
        private final int paper;

        State(int printer, int cause, int paper) {
            this.printer = printer;
            this.cause = cause;
            this.paper = paper;
        }

        /** The byte this state answers to {@code request}. */
        public int reply(PrinterStatus.Request request) {
            return switch (request) {
                case PRINTER -> printer;
                case OFFLINE_CAUSE -> cause;
                case PAPER -> paper;
            };
        }
    }

    /** How the printer answers DLE EOT, whatever its {@link State}. */
    public enum Replies {
        /** The state's reply byte, as a healthy printer does. */
        ANSWER,
        /** Nothing: the request is heard and counted, but the host's read times out. */
        SILENT,
        /** {@link #GARBAGE_REPLY}: a byte arrives, but it is not a status byte. */
        GARBAGE
    }

    private final EscPosDecoder decoder;
    private final List<ReceiptListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when bytes, receipts or status requests arrive. */
    private final Condition progress = lock.newCondition();
    /** Signalled when a stall ends or a transport closes. */
    private final Condition flow = lock.newCondition();

    private volatile State state = State.READY;
    private volatile Replies replies = Replies.ANSWER;
    // Guarded by lock.
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<PrintedReceipt> receipts = new ArrayList<>();
    private ByteArrayOutputStream sinceCut = new ByteArrayOutputStream();
    /** Whether {@link #sinceCut} holds a {@code GS V} not yet resolved by decoding. */
    private boolean cutCandidate;

    private int matched; // of DLE EOT: 0 none, 1 DLE, 2 DLE EOT
    private int statusRequests;
    private boolean stalled;

    /** @param decoder reads the receipts back; it knows the code pages the printer is set up with */
    public PrinterEmulator(EscPosDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    public void state(State s) {
        state = Objects.requireNonNull(s, "state");
    }

    public State state() {
        return state;
    }

    public void replies(Replies r) {
        replies = Objects.requireNonNull(r, "replies");
    }

    public Replies replies() {
        return replies;
    }

    /**
     * Stops taking bytes, as a printer whose input buffer is full does: the transports stop
     * reading, so the sender's buffers fill and its writes block. {@code false} resumes.
     */
    public void stall(boolean on) {
        lock.lock();
        try {
            stalled = on;
            flow.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Called with each completed receipt, on the thread that fed its cut. */
    public void addReceiptListener(ReceiptListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeReceiptListener(ReceiptListener listener) {
        listeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Feeds {@code length} bytes the host sent, from {@code bytes[offset]}. Status replies go to
     * {@code reply}, one byte 0..255 each, in request order, before any receipt listener runs.
     */
    public void receive(byte[] bytes, int offset, int length, IntConsumer reply) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(reply, "reply");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        List<PrintedReceipt> completed;
        lock.lock();
        try {
            int kept = sinceCut.size();
            for (int i = offset; i < offset + length; i++) {
                take(bytes[i] & 0xFF, answers);
            }
            completed = sinceCut.size() > kept ? splitAtCuts(kept) : List.of();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            for (byte b : answers.toByteArray()) {
                reply.accept(b & 0xFF);
            }
        } finally {
            // A host gone before its reply still had its receipt cut: the listeners hear of it.
            for (PrintedReceipt r : completed) {
                notifyListeners(r);
            }
        }
    }

    /** Every byte printed so far, without the DLE EOT requests. */
    public byte[] printed() {
        lock.lock();
        try {
            return printed.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #printed()} decoded as one stream. */
    public List<EscPosEvent> events() {
        return decoder.decode(printed());
    }

    /** {@link #events()} as plain text, see {@link EscPosText}. */
    public String text() {
        return EscPosText.render(events());
    }

    /** The receipts completed so far, oldest first. */
    public List<PrintedReceipt> receipts() {
        lock.lock();
        try {
            return List.copyOf(receipts);
        } finally {
            lock.unlock();
        }
    }

    /** DLE EOT requests heard so far, answered or not. */
    public int statusRequests() {
        lock.lock();
        try {
            return statusRequests;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code count} receipts in all have been cut.
     *
     * @return every receipt so far (at least {@code count})
     * @throws DeviceException when they did not arrive within {@code timeout}, or on interrupt
     */
    public List<PrintedReceipt> awaitReceipts(int count, Duration timeout) {
        await(count, timeout, "receipts", receipts::size);
        return receipts();
    }

    /**
     * Waits until {@code count} bytes in all have been printed.
     *
     * @return every byte printed so far (at least {@code count})
     */
    public byte[] awaitPrinted(int count, Duration timeout) {
        await(count, timeout, "bytes printed", printed::size);
        return printed();
    }

    /** Waits until {@code count} DLE EOT requests in all have been heard; returns how many have. */
    public int awaitStatusRequests(int count, Duration timeout) {
        await(count, timeout, "status requests", () -> statusRequests);
        return statusRequests();
    }

    /**
     * Blocks a transport thread while the printer is stalled and {@code open} holds. The
     * transport calls {@link #wakeTransports()} after whatever makes {@code open} false.
     */
    void awaitFlowing(BooleanSupplier open) throws InterruptedException {
        lock.lock();
        try {
            while (stalled && open.getAsBoolean()) {
                flow.await();
            }
        } finally {
            lock.unlock();
        }
    }

    void wakeTransports() {
        lock.lock();
        try {
            flow.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await(int count, Duration timeout, String what, IntSupplier current) {
        Objects.requireNonNull(timeout, "timeout");
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (current.getAsInt() < count) {
                if (left <= 0) {
                    throw new DeviceException("printer emulator: " + current.getAsInt() + " of " + count + " " + what
                            + " after " + timeout.toMillis() + " ms (" + describeLocked()
                            + "); check that the sender is connected, and that a receipt ends with GS V 65|66 n");
                }
                left = progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("printer emulator: interrupted while waiting for " + count + " " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private String describeLocked() {
        return printed.size() + " bytes printed, " + sinceCut.size() + " since the last cut, " + receipts.size()
                + " receipts, " + statusRequests + " status requests, state " + state + ", replies " + replies
                + (stalled ? ", stalled" : "");
    }

    private void take(int b, ByteArrayOutputStream answers) {
        if (matched == 2) {
            matched = 0;
            if (b == 1 || b == 2 || b == 4) {
                statusRequests++;
                answer(b, answers);
                return;
            }
            print(DLE);
            print(EOT);
        } else if (matched == 1) {
            if (b == EOT) {
                matched = 2;
                return;
            }
            matched = 0;
            print(DLE);
        }
        if (b == DLE) {
            matched = 1;
        } else {
            print(b);
        }
    }

    private void answer(int n, ByteArrayOutputStream answers) {
        PrinterStatus.Request request = switch (n) {
            case 1 -> PrinterStatus.Request.PRINTER;
            case 2 -> PrinterStatus.Request.OFFLINE_CAUSE;
            default -> PrinterStatus.Request.PAPER;
        };
        switch (replies) {
            case ANSWER -> answers.write(state.reply(request));
            case SILENT -> {}
            case GARBAGE -> answers.write(GARBAGE_REPLY);
        }
    }

    private void print(int b) {
        printed.write(b);
        sinceCut.write(b);
    }

    /**
     * Cuts the receipts out of {@link #sinceCut}. Decoding is only worth it once a {@code GS V}
     * has arrived, so the new bytes (and the one before them, for a pair split across pieces)
     * are scanned for it first; a stream without cuts is then not decoded again with every piece.
     */
    private List<PrintedReceipt> splitAtCuts(int kept) {
        byte[] pending = sinceCut.toByteArray();
        cutCandidate |= containsGsV(pending, Math.max(0, kept - 1));
        if (!cutCandidate) {
            return List.of();
        }
        List<PrintedReceipt> completed = new ArrayList<>();
        int start = 0;
        for (EscPosDecoder.Span span : decoder.spans(pending)) {
            if (span.event() instanceof EscPosEvent.Cut) {
                byte[] bytes = Arrays.copyOfRange(pending, start, span.end());
                completed.add(new PrintedReceipt(receipts.size() + completed.size() + 1, bytes, decoder.decode(bytes)));
                start = span.end();
            }
        }
        if (start > 0) {
            sinceCut = new ByteArrayOutputStream();
            sinceCut.write(pending, start, pending.length - start);
        }
        // A GS V left over is a cut whose last byte has not arrived, or GS V inside data.
        cutCandidate = containsGsV(pending, start);
        receipts.addAll(completed);
        return completed;
    }

    private static boolean containsGsV(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == GS && (bytes[i + 1] & 0xFF) == V) {
                return true;
            }
        }
        return false;
    }

    private void notifyListeners(PrintedReceipt receipt) {
        for (ReceiptListener l : listeners) {
            try {
                l.printed(receipt);
            } catch (RuntimeException e) {
                // The listener is the demo's or a test's; a bug there must not stop the printer.
                LOG.warn(
                        "printer emulator: receipt listener {} failed on receipt #{} ({}); the receipt is kept, "
                                + "printing goes on",
                        l,
                        receipt.number(),
                        e.toString(),
                        e);
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "PrinterEmulator[" + describeLocked() + "]";
        } finally {
            lock.unlock();
        }
    }
}
