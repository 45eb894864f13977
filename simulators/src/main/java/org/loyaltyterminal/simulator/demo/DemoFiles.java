package org.loyaltyterminal.simulator.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes a complete, valid terminal setup into a folder: config, campaign file and data folder,
 * with the scanner on a given (emulated) port. Used by the demo, the benchmark and the tests, so
 * all three exercise the same files a real till would have.
 */
public final class DemoFiles {
    /** Member cards: EAN-13 in the GS1 in-store range with the chain prefix 2412. */
    public static final String MEMBER_CARD_PATTERN = "^2412[0-9]{9}$";

    private DemoFiles() {}

    public static Path write(Path dir, Path scannerPort) {
        return write(dir, scannerPort, "");
    }

    /**
     * The same with a PN532 card reader on {@code nfcPort}: NDEF member numbers are read, an
     * unknown card links to the member card scanned next, and the chain secret is a fresh random
     * one in {@code card-secret} (owner-only).
     */
    public static Path writeWithCardReader(Path dir, Path scannerPort, Path nfcPort, String unknownCardPolicy) {
        try {
            Files.createDirectories(dir);
            writeSecret(dir.resolve("card-secret"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo card secret into " + dir, e);
        }
        return write(dir, scannerPort, """
                nfc.reader = pn532
                nfc.port = %s
                nfc.read-ndef = true
                nfc.absent-ms = 200
                nfc.unknown-card = %s
                nfc.secret-file = card-secret
                """.formatted(nfcPort.toAbsolutePath(), unknownCardPolicy));
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

    /**
     * Makes the demo till another till of the same chain: its store, terminal id and terminal
     * number (which voucher codes carry, so two tills must not share it).
     */
    public static Path asTill(Path config, String storeId, String terminalId, int terminalNumber) {
        try {
            String text = Files.readString(config);
            Map<String, String> lines = Map.of(
                    "terminal.id = demo-till-01\n", "terminal.id = " + terminalId + "\n",
                    "store.id = demo-store\n", "store.id = " + storeId + "\n",
                    "terminal.number = 12\n", "terminal.number = " + terminalNumber + "\n");
            String changed = text;
            for (Map.Entry<String, String> line : lines.entrySet()) {
                if (!changed.contains(line.getKey())) {
                    throw new IllegalStateException(
                            config + " has no '" + line.getKey().strip() + "' line to replace");
                }
                changed = changed.replace(line.getKey(), line.getValue());
            }
            Files.writeString(config, changed);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change the till's identity in " + config, e);
        }
    }

    /** Prints vouchers to a raw-TCP printer at {@code printer} (host:port). */
    public static Path withPrinter(Path config, InetSocketAddress printer) {
        try {
            Files.writeString(
                    config, Files.readString(config) + """
                    printer.transport = tcp
                    printer.address = %s:%d
                    printer.paper-mm = 58
                    printer.connect-timeout-ms = 500
                    printer.write-timeout-ms = 2000
                    """.formatted(printer.getHostString(), printer.getPort()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the printer to " + config, e);
        }
    }

    private static void writeSecret(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static Path write(Path dir, Path scannerPort, String extraLines) {
        try {
            Files.createDirectories(dir);
            Path voucherKey = dir.resolve("voucher-key");
            if (!Files.exists(voucherKey)) {
                writeSecret(voucherKey);
            }
            Path campaigns = dir.resolve("campaigns.json");
            try (InputStream in = DemoFiles.class.getResourceAsStream("campaigns.json")) {
                if (in == null) {
                    throw new IllegalStateException("demo campaigns.json missing from the jar");
                }
                Files.copy(in, campaigns, StandardCopyOption.REPLACE_EXISTING);
            }
            Path config = dir.resolve("terminal.conf");
            Files.writeString(config, """
                    # Written by loyalty-simulators for the demo and benchmark; see docs/configuration.md.
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
                    # The demo runs on a PC whose clock is kept by its OS: trust it.
                    clock.sync-flag = terminal.conf
                    terminal.number = 12
                    voucher.key-file = voucher-key
                    voucher.header = Demo Coffee & Bakery|Hauptstraße 5, Köln
                    voucher.terms = Not exchangeable for cash. One voucher per visit.
                    # Off by default: the demo, the benchmark and the tests run beside each other and
                    # beside a till's own daemon, which listens on the default 127.0.0.1:8088.
                    status.listen = off
                    """.formatted(scannerPort.toAbsolutePath(), MEMBER_CARD_PATTERN) + extraLines);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo files into " + dir, e);
        }
    }

    /** A receipt barcode payload in the demo format. */
    public static String receipt(long receiptNumber, long cents) {
        return String.format("RC%010d%07d", receiptNumber, cents);
    }

    /** A member card number with the chain prefix and a valid EAN-13 check digit. */
    public static String memberCard(long serial) {
        String body = String.format("2412%08d", serial);
        return body + gtinCheckDigit(body);
    }

    static char gtinCheckDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
