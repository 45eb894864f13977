package org.loyaltyterminal.terminal.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.core.config.KeyValueFile;
import org.loyaltyterminal.core.voucher.ForeignVoucherPolicy;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherKey;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.print.TcpPrinterLink;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.device.serial.LineSettings;
import org.loyaltyterminal.terminal.card.CardSecret;
import org.loyaltyterminal.terminal.card.UnknownCardPolicy;
import org.loyaltyterminal.terminal.visit.CardFormat;
import org.loyaltyterminal.terminal.visit.ReceiptFormat;
import org.loyaltyterminal.terminal.visit.RefundFormat;
import org.loyaltyterminal.terminal.voucher.VoucherBarcode;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;
import org.loyaltyterminal.terminal.voucher.VoucherKeyFile;

/**
 * Reads and validates the daemon's config file. Relative paths are resolved against the
 * config file's folder, so a config and its campaign file can travel together.
 * The keys are documented in docs/configuration.md.
 */
public final class ConfigLoader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final int MAX_CARD_FORMATS = 9;
    /**
     * The printed form XXXX-XXXX-XXXX-XXXX, or the 16 symbols typed without dashes; a run of 16
     * digits alone is left to products, since a code of only digits is rare enough to ignore.
     */
    public static final String DEFAULT_VOUCHER_PATTERN =
            "^[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){3}$|^(?=[0-9]*[A-Za-z])[0-9A-Za-z]{16}$";

    private final ZoneId systemZone;

    /** Uses the system's time zone where {@code store.time-zone} is not set. */
    public ConfigLoader() {
        this(ZoneId.systemDefault());
    }

    public ConfigLoader(ZoneId systemZone) {
        this.systemZone = systemZone;
    }

    public TerminalConfig load(Path file) {
        KeyValueFile config = KeyValueFile.parse(file.toString(), readLines(file));
        TerminalConfig result = build(config, file.toAbsolutePath().getParent());
        config.rejectUnknownKeys();
        return result;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist; pass an existing file with --config");
        } catch (MalformedInputException e) {
            throw new ConfigException("config file " + file + " is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read (" + e.getMessage()
                    + "); check that the service user may read it");
        }
    }

    TerminalConfig build(KeyValueFile c, Path base) {
        String terminalId = identifier(c, "terminal.id", "till-01");
        String storeId = identifier(c, "store.id", "store-0042");
        String chainId = identifier(c, "chain.id", "acme");
        Path dataDir = base.resolve(c.required("data.dir", "/var/lib/loyalty-terminal"));
        Path campaigns = base.resolve(c.required("campaigns.file", "/etc/loyalty-terminal/campaigns.json"));

        ScannerSettings scanner = scanner(c, base);
        Optional<NfcConfig> nfc = nfc(c, base);

        List<CardFormat> cards = new ArrayList<>();
        for (int n = 1; n <= MAX_CARD_FORMATS; n++) {
            String key = "member.card." + n + ".pattern";
            String symbologiesKey = "member.card." + n + ".symbologies";
            var pattern = c.optional(key);
            var symbologies = c.optional(symbologiesKey);
            if (pattern.isEmpty()) {
                if (symbologies.isPresent()) {
                    throw c.invalid(symbologiesKey, symbologies.get(), "set '" + key + "' too, or remove this key");
                }
                continue;
            }
            cards.add(new CardFormat(regex(c, key, pattern.get()), symbologies(c, symbologiesKey)));
        }
        for (String key : c.keysStartingWith("member.card.")) {
            c.optional(key); // numbered keys beyond the range are reported as unknown below
            if (!key.matches("member\\.card\\.[1-9]\\.(pattern|symbologies)")) {
                throw c.invalid(
                        key,
                        c.optional(key).orElse(""),
                        "member card formats are numbered 1 to " + MAX_CARD_FORMATS
                                + ": use member.card.N.pattern and member.card.N.symbologies");
            }
        }
        if (cards.isEmpty()) {
            throw new ConfigException(c.source() + ": no member card format is configured; add for example "
                    + "'member.card.1.pattern = ^2412[0-9]{9}$' (EAN-13 in the in-store range with the chain prefix)");
        }

        String receiptKey = "receipt.pattern";
        String receiptText = c.optional(receiptKey).orElse("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$");
        Pattern receiptPattern = regex(c, receiptKey, receiptText);
        ReceiptFormat receipt;
        try {
            receipt = new ReceiptFormat(receiptPattern);
        } catch (IllegalArgumentException e) {
            throw c.invalid(receiptKey, receiptText, e.getMessage());
        }

        String refundKey = "receipt.refund-pattern";
        Optional<RefundFormat> refund = Optional.empty();
        if (c.optional(refundKey).isPresent()) {
            String refundText = c.optional(refundKey).get();
            try {
                refund = Optional.of(new RefundFormat(regex(c, refundKey, refundText)));
            } catch (IllegalArgumentException e) {
                throw c.invalid(refundKey, refundText, e.getMessage());
            }
        }

        Pattern voucher =
                regex(c, "voucher.pattern", c.optional("voucher.pattern").orElse(DEFAULT_VOUCHER_PATTERN));
        String closeCode = c.optional("control.close-visit").orElse("CLOSE-VISIT");
        Optional<PrinterConfig> printer = printer(c, base);
        ZoneId timeZone = OperationsKeys.timeZone(c, systemZone);
        VoucherConfig vouchers = vouchers(c, base, timeZone);
        if (vouchers.barcode() != VoucherBarcode.QR
                && printer.isPresent()
                && printer.get().settings().lineWidth() < PrinterSettings.LINE_WIDTH_80_MM) {
            throw c.invalid(
                    "voucher.barcode",
                    vouchers.barcode().name().toLowerCase(Locale.ROOT),
                    "a CODE128 voucher code "
                            + "needs 80 mm paper (" + PrinterSettings.LINE_WIDTH_80_MM
                            + " characters per line); on 58 mm paper use "
                            + "voucher.barcode = qr");
        }
        if (vouchers.reprintCode().equals(closeCode)) {
            throw c.invalid(
                    "control.reprint-voucher",
                    vouchers.reprintCode(),
                    "it equals control.close-visit; give each " + "control barcode its own payload");
        }

        return new TerminalConfig(
                terminalId,
                storeId,
                chainId,
                dataDir,
                campaigns,
                scanner,
                nfc,
                cards,
                receipt,
                voucher,
                closeCode,
                Duration.ofSeconds(intIn(c, "visit.timeout-seconds", 120, 5, 3_600)),
                Duration.ofMillis(intIn(c, "scan.debounce-ms", 1_500, 0, 60_000)),
                base.resolve(c.optional("clock.sync-flag").orElse("/run/systemd/timesync/synchronized")),
                printer,
                vouchers,
                timeZone,
                OperationsKeys.status(c, base),
                OperationsKeys.gpio(c),
                HqKeys.read(c, base),
                refund);
    }

    private static Optional<PrinterConfig> printer(KeyValueFile c, Path base) {
        String transport = oneOf(c, "printer.transport", "none", Set.of("none", "tcp", "serial", "device-file"));
        if (transport.equals("none")) {
            for (String key : c.keysStartingWith("printer.")) {
                if (!key.equals("printer.transport")) {
                    throw c.invalid(
                            key,
                            c.optional(key).orElse(""),
                            "it has no effect while printer.transport is none; "
                                    + "set printer.transport = tcp, serial or device-file, or remove it");
                }
            }
            return Optional.empty();
        }
        int paper = Integer.parseInt(oneOf(c, "printer.paper-mm", "80", Set.of("58", "80")));
        int columns = intIn(
                c,
                "printer.characters-per-line",
                paper == 58 ? PrinterSettings.LINE_WIDTH_58_MM : PrinterSettings.LINE_WIDTH_80_MM,
                16,
                128);
        CodePage codePage = switch (oneOf(c, "printer.code-page", "pc858", Set.of("pc858", "wpc1252"))) {
            case "wpc1252" -> CodePage.WPC1252;
            default -> CodePage.PC858;
        };
        if (c.optional("printer.code-page-number").isPresent()) {
            codePage =
                    new CodePage(intIn(c, "printer.code-page-number", codePage.number(), 0, 255), codePage.charset());
        }
        PrinterSettings settings = PrinterSettings.defaults()
                .withName(c.optional("printer.name").orElse("printer"))
                .withLineWidth(columns)
                .withCodePage(codePage)
                .withQueueCapacity(intIn(c, "printer.queue", PrinterSettings.DEFAULT_QUEUE_CAPACITY, 1, 1_000));
        Duration writeTimeout = Duration.ofMillis(intIn(c, "printer.write-timeout-ms", 5_000, 100, 60_000));
        PrinterConfig.Link link = switch (transport) {
            case "tcp" ->
                new PrinterConfig.Link.Tcp(
                        address(c, "printer.address"),
                        Duration.ofMillis(intIn(c, "printer.connect-timeout-ms", 2_000, 100, 60_000)),
                        writeTimeout);
            case "serial" ->
                new PrinterConfig.Link.Serial(
                        base.resolve(c.required("printer.port", "/dev/ttyUSB1")),
                        intIn(c, "printer.baud", 19_200, 300, 921_600),
                        writeTimeout);
            default -> new PrinterConfig.Link.DeviceFile(base.resolve(c.required("printer.device", "/dev/usb/lp0")));
        };
        return Optional.of(new PrinterConfig(settings, link));
    }

    private static InetSocketAddress address(KeyValueFile c, String key) {
        String text = c.required(key, "192.168.1.50:9100");
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = TcpPrinterLink.DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw c.invalid(key, text, "use host:port, for example '192.168.1.50:9100' (the port defaults to 9100)");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw c.invalid(
                    key,
                    text,
                    "host '" + host + "' cannot be resolved; give the printer a fixed IP address "
                            + "and use it here, so printing does not depend on name service");
        }
        return address;
    }

    private static VoucherConfig vouchers(KeyValueFile c, Path base, ZoneId zone) {
        var keyFile = c.optional("voucher.key-file");
        if (keyFile.isEmpty()) {
            for (String key : c.keysStartingWith("voucher.")) {
                if (!key.equals("voucher.pattern")) {
                    throw c.invalid(
                            key,
                            c.optional(key).orElse(""),
                            "it has no effect without voucher.key-file; set "
                                    + "voucher.key-file to the chain's voucher key, or remove it");
                }
            }
            c.optional("terminal.number");
            return VoucherConfig.off(zone);
        }
        VoucherKey key;
        try {
            key = VoucherKeyFile.read(base.resolve(keyFile.get()));
        } catch (IllegalArgumentException e) {
            throw c.invalid("voucher.key-file", keyFile.get(), e.getMessage());
        }
        if (c.optional("terminal.number").isEmpty()) {
            throw new ConfigException(c.source()
                    + ": terminal.number is missing; vouchers need this till's number in the " + "chain (0 to "
                    + VoucherCode.MAX_TERMINAL + ", unique per chain), for example 'terminal.number = 12'");
        }
        int number = intIn(c, "terminal.number", 0, 0, VoucherCode.MAX_TERMINAL);
        Set<Integer> store = new TreeSet<>();
        store.add(number);
        var storeText = c.optional("voucher.store-terminals");
        if (storeText.isPresent()) {
            for (String part : storeText.get().split(",", -1)) {
                if (part.isBlank()) {
                    continue; // "1,2," or "1,,2": an empty place in the list names no terminal
                }
                try {
                    int n = Integer.parseInt(part.strip());
                    if (n < 0 || n > VoucherCode.MAX_TERMINAL) {
                        throw new NumberFormatException();
                    }
                    store.add(n);
                } catch (NumberFormatException e) {
                    throw c.invalid(
                            "voucher.store-terminals",
                            storeText.get(),
                            "'" + part.strip() + "' is not a terminal "
                                    + "number; list the numbers of this store's tills, comma-separated, each 0 to "
                                    + VoucherCode.MAX_TERMINAL);
                }
            }
        }
        String policyKey = "voucher.foreign-policy";
        ForeignVoucherPolicy foreign = switch (oneOf(
                c, policyKey, "up-to-value", Set.of("accept", "refuse", "up-to-value"))) {
            case "accept" -> new ForeignVoucherPolicy.Accept();
            case "refuse" -> new ForeignVoucherPolicy.Refuse();
            default -> new ForeignVoucherPolicy.UpToValue(intIn(c, "voucher.foreign-max-cents", 1_000, 0, 1_000_000));
        };
        if (!(foreign instanceof ForeignVoucherPolicy.UpToValue)
                && c.optional("voucher.foreign-max-cents").isPresent()) {
            throw c.invalid(
                    "voucher.foreign-max-cents",
                    c.optional("voucher.foreign-max-cents").get(),
                    "it applies only with voucher.foreign-policy = up-to-value; remove it or change the policy");
        }
        List<String> header = c.optional("voucher.header")
                .map(h -> Arrays.stream(h.split("\\|"))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList())
                .orElse(List.of());
        VoucherBarcode barcode =
                VoucherBarcode.valueOf(oneOf(c, "voucher.barcode", "qr", Set.of("qr", "code128", "both"))
                        .toUpperCase(Locale.ROOT));
        String reprint = c.optional("control.reprint-voucher").orElse("REPRINT-VOUCHER");
        return new VoucherConfig(
                Optional.of(key),
                number,
                store,
                foreign,
                header,
                c.optional("voucher.terms").filter(t -> !t.isBlank()),
                barcode,
                reprint,
                c.optional("voucher.currency").orElse("€"),
                zone);
    }

    private static ScannerSettings scanner(KeyValueFile c, Path base) {
        ScannerSettings settings = ScannerSettings.defaults(base.resolve(c.required("scanner.port", "/dev/ttyACM0")))
                .withBaud(intIn(c, "scanner.baud", 9600, 300, 921_600))
                .withDataBits(intIn(c, "scanner.data-bits", 8, 5, 8))
                .withParity(LineSettings.Parity.valueOf(
                        oneOf(c, "scanner.parity", "none", Set.of("none", "even", "odd", "mark", "space"))
                                .toUpperCase(Locale.ROOT)))
                .withStopBits(
                        switch (oneOf(c, "scanner.stop-bits", "1", Set.of("1", "1.5", "2"))) {
                            case "1.5" -> LineSettings.StopBits.ONE_POINT_FIVE;
                            case "2" -> LineSettings.StopBits.TWO;
                            default -> LineSettings.StopBits.ONE;
                        })
                .withTerminator(ScannerSettings.Terminator.valueOf(
                        oneOf(c, "scanner.terminator", "CR", Set.of("CR", "LF", "CRLF", "NONE"))))
                .withInterCharGap(Duration.ofMillis(intIn(c, "scanner.gap-ms", 50, 5, 5_000)))
                .withMaxLineLength(intIn(c, "scanner.max-length", 128, 8, 4_096));
        var name = c.optional("scanner.name");
        if (name.isPresent()) {
            settings = withValue(c, "scanner.name", name.get(), settings::withName);
        }
        var prefix = c.optional("scanner.prefix");
        if (prefix.isPresent()) {
            settings = withValue(c, "scanner.prefix", prefix.get(), settings::withPrefix);
        }
        ScannerSettings current = settings;
        return c.optional("scanner.suffix")
                .map(s -> withValue(c, "scanner.suffix", s, current::withSuffix))
                .orElse(current);
    }

    private static Optional<NfcConfig> nfc(KeyValueFile c, Path base) {
        String kind = oneOf(c, "nfc.reader", "none", Set.of("none", "pn532", "pcsc"));
        if (kind.equals("none")) {
            for (String key : c.keysStartingWith("nfc.")) {
                if (!key.equals("nfc.reader")) {
                    throw c.invalid(
                            key,
                            c.optional(key).orElse(""),
                            "it has no effect while nfc.reader is none; "
                                    + "set nfc.reader = pn532 or pcsc, or remove it");
                }
            }
            return Optional.empty();
        }
        NfcConfig.Kind readerKind = kind.equals("pn532") ? NfcConfig.Kind.PN532 : NfcConfig.Kind.PCSC;
        Optional<Path> port = readerKind == NfcConfig.Kind.PN532
                ? Optional.of(base.resolve(c.required("nfc.port", "/dev/serial0")))
                : Optional.empty();
        String filter = readerKind == NfcConfig.Kind.PCSC
                ? c.optional("nfc.pcsc.reader").orElse("")
                : "";
        Optional<Path> library = readerKind == NfcConfig.Kind.PCSC
                ? c.optional("nfc.pcsc.library").map(base::resolve)
                : Optional.empty();
        boolean readNdef = Boolean.parseBoolean(oneOf(c, "nfc.read-ndef", "false", Set.of("true", "false")));
        Duration absent = Duration.ofMillis(intIn(c, "nfc.absent-ms", 1_000, 100, 60_000));
        UnknownCardPolicy unknown =
                UnknownCardPolicy.valueOf(oneOf(c, "nfc.unknown-card", "enrol", Set.of("enrol", "link-next", "refuse"))
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_'));
        String secretKey = "nfc.secret-file";
        String secretPath = c.required(secretKey, "/etc/loyalty-terminal/card-secret");
        CardSecret secret;
        try {
            secret = CardSecret.read(base.resolve(secretPath));
        } catch (IllegalArgumentException e) {
            throw c.invalid(secretKey, secretPath, e.getMessage());
        }
        return Optional.of(new NfcConfig(
                readerKind,
                c.optional("nfc.name").orElse("nfc"),
                port,
                filter,
                library,
                readNdef,
                absent,
                unknown,
                secret));
    }

    private static ScannerSettings withValue(
            KeyValueFile c, String key, String value, Function<String, ScannerSettings> apply) {
        try {
            return apply.apply(value);
        } catch (IllegalArgumentException e) {
            throw c.invalid(key, value, e.getMessage());
        }
    }

    private static String identifier(KeyValueFile c, String key, String example) {
        String value = c.required(key, example);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw c.invalid(key, value, "use 1 to 32 letters, digits, '-' or '_', for example '" + example + "'");
        }
        return value;
    }

    private static int intIn(KeyValueFile c, String key, int defaultValue, int min, int max) {
        var text = c.optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw c.invalid(
                        key,
                        text.get(),
                        "use a whole number from " + min + " to " + max + " (default " + defaultValue + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw c.invalid(
                    key,
                    text.get(),
                    "use a whole number from " + min + " to " + max + " (default " + defaultValue + ")");
        }
    }

    private static String oneOf(KeyValueFile c, String key, String defaultValue, Set<String> allowed) {
        String value = c.optional(key).orElse(defaultValue);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw c.invalid(key, value, "use one of " + new TreeSet<>(allowed) + " (default " + defaultValue + ")");
    }

    private static Pattern regex(KeyValueFile c, String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw c.invalid(
                    key, value, "not a valid regular expression: " + e.getDescription() + " at index " + e.getIndex());
        }
    }

    private static Set<Symbology> symbologies(KeyValueFile c, String key) {
        var text = c.optional(key);
        if (text.isEmpty()) {
            return Set.of();
        }
        Set<Symbology> result = EnumSet.noneOf(Symbology.class);
        for (String part : text.get().split(",", -1)) {
            if (part.isBlank()) {
                continue;
            }
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                result.add(Symbology.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw c.invalid(
                        key,
                        text.get(),
                        "'" + part.strip() + "' is not a symbology; use a comma-separated list of "
                                + Arrays.toString(Symbology.values()));
            }
        }
        return result;
    }
}
