package org.loyaltyterminal.terminal.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.gpio.Pi4jIndicator;
import org.loyaltyterminal.device.serial.SerialLine;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.terminal.daemon.CardReaders;
import org.loyaltyterminal.terminal.daemon.Daemon;
import org.loyaltyterminal.terminal.daemon.Operations;
import org.loyaltyterminal.terminal.daemon.PrinterLinks;
import org.loyaltyterminal.terminal.daemon.SerialScanners;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.loyaltyterminal.terminal.till.LoggingTillFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the daemon: read scans, award stamps and points, until SIGTERM.",
            "Exit status: 0 stopped by SIGTERM after a clean shutdown, 1 start-up failed (storage, devices),",
            "2 bad config or campaign file; 143 when SIGTERM arrives before start-up finished, 130 after SIGINT."
        })
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        // SIGTERM, systemd's stop: taken from the JVM, whose own handling ends in status 143 however
        // cleanly the hooks ran. Here the daemon closes, then run returns 0, the status systemd and
        // scripts read as "stopped as asked". Taken before anything starts: a SIGTERM during start-up
        // (just after "ready", say) lets the start finish and then stops the daemon the same way.
        CountDownLatch termRequested = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> termRequested.countDown());
        StartupFiles loaded = StartupFiles.load(config);
        // The status page, systemd's notifications and watchdog, LEDs and buzzer (daemon/Operations).
        Operations operations = Operations.prepare(
                loaded.config(), System.getenv(), InstantSource.system(), Ticker.system(), Pi4jIndicator::open);
        Daemon daemon;
        try {
            daemon = Daemon.start(
                    loaded.config(),
                    loaded.rules(),
                    operations.watchScanners(new SerialScanners(Ticker.system())),
                    operations.watchCardReaders(new CardReaders(Ticker.system())),
                    new PrinterLinks(Ticker.system()),
                    operations.feedback(new LoggingTillFeedback()),
                    InstantSource.system(),
                    Ticker.system(),
                    Main.version());
        } catch (StorageException | DeviceException | SyncException e) {
            log.error("cannot start: {}", e.getMessage());
            operations.close();
            return ExitCodes.STARTUP_FAILED;
        }
        try {
            operations.started(daemon, daemon.rules(), Main.version(), daemon::printerView);
        } catch (StorageException e) {
            log.error("cannot start: {}", e.getMessage());
            daemon.close();
            operations.close();
            return ExitCodes.STARTUP_FAILED;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                operations.stopping();
                daemon.close();
                operations.close();
            }
        };
        // SIGINT or an exit from elsewhere: the JVM's shutdown, closing the daemon before jSerialComm's cleanup.
        SerialLine.runAtShutdownBeforeSerialCleanup(
                Thread.ofPlatform().name("shutdown").unstarted(stop));
        termRequested.await();
        stop.run();
        return ExitCodes.OK;
    }
}
