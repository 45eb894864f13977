package org.loyaltyterminal.simulator.scanner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * Plays a serial barcode scanner on the master side of a {@link PseudoTerminal}: each code is
 * sent as {@code prefix + AIM id + payload + suffix + terminator} in one write, as a USB-CDC
 * scanner does. For the daemon's demo mode, the benchmark and driver tests.
 *
 * @see #sendRaw(byte[]) for line noise
 * @see #sendSlowly(byte[], Duration) for byte-by-byte timing (partial lines, gaps)
 */
public final class ScannerEmulator {
    private final PseudoTerminal pty;
    private final Profile profile;

    /**
     * What the emulated scanner is configured to send around each code.
     *
     * @param terminator sent after each code
     * @param aimId      AIM symbology id sent before each code by {@link #send(String)}, e.g. "]E0";
     *                   empty when AIM ids are disabled
     * @param prefix     configured prefix, sent first; may be empty
     * @param suffix     configured suffix, sent before the terminator; may be empty
     */
    public record Profile(Terminator terminator, String aimId, String prefix, String suffix) {
        public Profile {
            Objects.requireNonNull(terminator, "terminator");
            Objects.requireNonNull(aimId, "aimId");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(suffix, "suffix");
        }

        /** A scanner at factory settings: CR, no AIM id, no prefix or suffix. */
        public static Profile factory() {
            return new Profile(Terminator.CR, "", "", "");
        }

        public Profile withTerminator(Terminator t) {
            return new Profile(t, aimId, prefix, suffix);
        }

        public Profile withAimId(String a) {
            return new Profile(terminator, a, prefix, suffix);
        }

        public Profile withPrefixAndSuffix(String p, String s) {
            return new Profile(terminator, aimId, p, s);
        }
    }

    public ScannerEmulator(PseudoTerminal pty, Profile profile) {
        this.pty = Objects.requireNonNull(pty, "pty");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** Sends one code with the profile's AIM id, prefix, suffix and terminator. */
    public void send(String payload) {
        sendWithAimId(profile.aimId(), payload);
    }

    /** Sends one code with the given AIM id (e.g. "]Q1") instead of the profile's. */
    public void sendWithAimId(String aimId, String payload) {
        pty.write(frame(aimId, payload));
    }

    /** The exact bytes {@link #sendWithAimId} writes. */
    public byte[] frame(String aimId, String payload) {
        Objects.requireNonNull(aimId, "aimId");
        Objects.requireNonNull(payload, "payload");
        String text = profile.prefix()
                + aimId
                + payload
                + profile.suffix()
                + profile.terminator().wire();
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends bytes as they are: line noise, a half-received frame, a binary burst. */
    public void sendRaw(byte[] bytes) {
        pty.write(bytes);
    }

    /**
     * Sends bytes one at a time with {@code perByte} between them, like a slow or stalling line.
     * This really waits: it emulates hardware for tests that run against a real reader thread.
     */
    public void sendSlowly(byte[] bytes, Duration perByte) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(perByte, "perByte");
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                pause(perByte);
            }
            pty.write(new byte[] {bytes[i]});
        }
    }

    /** Concatenates frames into one write, e.g. two scans arriving back to back in one USB packet. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
