package org.loyaltyterminal.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.core.voucher.ForeignVoucherPolicy;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.voucher.VoucherBarcode;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/** The printer.* and voucher.* keys: defaults, and every bad value refused with the key and the fix. */
class VoucherConfigTest {
    private static final String MINIMAL = """
            terminal.id = till-01
            store.id = store-0042
            chain.id = acme
            data.dir = data
            campaigns.file = campaigns.json
            scanner.port = /dev/ttyACM0
            member.card.1.pattern = ^2412[0-9]{9}$
            """;
    private static final String VOUCHERS = MINIMAL + "terminal.number = 12\nvoucher.key-file = voucher-key\n";

    @TempDir
    Path dir;

    @BeforeEach
    void key() throws IOException {
        Path key = dir.resolve("voucher-key");
        Files.writeString(key, "ab".repeat(32) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    }

    private TerminalConfig load(String text) throws IOException {
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, text);
        return new ConfigLoader().load(file);
    }

    @Test
    void withoutAKeyVouchersAreOffAndThereIsNoPrinter() throws IOException {
        TerminalConfig config = load(MINIMAL);
        assertEquals(false, config.vouchers().enabled());
        assertTrue(config.printer().isEmpty());
    }

    @Test
    void aTcpPrinterAndVouchersWithTheirDefaults() throws IOException {
        TerminalConfig config = load(VOUCHERS + """
                store.time-zone = Europe/Vienna
                voucher.store-terminals = 13, 14
                voucher.header = Bäckerei Müller | Hauptstraße 5
                printer.transport = tcp
                printer.address = 127.0.0.1:9101
                """);
        VoucherConfig vouchers = config.vouchers();
        assertEquals(12, vouchers.terminalNumber());
        assertEquals(Set.of(12, 13, 14), vouchers.storeTerminals(), "this till always counts as one of its store's");
        assertEquals(new ForeignVoucherPolicy.UpToValue(1_000), vouchers.foreign());
        assertEquals(List.of("Bäckerei Müller", "Hauptstraße 5"), vouchers.header());
        assertEquals(VoucherBarcode.QR, vouchers.barcode());
        assertEquals("REPRINT-VOUCHER", vouchers.reprintCode());
        assertEquals(ZoneId.of("Europe/Vienna"), vouchers.zone());
        assertEquals("VoucherKey(32 bytes)", vouchers.key().orElseThrow().toString(), "the key never shows");
        PrinterConfig printer = config.printer().orElseThrow();
        assertEquals(48, printer.settings().lineWidth(), "80 mm by default");
        assertEquals(CodePage.PC858, printer.settings().codePage());
        assertEquals(9101, assertInstanceOfTcp(printer.link()).address().getPort());
    }

    private static PrinterConfig.Link.Tcp assertInstanceOfTcp(PrinterConfig.Link link) {
        return Assertions.assertInstanceOf(PrinterConfig.Link.Tcp.class, link);
    }

    static Stream<Arguments> badConfigs() {
        String tcp = "printer.transport = tcp\nprinter.address = 127.0.0.1\n";
        return Stream.of(
                Arguments.of(
                        "voucher key without a terminal number",
                        MINIMAL + "voucher.key-file = voucher-key\n",
                        "terminal.number is missing; vouchers need this till's number"),
                Arguments.of(
                        "terminal number out of range",
                        VOUCHERS.replace("= 12", "= 1024"),
                        "use a whole number from 0 to 1023"),
                Arguments.of(
                        "a voucher key that does not exist",
                        MINIMAL + "terminal.number = 1\nvoucher.key-file = nope\n",
                        "does not exist; create it once with 'openssl rand -hex 32"),
                Arguments.of(
                        "voucher keys without a key",
                        MINIMAL + "voucher.barcode = qr\n",
                        "it has no effect without voucher.key-file"),
                Arguments.of(
                        "unknown foreign policy",
                        VOUCHERS + "voucher.foreign-policy = sometimes\n",
                        "use one of [accept, refuse, up-to-value]"),
                Arguments.of(
                        "a limit with a policy that has none",
                        VOUCHERS + "voucher.foreign-policy = accept\nvoucher.foreign-max-cents = 5\n",
                        "it applies only with voucher.foreign-policy = up-to-value"),
                Arguments.of(
                        "a store terminal that is no number",
                        VOUCHERS + "voucher.store-terminals = 13, fourteen\n",
                        "'fourteen' is not a terminal number"),
                Arguments.of(
                        "CODE128 on 58 mm paper",
                        VOUCHERS + tcp + "printer.paper-mm = 58\nvoucher.barcode = code128\n",
                        "a CODE128 voucher code needs 80 mm paper"),
                Arguments.of(
                        "the reprint code is the close code",
                        VOUCHERS + "control.reprint-voucher = CLOSE-VISIT\n",
                        "it equals control.close-visit"),
                Arguments.of(
                        "a bad time zone",
                        MINIMAL + "store.time-zone = Mars/Olympus\n",
                        "use a region id such as Europe/Berlin"),
                Arguments.of(
                        "printer keys without a transport",
                        MINIMAL + "printer.address = 10.0.0.5\n",
                        "it has no effect while printer.transport is none"),
                Arguments.of(
                        "a printer address without a host",
                        MINIMAL + "printer.transport = tcp\nprinter.address = :9100\n",
                        "use host:port"),
                Arguments.of(
                        "a printer address with a bad port",
                        MINIMAL + "printer.transport = tcp\nprinter.address = 10.0.0.5:99999\n",
                        "use host:port"),
                Arguments.of(
                        "a serial printer without a port",
                        MINIMAL + "printer.transport = serial\n",
                        "required key 'printer.port' is missing"),
                Arguments.of(
                        "paper that does not exist", MINIMAL + tcp + "printer.paper-mm = 76\n", "use one of [58, 80]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigNamesTheKeyAndTheFix(String name, String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void aCampaignFileThatIssuesVouchersNeedsAVoucherKey() throws IOException {
        TerminalConfig off = load(MINIMAL);
        CampaignBundle rules = new CampaignFileLoader().parse("""
                {"format": 2, "version": 1,
                 "campaigns": [{"id": "c", "type": "stamp-card", "qualifying": {"codes": ["1"]}, "cardSize": 2,
                                "reward": "Free coffee", "voucher": "free"}],
                 "rewards": [{"id": "free", "slot": 1, "text": "Free coffee", "valueCents": 300, "validDays": 30}]}
                """, "campaigns.json");
        ConfigException e = assertThrows(ConfigException.class, () -> RulesFit.check(off, rules, "terminal.conf"));
        assertTrue(
                e.getMessage()
                        .contains("campaign 'c' issues vouchers (reward 'free'), but voucher.key-file is not set"),
                e.getMessage());
        RulesFit.check(load(VOUCHERS), rules, "terminal.conf");
    }
}
