package org.loyaltyterminal.terminal.print;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.core.voucher.VoucherKey;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.print.PrintJob;
import org.loyaltyterminal.device.print.PrintListener;
import org.loyaltyterminal.device.print.PrintOutcome;
import org.loyaltyterminal.device.print.PrinterStatus;
import org.loyaltyterminal.device.print.ReceiptPrinter;
import org.loyaltyterminal.device.print.Submission;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.IssuedVoucher;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.loyaltyterminal.terminal.ledger.VoucherPrint;
import org.loyaltyterminal.terminal.ledger.VoucherPrints;
import org.loyaltyterminal.terminal.voucher.VoucherLayout;
import org.loyaltyterminal.terminal.voucher.VoucherTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints vouchers off the scan path and keeps the record of every print. A print is recorded
 * (QUEUED) before it goes to the printer's queue and marked PRINTED when the printer took all its
 * bytes; one still QUEUED at start-up, because the daemon stopped or the printer never came back,
 * is handed to the printer again. The code is rebuilt from the recorded fields and the key for
 * each print: it is a bearer token, so it is stored nowhere.
 */
public final class VoucherPrinter implements PrintListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoucherPrinter.class);

    private final Optional<ReceiptPrinter> printer;
    private final VoucherLayout layout;
    private final VoucherCodec codec;
    private final VoucherKey key;
    private final VoucherPrints store;
    private final InstantSource wallClock;
    /** Job id to print record, for the outcomes that come back on the print thread. */
    private final Map<String, Long> printIds = new ConcurrentHashMap<>();

    private volatile Instant lastPrint;

    /**
     * @param printers builds the printer with this object as its listener; empty when no printer
     *                 is configured (prints are then recorded as NO_PRINTER)
     */
    public VoucherPrinter(
            Optional<Function<PrintListener, ReceiptPrinter>> printers,
            VoucherLayout layout,
            VoucherCodec codec,
            VoucherKey key,
            VoucherPrints store,
            InstantSource wallClock) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.key = Objects.requireNonNull(key, "key");
        this.store = Objects.requireNonNull(store, "store");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.printer = printers.map(factory -> factory.apply(this));
    }

    public boolean hasPrinter() {
        return printer.isPresent();
    }

    /** The printer's connection state; {@link ConnectionState#STOPPED} when none is configured. */
    public ConnectionState state() {
        return printer.map(ReceiptPrinter::state).orElse(ConnectionState.STOPPED);
    }

    /** The printer's last status reply; empty without a printer or before its first job. */
    public Optional<PrinterStatus> lastStatus() {
        return printer.flatMap(ReceiptPrinter::lastStatus);
    }

    /** Why the printer cannot print now, in words; empty while it can or without a printer. */
    public Optional<String> problem() {
        return printer.flatMap(ReceiptPrinter::problem);
    }

    /** When a voucher last finished printing, since start. */
    public Optional<Instant> lastPrint() {
        return Optional.ofNullable(lastPrint);
    }

    /** The printer's configured name, if there is a printer. */
    public Optional<String> printerName() {
        return printer.map(ReceiptPrinter::name);
    }

    /** Jobs accepted and not yet printed. */
    public int pending() {
        return printer.map(ReceiptPrinter::pending).orElse(0);
    }

    /** Starts the print thread and hands it the prints that did not finish before. */
    public void start() {
        printer.ifPresent(p -> {
            p.start();
            resumeUnfinished(p);
        });
    }

    /** Starts the print thread only: for a one-off print from the command line. */
    public void startWithoutBacklog() {
        printer.ifPresent(ReceiptPrinter::start);
    }

    private void resumeUnfinished(ReceiptPrinter p) {
        for (VoucherPrint unfinished : store.unfinishedPrints()) {
            log.info(
                    "{} was not printed before the last stop; printing it now",
                    unfinished.voucher().code().label());
            submit(p, unfinished);
        }
    }

    /**
     * Records the print and queues it; never blocks on the printer.
     *
     * @return the print record; its outcome arrives later
     */
    public VoucherPrint print(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time) {
        VoucherPrint record = record(voucher, kind, time);
        submit(record);
        return record;
    }

    /**
     * Records the print (QUEUED, or NO_PRINTER without a printer) in the caller's transaction,
     * without queuing it: a scan records its voucher's print with the award, and queues it with
     * {@link #submit} once that transaction committed. A crash in between leaves the print QUEUED,
     * and {@link #start} prints it after the restart: exactly once.
     */
    public VoucherPrint record(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time) {
        VoucherPrint record = store.recordPrint(voucher, kind, time);
        if (printer.isEmpty()) {
            store.printEnded(record.printId(), VoucherPrint.State.NO_PRINTER, "no printer configured", time.wall());
            log.info(
                    "{} issued, not printed: no printer is configured on this terminal (printer.transport)",
                    voucher.code().label());
        }
        return record;
    }

    /** Queues a recorded print, after its transaction committed; never blocks on the printer. */
    public void submit(VoucherPrint record) {
        printer.ifPresent(p -> submit(p, record));
    }

    private void submit(ReceiptPrinter p, VoucherPrint record) {
        IssuedVoucher voucher = record.voucher();
        String jobId = voucher.code().label() + " print " + record.printId();
        VoucherTicket ticket = new VoucherTicket(
                codec.issue(voucher.code(), key),
                voucher.code().number(),
                voucher.rewardText(),
                voucher.valueCents(),
                voucher.code().validThrough(),
                voucher.terms(),
                record.kind() == VoucherPrint.Kind.REPRINT);
        printIds.put(jobId, record.printId());
        switch (p.submit(new PrintJob(jobId, layout.render(ticket)))) {
            case Submission.Accepted accepted -> log.debug("{} queued ({} waiting)", jobId, accepted.waiting());
            case Submission.Refused refused -> {
                printIds.remove(jobId);
                log.warn("{} not queued: {}", jobId, refused.reason());
                ended(record.printId(), VoucherPrint.State.REFUSED, refused.reason());
            }
        }
    }

    /** On the print thread: record the outcome; a deferral keeps the print QUEUED. */
    @Override
    public void onOutcome(PrintOutcome outcome) {
        switch (outcome) {
            case PrintOutcome.Printed printed -> {
                Long printId = printIds.remove(printed.jobId());
                if (printId != null) {
                    ended(
                            printId,
                            VoucherPrint.State.PRINTED,
                            printed.attempts() == 1 ? "" : printed.attempts() + " attempts");
                    lastPrint = wallClock.instant();
                    log.info("{} printed", printed.jobId());
                }
            }
            case PrintOutcome.Deferred deferred ->
                log.debug("{} waits for the printer: {}", deferred.jobId(), deferred.reason());
        }
    }

    private void ended(long printId, VoucherPrint.State state, String detail) {
        try {
            store.printEnded(printId, state, detail, wallClock.instant());
        } catch (StorageException e) {
            // The voucher prints regardless; only the record of it is missing, and it shows as
            // QUEUED, so the worst case is one extra copy after a restart.
            log.error("print {} ended {} but could not be recorded: {}", printId, state, e.getMessage());
        }
    }

    @Override
    public void close() {
        printer.ifPresent(ReceiptPrinter::close);
    }
}
