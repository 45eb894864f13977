package org.loyaltyterminal.terminal.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.terminal.config.NfcConfig;
import org.loyaltyterminal.terminal.config.TerminalConfig;

/**
 * The list of checks for one till's config. Each device it uses gets its own access check; what is
 * not configured gets a skipped check, so the report always shows the whole till.
 */
public final class TerminalChecks {
    /** Enough for months of ledger on a busy till, and room for SQLite's WAL and checkpoints. */
    static final long MINIMUM_FREE_BYTES = 200L * 1024 * 1024;

    private TerminalChecks() {}

    /** The checks to run; {@code account} is the service user, empty when it does not exist (then a failed check says so). */
    public static List<Check> of(TerminalConfig config, Optional<ServiceAccount> account, String user) {
        List<Check> checks = new ArrayList<>();
        if (account.isEmpty()) {
            checks.add(
                    fixed(
                            "service user " + user,
                            new CheckResult.Failed(
                                    "user " + user + " does not exist",
                                    "install the package, or run 'systemd-sysusers' to create it from /usr/lib/sysusers.d/loyalty-terminal.conf")));
        } else {
            ServiceAccount a = account.get();
            checks.add(new DeviceAccessCheck(
                    "scanner",
                    config.scanner().port(),
                    a,
                    "plug the scanner in and check its stable name: 'ls -l /dev/loyalty/', 'udevadm info "
                            + config.scanner().port() + "'"));
            config.nfc()
                    .flatMap(NfcConfig::port)
                    .ifPresentOrElse(
                            port -> checks.add(
                                    new DeviceAccessCheck(
                                            "NFC reader",
                                            port,
                                            a,
                                            "check the PN532's wiring and that the serial port is enabled (raspi-config, Interface Options)")),
                            () -> checks.add(fixed(
                                    "NFC reader",
                                    new CheckResult.Skipped(
                                            config.nfc().isPresent()
                                                    ? "PC/SC reader: reached through pcscd, check with 'pcsc_scan'"
                                                    : "not configured (nfc.reader = none)"))));
            config.gpio()
                    .ifPresentOrElse(
                            pins -> checks.add(
                                    new DeviceAccessCheck(
                                            "GPIO",
                                            Path.of("/dev", pins.chip()),
                                            a,
                                            "check gpio.chip: 'ls /dev/gpiochip*' (Raspberry Pi OS names the header's chip gpiochip0)")),
                            () -> checks.add(fixed(
                                    "GPIO LEDs and buzzer",
                                    new CheckResult.Skipped("not configured (no gpio.* output)"))));
        }
        checks.add(fixed(
                "printer",
                new CheckResult.Skipped(
                        config.printer().isPresent()
                                ? "not probed by doctor (the daemon owns the printer's link); its paper and link state are on the status page"
                                : "not configured (printer.transport = none)")));
        config.hq()
                .ifPresentOrElse(
                        hq -> checks.add(new HqBrokerCheck(hq)),
                        () -> checks.add(fixed(
                                "HQ link",
                                new CheckResult.Skipped(
                                        "not configured (no hq.broker): events wait in " + "the outbox"))));
        checks.add(new ClockCheck(config.clockSyncFlag()));
        checks.add(new DiskSpaceCheck(config.dataDir(), MINIMUM_FREE_BYTES));
        checks.add(new DatabaseWritableCheck(config.databaseFile()));
        return checks;
    }

    static Check fixed(String subject, CheckResult result) {
        return new Check() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public CheckResult run() {
                return result;
            }
        };
    }
}
