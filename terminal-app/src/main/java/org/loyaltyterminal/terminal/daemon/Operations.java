package org.loyaltyterminal.terminal.daemon;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.gpio.GpioPins;
import org.loyaltyterminal.device.gpio.Indicator;
import org.loyaltyterminal.device.gpio.Output;
import org.loyaltyterminal.device.nfc.CardReader;
import org.loyaltyterminal.device.scan.ScanSource;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.NfcConfig;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.feedback.BothFeedbacks;
import org.loyaltyterminal.terminal.feedback.IndicatorFeedback;
import org.loyaltyterminal.terminal.feedback.PatternPlayer;
import org.loyaltyterminal.terminal.feedback.Patterns;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Liveness;
import org.loyaltyterminal.terminal.health.ProbedStorage;
import org.loyaltyterminal.terminal.health.StorageCondition;
import org.loyaltyterminal.terminal.health.TillHealth;
import org.loyaltyterminal.terminal.status.CachedFigures;
import org.loyaltyterminal.terminal.status.DeviceActivity;
import org.loyaltyterminal.terminal.status.DeviceKind;
import org.loyaltyterminal.terminal.status.DeviceState;
import org.loyaltyterminal.terminal.status.HqLinkProvider;
import org.loyaltyterminal.terminal.status.PrinterStatusProvider;
import org.loyaltyterminal.terminal.status.SqliteLedgerFigures;
import org.loyaltyterminal.terminal.status.StatusException;
import org.loyaltyterminal.terminal.status.StatusServer;
import org.loyaltyterminal.terminal.status.StatusService;
import org.loyaltyterminal.terminal.status.StatusSnapshot;
import org.loyaltyterminal.terminal.status.UnconfiguredHqLink;
import org.loyaltyterminal.terminal.status.WatchedCardReader;
import org.loyaltyterminal.terminal.status.WatchedScanSource;
import org.loyaltyterminal.terminal.systemd.ServiceNotifier;
import org.loyaltyterminal.terminal.systemd.Watchdog;
import org.loyaltyterminal.terminal.visit.TillFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What surrounds the loyalty flow on a till, wired around the {@link Daemon}: the LEDs and buzzer,
 * the status page, systemd's notifications and watchdog. Built in two steps because the device
 * watches and the feedback must be handed to {@link Daemon#start}, and the rest needs the
 * started daemon. Nothing here can stop a scan: each part that fails logs once and stays off.
 */
public final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);
    /** Figures are recomputed at most this often however many pages refresh. */
    private static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(5);
    /** A read normally takes milliseconds; the store waits at most 5 s for a lock. */
    private static final Duration BUSY_LIMIT = Duration.ofSeconds(10);
    /** Housekeeping runs every second. */
    private static final Duration HEARTBEAT_LIMIT = Duration.ofSeconds(15);
    /** Storage failing for this long counts as stuck: a passing I/O error is not worth a restart. */
    private static final Duration STORAGE_STUCK_AFTER = Duration.ofSeconds(60);

    private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

    private final TerminalConfig config;
    private final Map<String, String> environment;
    private final InstantSource wall;
    private final Ticker ticker;
    private final ServiceNotifier notifier;
    private final Optional<PatternPlayer> player;
    private Optional<DeviceActivity> scanner = Optional.empty();
    private Optional<DeviceActivity> cardReader = Optional.empty();
    private final List<AutoCloseable> running = new ArrayList<>();
    private String lastStatusLine = "";

    private Operations(
            TerminalConfig config,
            Map<String, String> environment,
            InstantSource wall,
            Ticker ticker,
            ServiceNotifier notifier,
            Optional<PatternPlayer> player) {
        this.config = config;
        this.environment = environment;
        this.wall = wall;
        this.ticker = ticker;
        this.notifier = notifier;
        this.player = player;
    }

    /**
     * Opens the notification socket (when systemd gave one) and the GPIO lines (when configured).
     * GPIO that cannot be opened leaves feedback off, with one warning: the till works without it.
     */
    public static Operations prepare(
            TerminalConfig config,
            Map<String, String> environment,
            InstantSource wall,
            Ticker ticker,
            Function<GpioPins, Indicator> indicators) {
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(environment);
        Optional<PatternPlayer> player = Optional.empty();
        if (config.gpio().isPresent()) {
            try {
                PatternPlayer p =
                        new PatternPlayer(indicators.apply(config.gpio().get()), PatternPlayer.Pause.sleeping());
                p.start();
                player = Optional.of(p);
                log.info(
                        "feedback: LEDs and buzzer on {} lines {}",
                        config.gpio().get().chip(),
                        config.gpio().get().lines());
            } catch (DeviceException e) {
                log.warn("feedback off: {}", e.getMessage());
            }
        }
        return new Operations(config, environment, wall, ticker, notifier, player);
    }

    /** The scanner factory, with every scanner it makes watched for the status page and the health check. */
    public Function<ScannerSettings, ScanSource> watchScanners(Function<ScannerSettings, ScanSource> scanners) {
        return settings -> {
            ScanSource source = scanners.apply(settings);
            DeviceActivity activity = new DeviceActivity(
                    DeviceKind.SCANNER,
                    source.name(),
                    source::state,
                    () -> Optional.of(source.stats().handOff()),
                    wall,
                    ticker);
            scanner = Optional.of(activity);
            return new WatchedScanSource(source, activity);
        };
    }

    public Function<NfcConfig, CardReader> watchCardReaders(Function<NfcConfig, CardReader> readers) {
        return settings -> {
            CardReader reader = readers.apply(settings);
            DeviceActivity activity = new DeviceActivity(
                    DeviceKind.NFC_READER, reader.name(), reader::state, Optional::empty, wall, ticker);
            cardReader = Optional.of(activity);
            return new WatchedCardReader(reader, activity);
        };
    }

    /** The journal's feedback, and the LEDs and buzzer's when wired: both get every outcome. */
    public TillFeedback feedback(TillFeedback journal) {
        return player.<TillFeedback>map(
                        p -> new BothFeedbacks(List.of(journal, new IndicatorFeedback(Patterns.standard(), p))))
                .orElse(journal);
    }

    /**
     * Starts the status page, the sampler and the watchdog, and tells systemd the daemon is ready.
     *
     * @param printer the printer's state (none until the printer is wired in)
     */
    public void started(Daemon daemon, Supplier<CampaignBundle> rules, String version, PrinterStatusProvider printer) {
        DeviceActivity scan = scanner.orElseThrow(
                () -> new IllegalStateException("started before the daemon made its scanner through watchScanners"));
        SqliteLedgerFigures figures = SqliteLedgerFigures.open(config.databaseFile());
        running.add(figures);
        List<Supplier<Optional<Duration>>> busy = new ArrayList<>();
        busy.add(scan::busyFor);
        cardReader.ifPresent(reader -> busy.add(reader::busyFor));
        // The store knows first (a failed commit: SQLITE_FULL, I/O errors); a one-row read on the
        // figures' connection adds a ledger that cannot even be read.
        ProbedStorage probed = new ProbedStorage(figures::probe, wall);
        StorageCondition storage = () -> daemon.storageFault().or(probed::fault);
        TillHealth health = new TillHealth(
                new Liveness(busy, daemon.housekeepingHeartbeat(), BUSY_LIMIT, HEARTBEAT_LIMIT),
                storage,
                STORAGE_STUCK_AFTER);
        HqLinkProvider hq = daemon.hqSync()
                .map(sync -> sync.statusView(figures::outbox))
                .orElseGet(() -> new UnconfiguredHqLink(figures::outbox, wall));
        TerminalClock clock = new TerminalClock(wall, ticker, config.clockSyncFlag());
        StatusService status = new StatusService(
                new StatusService.Sources(
                        new StatusSnapshot.Terminal(config.terminalId(), config.storeId(), config.chainId()),
                        version,
                        scan,
                        cardReader,
                        printer,
                        hq,
                        rules,
                        new CachedFigures(figures, ticker, FIGURES_MAX_AGE),
                        config.timeZone(),
                        clock::synchronised,
                        health),
                wall,
                ticker);
        config.status().listen().ifPresent(address -> {
            try {
                running.add(StatusServer.start(address, config.status().token(), status));
            } catch (StatusException e) {
                // The till's job is loyalty at the counter; a port taken by something else must not stop it.
                log.error("status page off: {}", e.getMessage());
            }
        });
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform()
                .name("status-sampler")
                .daemon(true)
                .uncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e))
                .unstarted(runnable));
        running.add(sampler::shutdownNow);
        // sample() contains its own failures; shutdownNow (registered above) cancels the task
        ScheduledFuture<?> unused = sampler.scheduleWithFixedDelay(
                () -> sample(status, hq), 0, SAMPLE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        Watchdog.interval(environment, ProcessHandle.current().pid())
                .ifPresent(interval -> running.add(Watchdog.start(notifier, status::health, interval)));
        lastStatusLine = statusLine(status.devices(), status.health());
        notifier.ready(lastStatusLine + "; outbox " + hq.hqLink().outboxDepth() + " events");
    }

    /**
     * Every second: device states (so "since" is exact to a second), the steady LEDs, and a new
     * STATUS= line for {@code systemctl status} when something changed.
     */
    private void sample(StatusService status, HqLinkProvider hq) {
        try {
            HealthReport report = status.health();
            List<StatusSnapshot.Device> devices = status.devices();
            boolean hqOnline = hq.hqLink().online();
            player.ifPresent(p -> p.steady(steadyLights(devices, report, hqOnline)));
            String line = statusLine(devices, report);
            if (!line.equals(lastStatusLine)) {
                lastStatusLine = line;
                notifier.status(line);
            }
        } catch (RuntimeException e) {
            log.warn("status sampling failed: {}", e.getMessage());
        }
    }

    /**
     * From the health report, like the page. Ready: the scanner is connected and the daemon is not
     * stuck. Fault: the report has a fault or the daemon is stuck (a notice such as paper running
     * low or the clock is shown on the page, not on the LED). HQ: connected to HQ's broker (off
     * while offline: the till works on regardless).
     */
    static Set<Output> steadyLights(List<StatusSnapshot.Device> devices, HealthReport health, boolean hqOnline) {
        Set<Output> lit = EnumSet.noneOf(Output.class);
        if (hqOnline) {
            lit.add(Output.HQ_LED);
        }
        boolean scannerUp =
                devices.stream().anyMatch(d -> d.kind() == DeviceKind.SCANNER && d.state() == DeviceState.CONNECTED);
        if (scannerUp && !health.stuck()) {
            lit.add(Output.READY_LED);
        }
        boolean fault = health.worst()
                .map(w -> switch (w) {
                    case NOTICE -> false;
                    case FAULT, STUCK -> true;
                })
                .orElse(false);
        if (fault) {
            lit.add(Output.FAULT_LED);
        }
        return lit;
    }

    static String statusLine(List<StatusSnapshot.Device> devices, HealthReport health) {
        String states = devices.stream()
                .filter(d -> d.state() != DeviceState.NOT_CONFIGURED)
                .map(d -> d.kind().label() + " " + d.state().label())
                .collect(Collectors.joining(", "));
        String verdict = health.stuck() ? "stuck" : "running";
        return health.healthy() ? verdict + ": " + states : verdict + ": " + states + "; " + health.headline();
    }

    /** SIGTERM: tell systemd, stop serving and pinging, before the daemon finishes its last scan. */
    public void stopping() {
        notifier.stopping("stopping: finishing the scan in progress");
        closeRunning();
    }

    private synchronized void closeRunning() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", running.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        running.clear();
    }

    @Override
    public void close() {
        closeRunning();
        player.ifPresent(PatternPlayer::close);
        notifier.close();
    }
}
