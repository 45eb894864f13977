package org.loyaltyterminal.simulator.printer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial receipt printer on the master side of a {@link PseudoTerminal}: what the host writes
 * to the slave feeds the {@link PrinterEmulator}, status replies go back to the slave. A
 * {@link org.loyaltyterminal.device.print.SerialPrinterLink} opens {@link #devicePath()}.
 *
 * <p>It owns the pseudo-terminal. {@link #close()} (or {@link #unplug()}, the same) closes it,
 * which the host sees as a USB printer being pulled. To plug it back in, open a new pair with
 * {@link PseudoTerminal#openLinkedAt} at the same link and start a new emulator on it with the
 * same {@link PrinterEmulator}: what was printed before is still there.
 *
 * <p>One named platform thread reads the master; close waits for it, at most two seconds.
 */
public final class PtyPrinterEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PtyPrinterEmulator.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    /** One read's wait; close also fails a read in progress, so this only bounds how late a stop flag is seen. */
    private static final Duration READ_SLICE = Duration.ofMillis(200);

    private final PrinterEmulator printer;
    private final PseudoTerminal pty;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    private PtyPrinterEmulator(PrinterEmulator printer, PseudoTerminal pty) {
        this.printer = printer;
        this.pty = pty;
        this.thread = Thread.ofPlatform()
                .name("printer-emulator-pty-" + pty.slavePath().getFileName())
                .daemon(true)
                .uncaughtExceptionHandler((t, e) -> LOG.error(
                        "printer emulator {}: reader thread died; the emulated " + "printer no longer answers there",
                        pty.slavePath(),
                        e))
                .unstarted(this::run);
    }

    /** Starts reading {@code pty}'s master side; the emulator owns {@code pty} from now on. */
    public static PtyPrinterEmulator start(PrinterEmulator printer, PseudoTerminal pty) {
        PtyPrinterEmulator e =
                new PtyPrinterEmulator(Objects.requireNonNull(printer, "printer"), Objects.requireNonNull(pty, "pty"));
        e.thread.start();
        return e;
    }

    public PrinterEmulator printer() {
        return printer;
    }

    /** Where the host opens the printer: the stable link when the pair has one, else {@code /dev/pts/N}. */
    public Path devicePath() {
        return pty.link().orElse(pty.slavePath());
    }

    /** The same as {@link #close()}: named for what the host sees. */
    public void unplug() {
        close();
    }

    /** Closes the pseudo-terminal and waits for the reader thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        printer.wakeTransports();
        try {
            pty.close();
        } finally {
            join();
        }
    }

    private void run() {
        byte[] buf = new byte[512];
        try {
            while (running) {
                printer.awaitFlowing(() -> running);
                int n = pty.read(buf, READ_SLICE);
                if (n > 0) {
                    printer.receive(buf, 0, n, b -> pty.write(new byte[] {(byte) b}));
                }
            }
        } catch (DeviceException e) {
            if (running) {
                // Nobody closed us, so this is not the unplug: say what happened, once, here.
                LOG.warn(
                        "printer emulator {}: pseudo-terminal failed ({}); the emulated printer stops",
                        pty.slavePath(),
                        e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void join() {
        if (Thread.currentThread() == thread) {
            return; // a receipt listener unplugged the printer
        }
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                LOG.warn(
                        "printer emulator {}: reader thread still running {} ms after unplug; leaving it (a daemon "
                                + "thread)",
                        pty.slavePath(),
                        JOIN_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PtyPrinterEmulator[" + devicePath() + "]";
    }
}
