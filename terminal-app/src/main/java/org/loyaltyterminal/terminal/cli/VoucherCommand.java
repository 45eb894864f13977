package org.loyaltyterminal.terminal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.core.voucher.VoucherKey;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.print.Receipt;
import org.loyaltyterminal.device.print.preview.EscPosPreview;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.daemon.ControlRequests;
import org.loyaltyterminal.terminal.daemon.DataDirLock;
import org.loyaltyterminal.terminal.daemon.PrinterLinks;
import org.loyaltyterminal.terminal.daemon.VoucherPrinters;
import org.loyaltyterminal.terminal.ledger.IssuedVoucher;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.VoucherPrint;
import org.loyaltyterminal.terminal.print.VoucherPrinter;
import org.loyaltyterminal.terminal.voucher.VoucherTicket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "voucher",
        mixinStandardHelpOptions = true,
        description = "Vouchers: reprint the last one, preview the layout.",
        subcommands = {VoucherCommand.Reprint.class, VoucherCommand.Preview.class})
final class VoucherCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "reprint",
            mixinStandardHelpOptions = true,
            description = {
                "Print the last voucher this terminal issued again, marked as a reprint; the print is recorded.",
                "With the daemon running, the request goes to it through the data folder (run as the service"
                        + " user, e.g. sudo -u loyalty); with the daemon stopped, this command prints itself.",
                "Exit status: 0 printed or queued, 1 refused, not answered or storage failed, 2 bad config."
            })
    static final class Reprint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
        Path config;

        @Option(
                names = "--wait-seconds",
                defaultValue = "10",
                paramLabel = "N",
                description = "how long to wait for the daemon or the printer (default ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TerminalConfig terminal = new ConfigLoader().load(config);
            if (!terminal.vouchers().enabled()) {
                err.println(
                        "loyalty-terminal: vouchers are off on this terminal (no voucher.key-file); nothing to reprint");
                return ExitCodes.STARTUP_FAILED;
            }
            Duration wait = Duration.ofSeconds(Math.max(1, waitSeconds));
            try {
                if (DataDirLock.heldElsewhere(terminal.dataDir())) {
                    return viaDaemon(terminal, wait, out, err);
                }
                return directly(terminal, wait, out, err);
            } catch (IOException e) {
                err.println("loyalty-terminal: " + e.getMessage());
                return ExitCodes.STARTUP_FAILED;
            }
        }

        private int viaDaemon(TerminalConfig terminal, Duration wait, PrintWriter out, PrintWriter err)
                throws IOException, InterruptedException {
            Optional<String> answer = new ControlRequests(terminal.dataDir()).ask("reprint-voucher", wait);
            if (answer.isEmpty()) {
                err.println("loyalty-terminal: the daemon did not answer within " + wait.toSeconds() + " s; check "
                        + "'journalctl -u loyalty-terminal' and that this command runs as the service user");
                return ExitCodes.STARTUP_FAILED;
            }
            (answer.get().startsWith("ok:") ? out : err).println(answer.get());
            return answer.get().startsWith("ok:") ? ExitCodes.OK : ExitCodes.STARTUP_FAILED;
        }

        private int directly(TerminalConfig terminal, Duration wait, PrintWriter out, PrintWriter err)
                throws InterruptedException {
            try (StoppedTill till = StoppedTill.open(terminal)) {
                SqliteLoyaltyStore store = till.store();
                Optional<IssuedVoucher> last = store.lastIssuedVoucher();
                if (last.isEmpty()) {
                    err.println("loyalty-terminal: this terminal has issued no voucher yet; nothing to reprint");
                    return ExitCodes.STARTUP_FAILED;
                }
                if (terminal.printer().isEmpty()) {
                    err.println(
                            "loyalty-terminal: no printer is configured (printer.transport); nothing to reprint on");
                    return ExitCodes.STARTUP_FAILED;
                }
                TerminalClock clock = till.clock();
                try (VoucherPrinter printer = VoucherPrinters.build(
                                terminal, new PrinterLinks(Ticker.system()), store, InstantSource.system())
                        .orElseThrow()) {
                    printer.startWithoutBacklog();
                    VoucherPrint print = printer.print(last.get(), VoucherPrint.Kind.REPRINT, clock.now());
                    long deadline = System.nanoTime() + wait.toNanos();
                    while (printer.pending() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    boolean printed = store.unfinishedPrints().stream().noneMatch(p -> p.printId() == print.printId());
                    if (!printed) {
                        err.println("loyalty-terminal: " + last.get().code().label()
                                + ": the printer did not take the reprint " + "within " + wait.toSeconds()
                                + " s; it stays recorded and prints when the daemon starts");
                        return ExitCodes.STARTUP_FAILED;
                    }
                    out.println("ok: " + last.get().code().label() + " printed again");
                    return ExitCodes.OK;
                }
            }
        }
    }

    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = {
                "Render a voucher of a catalogue reward to a PNG image, as this terminal's printer would print"
                        + " it (paper width, code page, header, barcode).",
                "The code on it is signed with a throwaway key, so the preview cannot be redeemed anywhere.",
                "Exit status: 0 written, 1 not written, 2 bad config or campaign file, or no such reward."
            })
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
        Path config;

        @Option(
                names = "--reward",
                paramLabel = "ID",
                description = "the reward to show (default: the first in the catalogue)")
        Optional<String> reward;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "the image file to write")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            StartupFiles loaded = StartupFiles.load(config);
            TerminalConfig terminal = loaded.config();
            var rules = loaded.rules();
            Optional<Reward> chosen = reward.isPresent()
                    ? rules.reward(reward.get())
                    : rules.rewards().stream().findFirst();
            if (chosen.isEmpty()) {
                err.println("loyalty-terminal: "
                        + (reward.isPresent() ? "no reward '" + reward.get() + "' in " : "no reward in ")
                        + terminal.campaignsFile() + "; the catalogue has "
                        + rules.rewards().stream().map(Reward::id).toList());
                return ExitCodes.BAD_CONFIG;
            }
            Reward r = chosen.get();
            LocalDate lastDay =
                    VoucherCode.lastDay(LocalDate.now(terminal.vouchers().zone()), r.validDays());
            byte[] throwaway = new byte[32];
            new SecureRandom().nextBytes(throwaway);
            VoucherCode sample = new VoucherCode(terminal.vouchers().terminalNumber(), 0, lastDay, r.slot());
            Receipt receipt = VoucherPrinters.layout(terminal)
                    .render(new VoucherTicket(
                            new VoucherCodec().issue(sample, VoucherKey.of(throwaway)),
                            sample.number(),
                            r.text(),
                            r.valueCents(),
                            lastDay,
                            r.terms(),
                            false));
            PrinterSettings printer = terminal.printer().map(p -> p.settings()).orElseGet(PrinterSettings::defaults);
            EscPosPreview.Rendering rendering =
                    EscPosPreview.writePng(receipt.bytes(), printer.codePage(), printer.lineWidth(), out);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: voucher for '%s', %d x %d pixels (%d columns, %s)%s%n",
                            out,
                            r.id(),
                            rendering.image().getWidth(),
                            rendering.image().getHeight(),
                            printer.lineWidth(),
                            printer.codePage().charset().name(),
                            rendering.notPrinted().isEmpty()
                                    ? ""
                                    : "; a printer would drop: " + rendering.notPrinted());
            return ExitCodes.OK;
        }
    }
}
