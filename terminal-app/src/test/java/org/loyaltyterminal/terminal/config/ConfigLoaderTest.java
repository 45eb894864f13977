package org.loyaltyterminal.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.card.UnknownCardPolicy;
import org.loyaltyterminal.terminal.visit.RefundFormat;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            # a till in the demo store
            terminal.id = till-01
            store.id = store-0042
            chain.id = acme
            data.dir = data
            campaigns.file = campaigns.json
            scanner.port = /dev/ttyACM0
            member.card.1.pattern = ^2412[0-9]{9}$
            """;

    @TempDir
    Path dir;

    private TerminalConfig load(String text) throws IOException {
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, text);
        return new ConfigLoader().load(file);
    }

    @Test
    void minimalConfigGetsDocumentedDefaultsAndRelativePathsResolveAgainstTheFile() throws IOException {
        TerminalConfig config = load(MINIMAL);
        assertEquals("till-01", config.terminalId());
        assertEquals(dir.resolve("data"), config.dataDir());
        assertEquals(dir.resolve("campaigns.json"), config.campaignsFile());
        assertEquals(9600, config.scanner().baud());
        assertEquals(Path.of("/dev/ttyACM0"), config.scanner().port());
        assertEquals(ScannerSettings.Terminator.CR, config.scanner().terminator());
        assertEquals(128, config.scanner().maxLineLength());
        assertEquals(Duration.ofMillis(1500), config.debounce());
        assertEquals(Duration.ofMinutes(2), config.visitTimeout());
        assertEquals(
                "^2412[0-9]{9}$",
                config.memberCards().getFirst().pattern().pattern(), "backslash-free pattern taken verbatim");
    }

    @Test
    void backslashesInPatternsAreKeptVerbatim() throws IOException {
        TerminalConfig config = load(
                MINIMAL.replace("^2412[0-9]{9}$", "^M\\d{8}$") + "member.card.1.symbologies = code_128, GS1-128\n");
        assertEquals("^M\\d{8}$", config.memberCards().getFirst().pattern().pattern());
        assertEquals(
                Set.of(Symbology.CODE_128, Symbology.GS1_128),
                config.memberCards().getFirst().symbologies());
    }

    @Test
    void aRefundPatternIsOptionalAndParsesRefundsOfTheOriginalReceipt() throws IOException {
        assertEquals(Optional.empty(), load(MINIMAL).refund(), "off by default");
        TerminalConfig config = load(
                MINIMAL + "receipt.refund-pattern = ^RF(?<id>[0-9]{6})(?<original>[0-9]{10})(?<cents>-?[0-9]{7})$\n");
        assertEquals(
                Optional.of(new RefundFormat.RefundScanned("000042", "0000000007", 1299)),
                config.refund().orElseThrow().parse("RF0000420000000007-0001299"));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(
                        "missing terminal id",
                        MINIMAL.replace("terminal.id = till-01\n", ""),
                        "required key 'terminal.id' is missing"),
                Arguments.of("typo in a key", MINIMAL + "scaner.baud = 9600\n", "unknown key 'scaner.baud'"),
                Arguments.of(
                        "typo in an optional key names the known one",
                        MINIMAL + "scanner.bad = 9600\n",
                        "unknown key 'scanner.bad'; did you mean 'scanner.baud'?"),
                Arguments.of(
                        "typo in a required key names the typo, not only 'missing'",
                        MINIMAL.replace("terminal.id = till-01", "termnal.id = till-01"),
                        "required key 'terminal.id' is missing; line 2 sets 'termnal.id', which is no key: did you mean"
                                + " 'terminal.id'?"),
                Arguments.of(
                        "repeated key",
                        MINIMAL + "scanner.port = /dev/ttyUSB0\n",
                        "key 'scanner.port' is already set on line 7"),
                Arguments.of(
                        "baud not a number",
                        MINIMAL + "scanner.baud = fast\n",
                        "key 'scanner.baud' (line 9) has value 'fast'; use a whole number"),
                Arguments.of("baud out of range", MINIMAL + "scanner.baud = 10\n", "from 300 to 921600"),
                Arguments.of(
                        "bad terminator", MINIMAL + "scanner.terminator = TAB\n", "use one of [CR, CRLF, LF, NONE]"),
                Arguments.of(
                        "bad card regex",
                        MINIMAL.replace("^2412[0-9]{9}$", "^2412[0-9{9}$"),
                        "not a valid regular expression"),
                Arguments.of(
                        "no card format",
                        MINIMAL.replace("member.card.1.pattern = ^2412[0-9]{9}$\n", ""),
                        "no member card format is configured"),
                Arguments.of("card format numbered 10", MINIMAL + "member.card.10.pattern = x\n", "numbered 1 to 9"),
                Arguments.of(
                        "receipt without amount group",
                        MINIMAL + "receipt.pattern = ^R(?<id>[0-9]+)$\n",
                        "named groups (?<id>...) and (?<cents>...)"),
                Arguments.of(
                        "refund without the original receipt",
                        MINIMAL + "receipt.refund-pattern = ^RF(?<id>[0-9]+)-(?<cents>[0-9]+)$\n",
                        "(?<original>...)"),
                Arguments.of(
                        "unknown symbology",
                        MINIMAL + "member.card.1.symbologies = EAN13X\n",
                        "'EAN13X' is not a symbology"),
                Arguments.of(
                        "bad terminal id",
                        MINIMAL.replace("till-01", "till 01"),
                        "key 'terminal.id' (line 2) has value 'till 01'"),
                Arguments.of(
                        "prefix with a control character",
                        MINIMAL + "scanner.prefix = \u0001\n",
                        "key 'scanner.prefix'"),
                Arguments.of("line without =", MINIMAL + "scanner.port\n", "expected 'key = value'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigNamesTheKeyAndTheFix(String name, String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains("terminal.conf"), "names the file: " + e.getMessage());
    }

    private Path secret(String content, String permissions) throws IOException {
        Path file = dir.resolve("card-secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aPn532ReaderWithItsSecret() throws IOException {
        secret("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", "rw-r-----");
        TerminalConfig config = load(MINIMAL + """
                nfc.reader = pn532
                nfc.port = /dev/serial0
                nfc.secret-file = card-secret
                nfc.unknown-card = link-next
                nfc.read-ndef = true
                """);
        NfcConfig nfc = config.nfc().orElseThrow();
        assertEquals(NfcConfig.Kind.PN532, nfc.kind());
        assertEquals(Path.of("/dev/serial0"), nfc.port().orElseThrow());
        assertEquals(UnknownCardPolicy.LINK_NEXT, nfc.unknownCards());
        assertTrue(nfc.readNdef());
        assertEquals("CardSecret(32 bytes)", nfc.secret().toString(), "the secret never shows");
    }

    @Test
    void noReaderMeansNoNfc() throws IOException {
        assertTrue(load(MINIMAL).nfc().isEmpty());
    }

    static Stream<Arguments> badNfcConfigs() {
        String pn532 = "nfc.reader = pn532\nnfc.port = /dev/serial0\nnfc.secret-file = card-secret\n";
        return Stream.of(
                Arguments.of(
                        "secret readable by everyone",
                        pn532,
                        "rw-r--r--",
                        "0011".repeat(16),
                        "readable by every user; restrict it: chmod 640"),
                Arguments.of(
                        "secret not hex",
                        pn532,
                        "rw-------",
                        "not a secret at all, just words here and more words",
                        "does not hold hex digits only"),
                Arguments.of("secret too short", pn532, "rw-------", "0011223344", "holds 5 bytes; use at least 32"),
                Arguments.of(
                        "no secret file key",
                        "nfc.reader = pn532\nnfc.port = /dev/serial0\n",
                        "rw-------",
                        "00",
                        "required key 'nfc.secret-file' is missing"),
                Arguments.of(
                        "pn532 without a port",
                        "nfc.reader = pn532\nnfc.secret-file = card-secret\n",
                        "rw-------",
                        "0011".repeat(16),
                        "required key 'nfc.port' is missing"),
                Arguments.of(
                        "nfc key while the reader is none",
                        "nfc.port = /dev/serial0\n",
                        "rw-------",
                        "00",
                        "it has no effect while nfc.reader is none"),
                Arguments.of(
                        "unknown policy",
                        pn532 + "nfc.unknown-card = maybe\n",
                        "rw-------",
                        "0011".repeat(16),
                        "use one of [enrol, link-next, refuse]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNfcConfigs")
    void badNfcConfigNamesTheKeyAndTheFix(
            String name, String keys, String permissions, String secretText, String expected) throws IOException {
        secret(secretText, permissions);
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL + keys));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
