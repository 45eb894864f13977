package org.loyaltyterminal.device.nfc.pn532;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.GetFirmwareVersion;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.InDataExchange;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.InListPassiveTarget;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.RfMaxRetries;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.SamConfiguration;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Information;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * Plays a PN532 in HSU mode on the master side of a {@link PseudoTerminal}, on its own thread:
 * decodes the host's frames with {@link Pn532Decoder} and answers ACK plus response for the
 * commands {@link Pn532Reader} sends, like the chip. It starts asleep (low-battery mode) and
 * ignores frames until it sees the 0x55 wake-up bytes. For the daemon's demo mode, the benchmark
 * and driver tests.
 *
 * <p>Cards: {@link #present} puts one card (an NTAG21x, optionally with an NDEF Text record) in
 * the field, {@link #presentAlso} a second one, {@link #remove} empties the field.
 *
 * <p>Faults: {@link #failNext} arms a one-shot {@link Fault} for the next command with a given
 * code; {@link #unplug()} closes the pty, which the host sees as a USB-UART being pulled.
 *
 * <p>Like the chip, it handles one command at a time: a delayed ACK or a late response holds up
 * everything the host sends meanwhile.
 *
 * <p>It ships in the simulators module but keeps the driver's package: it answers with the driver's
 * own frames and command parser ({@code Pn532Codec.ACK}, {@code NACK}, {@code ERROR},
 * {@code Pn532Command.parse}), which stay package-private so that the till's code cannot lean on
 * them. The package is split across two jars, which the class path allows (one class loader, no
 * module descriptors); the daemon's jar does not contain this class.
 */
public final class Pn532Emulator implements AutoCloseable {
    /** What the emulator reports for GetFirmwareVersion: PN532 v1.6, types A, B and ISO 18092. */
    private static final byte[] FIRMWARE = {0x32, 0x01, 0x06, 0x07};

    private static final byte[] CAPABILITY_CONTAINER = {(byte) 0xE1, 0x10, 0x12, 0x00};
    private static final int USER_MEMORY = 144; // NTAG213

    /**
     * A card in the field: an NTAG21x whose user memory holds an NDEF Text record, or nothing. A
     * value (equal by UID and text); a class rather than a record because it holds an array,
     * copied on the way in and out.
     */
    public static final class Card {
        private final byte[] uid;
        private final Optional<String> ndefText;

        public Card(byte[] uid, Optional<String> ndefText) {
            Objects.requireNonNull(uid, "uid");
            this.ndefText = Objects.requireNonNull(ndefText, "ndefText");
            if (uid.length != 4 && uid.length != 7 && uid.length != 10) {
                throw new IllegalArgumentException("a type A UID has 4, 7 or 10 bytes, not " + uid.length);
            }
            this.uid = uid.clone();
        }

        /** The UID, 4, 7 or 10 bytes; a copy. */
        public byte[] uid() {
            return uid.clone();
        }

        /** The text of the NDEF Text record in the card's memory, if it holds one. */
        public Optional<String> ndefText() {
            return ndefText;
        }

        /** Pages 0 on: UID and check bytes (simplified), capability container, NDEF TLV from page 4. */
        byte[] memory() {
            byte[] m = new byte[16 + USER_MEMORY];
            System.arraycopy(uid, 0, m, 0, Math.min(uid.length, 8));
            System.arraycopy(CAPABILITY_CONTAINER, 0, m, 12, 4);
            ndefText.ifPresent(t -> {
                byte[] tlv = textTlv(t);
                System.arraycopy(tlv, 0, m, 16, Math.min(tlv.length, USER_MEMORY));
            });
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Card c && Arrays.equals(c.uid, uid) && c.ndefText.equals(ndefText);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(uid) + ndefText.hashCode();
        }

        @Override
        public String toString() {
            return "Card[uid=(" + uid.length + " bytes), ndefText="
                    + ndefText.map(t -> "(present)").orElse("(none)") + "]";
        }
    }

    /** A one-shot misbehaviour for the next command with a given code. */
    public sealed interface Fault {
        /** ACK after {@code delay}, then the response. */
        record DelayedAck(Duration delay) implements Fault {}

        /** Neither ACK nor response: the command is lost. */
        record MissingAck() implements Fault {}

        /** NACK instead of the ACK: the host should resend. */
        record NackFirst() implements Fault {}

        /** ACK, then the response with its LCS off by one. */
        record BadLcs() implements Fault {}

        /** ACK, then the response with its DCS off by one. */
        record BadDcs() implements Fault {}

        /** ACK, then the error frame instead of the response. */
        record ErrorInsteadOfResponse() implements Fault {}

        /**
         * ACK, then the response only after {@code delay}, computed when the command arrived; a
         * cancelling ACK from the host meanwhile is not honoured (the worst case).
         */
        record LateResponse(Duration delay) implements Fault {}

        /** InDataExchange: the card leaves the field during the exchange; status 01 (timeout). */
        record CardRemovedMidRead() implements Fault {}
    }

    private final PseudoTerminal pty;
    private final Ticker ticker;
    private final Object lock = new Object();
    private final List<Card> field = new ArrayList<>();
    private final Map<Integer, Deque<Fault>> faults = new HashMap<>();
    private final List<Pn532Frame> received = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean awake;
    private volatile long lastAnswerNanos = -1;
    private byte[] lastSent = new byte[0];
    private List<Card> listed = List.of();

    private Pn532Emulator(PseudoTerminal pty, Ticker ticker) {
        this.pty = pty;
        this.ticker = ticker;
        this.thread = Thread.ofPlatform()
                .name("pn532-emulator-" + pty.slavePath().getFileName())
                .daemon(true)
                .unstarted(this::run);
    }

    /** Starts an emulator answering on {@code pty}'s master side. */
    public static Pn532Emulator start(PseudoTerminal pty) {
        return start(pty, Ticker.system());
    }

    public static Pn532Emulator start(PseudoTerminal pty, Ticker ticker) {
        Pn532Emulator e =
                new Pn532Emulator(Objects.requireNonNull(pty, "pty"), Objects.requireNonNull(ticker, "ticker"));
        e.thread.start();
        return e;
    }

    /** Puts this card alone in the field (replacing any card there). */
    public void present(byte[] uid, Optional<String> ndefText) {
        Card c = new Card(uid, ndefText);
        synchronized (lock) {
            field.clear();
            field.add(c);
        }
    }

    /** Adds a second card to the field; InListPassiveTarget for one target still lists the first. */
    public void presentAlso(byte[] uid, Optional<String> ndefText) {
        Card c = new Card(uid, ndefText);
        synchronized (lock) {
            if (field.size() >= 2) {
                throw new IllegalStateException("the emulator models at most two cards in the field");
            }
            field.add(c);
        }
    }

    /** Empties the field. */
    public void remove() {
        synchronized (lock) {
            field.clear();
        }
    }

    /**
     * Arms {@code fault} for the next command with {@code commandCode} (e.g.
     * {@link Pn532Command#IN_LIST_PASSIVE_TARGET}). A fault for InListPassiveTarget waits for a poll
     * that finds a card in the field, so that it hits a card read rather than an idle poll.
     */
    public void failNext(int commandCode, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            faults.computeIfAbsent(commandCode, k -> new ArrayDeque<>()).add(fault);
        }
    }

    /** Armed faults not yet applied. */
    public int pendingFaults() {
        synchronized (lock) {
            return faults.values().stream().mapToInt(Deque::size).sum();
        }
    }

    /** Every well-formed frame received from the host, in order (after wake-up). */
    public List<Pn532Frame> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /** Codes of the commands received, in order. */
    public List<Integer> commandsReceived() {
        synchronized (lock) {
            return received.stream()
                    .filter(f -> f instanceof Information)
                    .map(f -> ((Information) f).code())
                    .toList();
        }
    }

    /** How many commands with {@code code} arrived. */
    public long count(int code) {
        return commandsReceived().stream().filter(c -> c == code).count();
    }

    /** How many ACK frames (cancellations) the host sent. */
    public long acksReceived() {
        synchronized (lock) {
            return received.stream().filter(f -> f instanceof Pn532Frame.Ack).count();
        }
    }

    /** Whether the wake-up bytes have arrived. */
    public boolean awake() {
        return awake;
    }

    /**
     * Time from the complete InListPassiveTarget frame arriving to the response being written, for
     * the last one answered without a fault; empty before the first.
     */
    public Optional<Duration> lastPollAnswerTime() {
        long n = lastAnswerNanos;
        return n < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(n));
    }

    /** Closes the pty: the host sees the device unplugged. The emulator thread ends. */
    public void unplug() {
        running = false;
        pty.close();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        unplug();
    }

    private void run() {
        Pn532Decoder decoder = new Pn532Decoder();
        byte[] buf = new byte[512];
        while (running) {
            int n;
            try {
                n = pty.read(buf, Duration.ofMillis(50));
            } catch (DeviceException e) {
                return; // unplugged
            }
            if (n == 0) {
                continue;
            }
            if (!awake) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0x55) {
                        awake = true;
                    }
                }
                if (!awake) {
                    continue; // asleep: the chip ignores frames
                }
            }
            for (Pn532Decoded d : decoder.feed(buf, 0, n)) {
                long arrived = ticker.nanos();
                try {
                    handle(d, arrived);
                } catch (DeviceException e) {
                    return; // pty closed while answering
                }
            }
        }
    }

    private void handle(Pn532Decoded d, long arrived) {
        switch (d) {
            case Pn532Decoded.Malformed m -> {
                // Wake-up bytes and line noise: the chip ignores them.
            }
            case Pn532Frame.Ack a -> record(a); // cancel: nothing is pending in a one-at-a-time chip
            case Pn532Frame.Nack n -> {
                record(n);
                if (lastSent.length > 0) {
                    pty.write(lastSent);
                }
            }
            case Pn532Frame.ErrorFrame e -> record(e);
            case Information i -> {
                record(i);
                if (i.direction() == Pn532Frame.Direction.HOST_TO_CHIP) {
                    answer(i, arrived);
                }
            }
        }
    }

    private void record(Pn532Frame f) {
        synchronized (lock) {
            received.add(f);
        }
    }

    private void answer(Information frame, long arrived) {
        Optional<Fault> fault;
        List<Card> inField;
        synchronized (lock) {
            // One snapshot decides both the fault and the answer, so a card presented meanwhile
            // cannot be listed by a poll that skipped the fault because the field was empty.
            inField = List.copyOf(field);
            Deque<Fault> q = faults.get(frame.code());
            boolean held = frame.code() == Pn532Command.IN_LIST_PASSIVE_TARGET && inField.isEmpty();
            fault = Optional.ofNullable(q == null || held ? null : q.poll());
        }
        Optional<Pn532Command> command = Pn532Command.parse(frame.data());
        if (fault.isEmpty()) {
            pty.write(Pn532Codec.ACK);
            byte[] response =
                    command.map(c -> encodeResponse(c, inField, false)).orElse(Pn532Codec.ERROR);
            send(response);
            if (frame.code() == Pn532Command.IN_LIST_PASSIVE_TARGET) {
                lastAnswerNanos = ticker.nanos() - arrived;
            }
            return;
        }
        switch (fault.get()) {
            case Fault.DelayedAck f -> {
                pause(f.delay());
                pty.write(Pn532Codec.ACK);
                send(command.map(c -> encodeResponse(c, inField, false)).orElse(Pn532Codec.ERROR));
            }
            case Fault.MissingAck f -> {
                // lost on the line
            }
            case Fault.NackFirst f -> pty.write(Pn532Codec.NACK);
            case Fault.BadLcs f -> {
                pty.write(Pn532Codec.ACK);
                byte[] r = command.map(c -> encodeResponse(c, inField, false))
                        .orElse(Pn532Codec.ERROR)
                        .clone();
                r[4]++;
                send(r);
            }
            case Fault.BadDcs f -> {
                pty.write(Pn532Codec.ACK);
                byte[] r = command.map(c -> encodeResponse(c, inField, false))
                        .orElse(Pn532Codec.ERROR)
                        .clone();
                r[r.length - 2]++;
                send(r);
            }
            case Fault.ErrorInsteadOfResponse f -> {
                pty.write(Pn532Codec.ACK);
                send(Pn532Codec.ERROR);
            }
            case Fault.LateResponse f -> {
                pty.write(Pn532Codec.ACK);
                byte[] r = command.map(c -> encodeResponse(c, inField, false)).orElse(Pn532Codec.ERROR);
                pause(f.delay());
                send(r);
            }
            case Fault.CardRemovedMidRead f -> {
                pty.write(Pn532Codec.ACK);
                send(command.map(c -> encodeResponse(c, inField, true)).orElse(Pn532Codec.ERROR));
            }
        }
    }

    private void send(byte[] frame) {
        lastSent = frame;
        pty.write(frame);
    }

    private byte[] encodeResponse(Pn532Command command, List<Card> inField, boolean removeCardMidRead) {
        byte[] data = switch (command) {
            case SamConfiguration c -> new byte[] {0x15};
            case GetFirmwareVersion c -> concat(new byte[] {0x03}, FIRMWARE);
            case RfMaxRetries c -> new byte[] {0x33};
            case InListPassiveTarget c -> listTargets(c.maxTargets(), inField);
            case InDataExchange c -> exchange(c, removeCardMidRead);
        };
        return Pn532Codec.encode(Information.fromChip(data));
    }

    private byte[] listTargets(int max, List<Card> inField) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Card> cards = inField.subList(0, Math.min(max, inField.size()));
        synchronized (lock) {
            listed = cards;
        }
        out.write(0x4B);
        out.write(cards.size());
        for (int i = 0; i < cards.size(); i++) {
            byte[] uid = cards.get(i).uid();
            out.write(i + 1); // Tg
            out.write(0x00); // SENS_RES
            out.write(uid.length == 4 ? 0x04 : 0x44);
            out.write(0x00); // SEL_RES: NTAG, no ISO 14443-4
            out.write(uid.length);
            out.writeBytes(uid);
        }
        return out.toByteArray();
    }

    private byte[] exchange(InDataExchange c, boolean removeCardMidRead) {
        byte[] payload = c.payload();
        Card card;
        synchronized (lock) {
            if (removeCardMidRead) {
                field.clear();
            }
            int index = c.tg() - 1;
            // The same presentation, not an equal card: one taken away and held back meanwhile is a
            // new target that the host has to list again, as with the chip.
            Set<Card> presentations = Collections.newSetFromMap(new IdentityHashMap<>());
            presentations.addAll(field);
            card = index >= 0 && index < listed.size() && presentations.contains(listed.get(index))
                    ? listed.get(index)
                    : null;
        }
        if (card == null) {
            return new byte[] {0x41, 0x01}; // timeout: no such card in the field
        }
        if (payload[0] != Pn532Command.NTAG_READ || payload.length != 2) {
            return new byte[] {0x41, 0x27}; // not acceptable in this context
        }
        byte[] memory = card.memory();
        int from = (payload[1] & 0xFF) * 4;
        byte[] out = new byte[18];
        out[0] = 0x41;
        out[1] = 0x00;
        for (int i = 0; i < 16; i++) {
            int p = from + i;
            out[2 + i] = p < memory.length ? memory[p] : 0;
        }
        return out;
    }

    /** NDEF message TLV with one well-known Text record in UTF-8, language "en". */
    static byte[] textTlv(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int payload = 3 + t.length;
        if (payload > 255 - 4) {
            throw new IllegalArgumentException("NDEF text of " + t.length + " bytes is too long for this emulator");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x03); // NDEF message TLV
        out.write(4 + payload); // length
        out.write(0xD1); // MB ME SR, TNF well-known
        out.write(0x01); // type length
        out.write(payload); // payload length
        out.write('T');
        out.write(0x02); // UTF-8, language length 2
        out.write('e');
        out.write('n');
        out.writeBytes(t);
        out.write(0xFE); // terminator TLV
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
