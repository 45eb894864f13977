package org.loyaltyterminal.terminal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a complete, valid terminal setup into a folder for the daemon's own tests: config,
 * campaign file (a coffee shop's: coffee card, points, vouchers, rewards), voucher key and data
 * folder, with the scanner on a given port.
 *
 * <p>The demo (simulators' {@code DemoFiles}) writes the same setup for itself; this copy lives
 * in the tests because the daemon's tests may not depend on the simulators module, which depends
 * on the daemon. The end-to-end tests in simulators run the demo's files against the packaged
 * daemon, so both stay valid.
 */
public final class TillFiles {
    /** Member cards: EAN-13 in the GS1 in-store range with the chain prefix 2412. */
    public static final String MEMBER_CARD_PATTERN = "^2412[0-9]{9}$";

    private TillFiles() {}

    /** Writes the setup into {@code dir} and returns its config file. */
    public static Path write(Path dir, Path scannerPort) {
        try {
            Files.createDirectories(dir);
            Path voucherKey = dir.resolve("voucher-key");
            if (!Files.exists(voucherKey)) {
                writeSecret(voucherKey);
            }
            try (InputStream in = TillFiles.class.getResourceAsStream("campaigns.json")) {
                if (in == null) {
                    throw new IllegalStateException("campaigns.json missing beside TillFiles in the test resources");
                }
                Files.copy(in, dir.resolve("campaigns.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path config = dir.resolve("terminal.conf");
            Files.writeString(config, """
                    # Written by the daemon's tests; see docs/configuration.md.
                    terminal.id = demo-till-01
                    store.id = demo-store
                    chain.id = demo-chain
                    data.dir = data
                    campaigns.file = campaigns.json
                    scanner.port = %s
                    scanner.terminator = CR
                    member.card.1.pattern = %s
                    member.card.1.symbologies = EAN_13
                    receipt.pattern = ^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$
                    control.close-visit = CLOSE-VISIT
                    # The tests run on a machine whose clock is kept by its OS: trust it.
                    clock.sync-flag = terminal.conf
                    terminal.number = 12
                    voucher.key-file = voucher-key
                    voucher.header = Demo Coffee & Bakery|Hauptstraße 5, Köln
                    voucher.terms = Not exchangeable for cash. One voucher per visit.
                    # Off by default: tests run beside each other and beside a till's own daemon,
                    # which listens on the default 127.0.0.1:8088.
                    status.listen = off
                    """.formatted(scannerPort.toAbsolutePath(), MEMBER_CARD_PATTERN));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test terminal's files into " + dir, e);
        }
    }

    /** Turns the status page on, on loopback at {@code port} (pick a free one). */
    public static Path withStatusPage(Path config, int port) {
        try {
            String text = Files.readString(config);
            if (!text.contains("status.listen = off\n")) {
                throw new IllegalStateException(config + " has no 'status.listen = off' line to replace");
            }
            Files.writeString(
                    config, text.replace("status.listen = off\n", "status.listen = 127.0.0.1:" + port + "\n"));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot turn the status page on in " + config, e);
        }
    }

    /** A receipt barcode payload in the configured format. */
    public static String receipt(long receiptNumber, long cents) {
        return String.format("RC%010d%07d", receiptNumber, cents);
    }

    /** A member card number with the chain prefix and a valid EAN-13 check digit. */
    public static String memberCard(long serial) {
        String body = String.format("2412%08d", serial);
        return body + gtinCheckDigit(body);
    }

    private static char gtinCheckDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static void writeSecret(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
