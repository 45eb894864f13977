package org.loyaltyterminal.terminal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.loyaltyterminal.device.gpio.GpioPins;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.terminal.status.StatusSettings;
import org.loyaltyterminal.terminal.visit.CardFormat;
import org.loyaltyterminal.terminal.visit.ReceiptFormat;
import org.loyaltyterminal.terminal.visit.RefundFormat;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/**
 * Everything the daemon reads from its config file, validated once at start-up.
 *
 * @param terminalId    unique within the chain; stamped on every ledger row and event
 * @param storeId       the store this terminal stands in
 * @param chainId       the chain, the root of the HQ topics
 * @param dataDir       where the SQLite file lives (systemd's StateDirectory)
 * @param campaignsFile the campaign bundle in force until HQ pushes a newer one
 * @param nfc           the contactless reader, when one is configured
 * @param memberCards   at least one; a scan matching any of them is a member card
 * @param closeVisitCode the payload of the control barcode that closes the visit
 * @param clockSyncFlag the file whose presence says the wall clock was synchronised
 * @param printer       the receipt printer, when one is configured
 * @param vouchers      voucher keys, numbering, layout and redemption policy
 * @param timeZone      the store's zone: where "today" begins on the status page
 * @param status        the status page's address and manager token
 * @param gpio          the LEDs and buzzer, when any is wired
 * @param hq            the link to head office, when a broker is configured
 * @param refund        the refund receipt's barcode ({@code receipt.refund-pattern}), when the till prints one
 */
public record TerminalConfig(
        String terminalId,
        String storeId,
        String chainId,
        Path dataDir,
        Path campaignsFile,
        ScannerSettings scanner,
        Optional<NfcConfig> nfc,
        List<CardFormat> memberCards,
        ReceiptFormat receipt,
        Pattern voucherCode,
        String closeVisitCode,
        Duration visitTimeout,
        Duration debounce,
        Path clockSyncFlag,
        Optional<PrinterConfig> printer,
        VoucherConfig vouchers,
        ZoneId timeZone,
        StatusSettings status,
        Optional<GpioPins> gpio,
        Optional<HqConfig> hq,
        Optional<RefundFormat> refund) {
    public TerminalConfig {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(nfc, "nfc");
        memberCards = List.copyOf(memberCards);
        Objects.requireNonNull(printer, "printer");
        Objects.requireNonNull(vouchers, "vouchers");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(hq, "hq");
        Objects.requireNonNull(refund, "refund");
    }

    public Path databaseFile() {
        return dataDir.resolve("loyalty.db");
    }
}
