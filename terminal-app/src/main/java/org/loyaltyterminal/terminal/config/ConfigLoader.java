package org.loyaltyterminal.terminal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.card.CardSecret;
import org.loyaltyterminal.terminal.card.UnknownCardPolicy;
import org.loyaltyterminal.terminal.visit.CardFormat;
import org.loyaltyterminal.terminal.visit.ReceiptFormat;

/**
 * Reads and validates the daemon's config file. Relative paths are resolved against the
 * config file's folder, so a config and its campaign file can travel together.
 * The keys are documented in docs/configuration.md.
 */
public final class ConfigLoader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final int MAX_CARD_FORMATS = 9;

    private final ZoneId systemZone;

    /** Uses the system's time zone where {@code store.time-zone} is not set. */
    public ConfigLoader() {
        this(ZoneId.systemDefault());
    }

    public ConfigLoader(ZoneId systemZone) {
        this.systemZone = systemZone;
    }

    public TerminalConfig load(Path file) {
        ConfigFile config = ConfigFile.read(file);
        TerminalConfig result = build(config);
        config.rejectUnknownKeys();
        return result;
    }

    TerminalConfig build(ConfigFile c) {
        Path base = c.source().toAbsolutePath().getParent();
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
                throw c.invalid(key, c.optional(key).orElse(""),
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

        Pattern voucher = regex(c, "voucher.pattern", c.optional("voucher.pattern").orElse("^V[0-9A-HJ-NP-Z]{11,15}$"));
        String closeCode = c.optional("control.close-visit").orElse("CLOSE-VISIT");

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
                OperationsKeys.timeZone(c, systemZone),
                OperationsKeys.status(c, base),
                OperationsKeys.gpio(c));
    }

    private static ScannerSettings scanner(ConfigFile c, Path base) {
        ScannerSettings settings = ScannerSettings.defaults(base.resolve(c.required("scanner.port", "/dev/ttyACM0")))
                .withBaud(intIn(c, "scanner.baud", 9600, 300, 921_600))
                .withDataBits(intIn(c, "scanner.data-bits", 8, 5, 8))
                .withParity(ScannerSettings.Parity.valueOf(
                        oneOf(c, "scanner.parity", "none", Set.of("none", "even", "odd", "mark", "space")).toUpperCase(Locale.ROOT)))
                .withStopBits(switch (oneOf(c, "scanner.stop-bits", "1", Set.of("1", "1.5", "2"))) {
                    case "1.5" -> ScannerSettings.StopBits.ONE_POINT_FIVE;
                    case "2" -> ScannerSettings.StopBits.TWO;
                    default -> ScannerSettings.StopBits.ONE;
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
        return c.optional("scanner.suffix").map(s -> withValue(c, "scanner.suffix", s, current::withSuffix)).orElse(current);
    }

    private static Optional<NfcConfig> nfc(ConfigFile c, Path base) {
        String kind = oneOf(c, "nfc.reader", "none", Set.of("none", "pn532", "pcsc"));
        if (kind.equals("none")) {
            for (String key : c.keysStartingWith("nfc.")) {
                if (!key.equals("nfc.reader")) {
                    throw c.invalid(key, c.optional(key).orElse(""), "it has no effect while nfc.reader is none; "
                            + "set nfc.reader = pn532 or pcsc, or remove it");
                }
            }
            return Optional.empty();
        }
        NfcConfig.Kind readerKind = kind.equals("pn532") ? NfcConfig.Kind.PN532 : NfcConfig.Kind.PCSC;
        Optional<Path> port = readerKind == NfcConfig.Kind.PN532
                ? Optional.of(base.resolve(c.required("nfc.port", "/dev/serial0")))
                : Optional.empty();
        String filter = readerKind == NfcConfig.Kind.PCSC ? c.optional("nfc.pcsc.reader").orElse("") : "";
        Optional<Path> library = readerKind == NfcConfig.Kind.PCSC
                ? c.optional("nfc.pcsc.library").map(base::resolve)
                : Optional.empty();
        boolean readNdef = Boolean.parseBoolean(oneOf(c, "nfc.read-ndef", "false", Set.of("true", "false")));
        Duration absent = Duration.ofMillis(intIn(c, "nfc.absent-ms", 1_000, 100, 60_000));
        UnknownCardPolicy unknown = UnknownCardPolicy.valueOf(
                oneOf(c, "nfc.unknown-card", "enrol", Set.of("enrol", "link-next", "refuse")).toUpperCase(Locale.ROOT).replace('-', '_'));
        String secretKey = "nfc.secret-file";
        String secretPath = c.required(secretKey, "/etc/loyalty-terminal/card-secret");
        CardSecret secret;
        try {
            secret = CardSecret.read(base.resolve(secretPath));
        } catch (IllegalArgumentException e) {
            throw c.invalid(secretKey, secretPath, e.getMessage());
        }
        return Optional.of(new NfcConfig(readerKind, c.optional("nfc.name").orElse("nfc"), port, filter, library, readNdef,
                absent, unknown, secret));
    }

    private static ScannerSettings withValue(ConfigFile c, String key, String value,
                                             java.util.function.Function<String, ScannerSettings> apply) {
        try {
            return apply.apply(value);
        } catch (IllegalArgumentException e) {
            throw c.invalid(key, value, e.getMessage());
        }
    }

    private static String identifier(ConfigFile c, String key, String example) {
        String value = c.required(key, example);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw c.invalid(key, value, "use 1 to 32 letters, digits, '-' or '_', for example '" + example + "'");
        }
        return value;
    }

    private static int intIn(ConfigFile c, String key, int defaultValue, int min, int max) {
        var text = c.optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw c.invalid(key, text.get(), "use a whole number from " + min + " to " + max
                        + " (default " + defaultValue + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw c.invalid(key, text.get(), "use a whole number from " + min + " to " + max
                    + " (default " + defaultValue + ")");
        }
    }

    private static String oneOf(ConfigFile c, String key, String defaultValue, Set<String> allowed) {
        String value = c.optional(key).orElse(defaultValue);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw c.invalid(key, value, "use one of " + new java.util.TreeSet<>(allowed) + " (default " + defaultValue + ")");
    }

    private static Pattern regex(ConfigFile c, String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw c.invalid(key, value, "not a valid regular expression: " + e.getDescription()
                    + " at index " + e.getIndex());
        }
    }

    private static Set<Symbology> symbologies(ConfigFile c, String key) {
        var text = c.optional(key);
        if (text.isEmpty()) {
            return Set.of();
        }
        Set<Symbology> result = EnumSet.noneOf(Symbology.class);
        for (String part : text.get().split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                result.add(Symbology.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw c.invalid(key, text.get(), "'" + part.strip() + "' is not a symbology; use a comma-separated list of "
                        + java.util.Arrays.toString(Symbology.values()));
            }
        }
        return result;
    }
}
