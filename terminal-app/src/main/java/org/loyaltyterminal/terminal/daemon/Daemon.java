package org.loyaltyterminal.terminal.daemon;

import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.CardReader;
import org.loyaltyterminal.device.print.PrinterLink;
import org.loyaltyterminal.device.scan.ScanSource;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.card.CardIdentities;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.NfcConfig;
import org.loyaltyterminal.terminal.config.PrinterConfig;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.health.Heartbeat;
import org.loyaltyterminal.terminal.hq.HqSync;
import org.loyaltyterminal.terminal.hq.MemberLookups;
import org.loyaltyterminal.terminal.hq.RulesInForce;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.StorageFault;
import org.loyaltyterminal.terminal.print.VoucherPrinter;
import org.loyaltyterminal.terminal.status.PaperState;
import org.loyaltyterminal.terminal.status.PrinterView;
import org.loyaltyterminal.terminal.till.OutcomeText;
import org.loyaltyterminal.terminal.visit.BalanceLookup;
import org.loyaltyterminal.terminal.visit.CommitLatencies;
import org.loyaltyterminal.terminal.visit.RuleSite;
import org.loyaltyterminal.terminal.visit.ScanClassifier;
import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.ScanProcessor;
import org.loyaltyterminal.terminal.visit.TillFeedback;
import org.loyaltyterminal.terminal.visit.VisitTracker;
import org.loyaltyterminal.terminal.visit.VoucherDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the object graph from a validated config with plain constructors,
 * starts it in dependency order and stops it in reverse. One-shot: a closed daemon stays closed.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final long STOP_WAIT_MILLIS = 2_000;
    /** Scans kept for the latency figures: 16,384 x 8 bytes. */
    private static final int LATENCY_WINDOW = 16_384;

    private final DataDirLock lock;
    private final LoyaltyStore store;
    private final ScanProcessor processor;
    private final ScanSource scanner;
    private final Optional<CardReader> cardReader;
    private final Optional<VoucherPrinter> voucherPrinter;
    private final ScheduledExecutorService housekeeping;
    private final CommitLatencies latencies;
    private final ControlRequests requests;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Beaten after each housekeeping round: the watchdog's proof that the processor's lock and storage move. */
    private final Heartbeat housekeepingBeat;

    private final RulesInForce rules;
    private Optional<HqSync> hq = Optional.empty();

    private Daemon(
            DataDirLock lock,
            LoyaltyStore store,
            ScanProcessor processor,
            ScanSource scanner,
            Optional<CardReader> cardReader,
            Optional<VoucherPrinter> voucherPrinter,
            ScheduledExecutorService housekeeping,
            CommitLatencies latencies,
            Heartbeat housekeepingBeat,
            RulesInForce rules) {
        this.rules = rules;
        this.lock = lock;
        this.store = store;
        this.processor = processor;
        this.scanner = scanner;
        this.cardReader = cardReader;
        this.voucherPrinter = voucherPrinter;
        this.housekeeping = housekeeping;
        this.latencies = latencies;
        this.requests = new ControlRequests(lock.dataDir());
        this.housekeepingBeat = housekeepingBeat;
    }

    /**
     * Opens storage, then the scanner, and returns once scans are being read. A scanner that is
     * absent is not fatal (it is retried); storage that cannot be opened is.
     */
    public static Daemon start(
            TerminalConfig config,
            CampaignBundle fileRules,
            Function<ScannerSettings, ScanSource> scanners,
            Function<NfcConfig, CardReader> cardReaders,
            Function<PrinterConfig.Link, PrinterLink> printerLinks,
            TillFeedback feedback,
            InstantSource wallClock,
            Ticker ticker,
            String software) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        SqliteLoyaltyStore store;
        RulesInForce rules;
        String bootId = BootId.read();
        try {
            store = SqliteLoyaltyStore.open(config.databaseFile(), config.terminalId(), bootId);
            rules = RulesInForce.choose(
                    fileRules, new SqliteHqUpdates(store).campaignsInForce(), new CampaignFileLoader());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        TerminalClock clock = new TerminalClock(wallClock, ticker, config.clockSyncFlag());
        CommitLatencies latencies = new CommitLatencies(LATENCY_WINDOW);
        Optional<VoucherPrinter> voucherPrinter = VoucherPrinters.build(config, printerLinks, store, wallClock);
        VoucherDesk desk = new VoucherDesk(config.vouchers(), new VoucherCodec(), store, voucherPrinter);
        // Built before the processor that asks, connected to the HQ link once that exists.
        Optional<MemberLookups> lookups = config.hq().map(hq -> new MemberLookups(hq.lookupBudget(), ticker::nanos));
        ScanProcessor processor = new ScanProcessor(
                new ScanClassifier(
                        config.memberCards(),
                        config.receipt(),
                        config.voucherCode(),
                        config.closeVisitCode(),
                        config.vouchers().reprintCode(),
                        config.refund()),
                new VisitTracker(
                        config.visitTimeout(),
                        config.debounce(),
                        () -> UUID.randomUUID().toString()),
                new LoyaltyEngine(),
                rules,
                store,
                clock,
                feedback,
                latencies,
                cardRules(config),
                desk,
                new RuleSite(config.storeId(), config.terminalId(), config.timeZone()),
                lookups.<BalanceLookup>map(l -> l).orElseGet(BalanceLookup::off));
        ScanSource scanner;
        Optional<CardReader> cardReader;
        try {
            scanner = scanners.apply(config.scanner());
            cardReader = config.nfc().map(cardReaders);
        } catch (RuntimeException e) {
            store.close();
            lock.close();
            throw e;
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread =
                    Thread.ofPlatform().name("housekeeping").daemon(true).unstarted(runnable);
            thread.setUncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e));
            return thread;
        });
        Daemon daemon = new Daemon(
                lock,
                store,
                processor,
                scanner,
                cardReader,
                voucherPrinter,
                housekeeping,
                latencies,
                new Heartbeat(ticker),
                rules);
        try {
            // housekeep() contains its own failures, so the future has nothing to report; shutdown cancels it
            ScheduledFuture<?> unused = housekeeping.scheduleWithFixedDelay(daemon::housekeep, 1, 1, TimeUnit.SECONDS);
            voucherPrinter.ifPresent(VoucherPrinter::start);
            scanner.start(processor);
            cardReader.ifPresent(reader -> reader.start(processor));
            if (config.hq().isPresent()) {
                daemon.hq = Optional.of(HqSync.start(
                        config,
                        config.hq().get(),
                        store,
                        rules,
                        clock,
                        new HqSync.Identity(software, bootId, daemon::deviceStates),
                        wallClock,
                        lookups.orElseThrow()));
            }
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        if (!clock.synchronised()) {
            log.warn(
                    "wall clock not synchronised ({} absent): awards are recorded with clock_trusted=0 until it is",
                    config.clockSyncFlag());
        }
        log.info(
                "ready: terminal {} (store {}, chain {}), campaigns version {} ({} campaigns, {} products, {} rewards), "
                        + "scanner {} on {}, {}, {}, {}, outbox {} events, {}",
                config.terminalId(),
                config.storeId(),
                config.chainId(),
                rules.get().version(),
                rules.get().campaigns().size(),
                rules.get().products().size(),
                rules.get().rewards().size(),
                scanner.name(),
                config.scanner().port(),
                config.nfc()
                        .map(n -> "card reader " + n.name() + " ("
                                + n.kind().name().toLowerCase(Locale.ROOT) + ")")
                        .orElse("no card reader"),
                config.printer()
                        .map(p -> "printer " + p.settings().name() + " ("
                                + p.settings().lineWidth() + " columns)")
                        .orElse("no printer"),
                config.vouchers().enabled()
                        ? "vouchers on as terminal number " + config.vouchers().terminalNumber()
                        : "vouchers off",
                store.outboxDepth(),
                config.hq()
                        .map(h -> "HQ broker " + h.broker().getHost() + ":"
                                + h.broker().getPort())
                        .orElse("no HQ link"));
        return daemon;
    }

    private static CardRules cardRules(TerminalConfig config) {
        return config.nfc()
                .<CardRules>map(nfc -> new CardRules.Enabled(new CardIdentities(nfc.secret()), nfc.unknownCards()))
                .orElseGet(CardRules.Disabled::new);
    }

    private void housekeep() {
        try {
            processor.expireIdleVisit();
            requests.serve(this::answer);
            store.maintain();
            housekeepingBeat.beat();
        } catch (RuntimeException e) {
            log.error("housekeeping failed: {}", e.getMessage(), e);
        }
    }

    private String answer(String command) {
        if (!command.equals("reprint-voucher")) {
            return "refused: unknown request '" + command + "'; this daemon answers reprint-voucher";
        }
        ScanOutcome outcome = processor.reprintLastVoucher();
        return (outcome.accepted() ? "ok: " : "refused: ") + OutcomeText.describe(outcome);
    }

    public ConnectionState scannerState() {
        return scanner.state();
    }

    /** The card reader's state; {@link ConnectionState#STOPPED} when none is configured. */
    public ConnectionState cardReaderState() {
        return cardReader.map(CardReader::state).orElse(ConnectionState.STOPPED);
    }

    /** The printer's state; {@link ConnectionState#STOPPED} when none is configured. */
    public ConnectionState printerState() {
        return voucherPrinter.map(VoucherPrinter::state).orElse(ConnectionState.STOPPED);
    }

    /** The printer as the status page shows it; empty when none is configured. */
    public Optional<PrinterView> printerView() {
        return voucherPrinter
                .filter(VoucherPrinter::hasPrinter)
                .map(p -> new PrinterView(
                        p.printerName().orElseThrow(),
                        p.state() == ConnectionState.CONNECTED,
                        p.lastStatus().map(s -> PaperState.of(s.paper())).orElse(PaperState.UNKNOWN),
                        p.lastPrint(),
                        p.problem()));
    }

    /** The campaign bundle in force: the file's, or a newer one from HQ. */
    public RulesInForce rules() {
        return rules;
    }

    /** Storage's fault while writes fail; read without the store's lock. */
    public Optional<StorageFault> storageFault() {
        return store.fault();
    }

    /** The running HQ link; empty when no broker is configured. */
    public Optional<HqSync> hqSync() {
        return hq;
    }

    private Map<String, String> deviceStates() {
        Map<String, String> states = new TreeMap<>();
        states.put("scanner", scanner.state().name().toLowerCase(Locale.ROOT));
        cardReader.ifPresent(r -> states.put("card-reader", r.state().name().toLowerCase(Locale.ROOT)));
        voucherPrinter
                .filter(VoucherPrinter::hasPrinter)
                .ifPresent(p -> states.put("printer", p.state().name().toLowerCase(Locale.ROOT)));
        return states;
    }

    public LoyaltyStore store() {
        return store;
    }

    public Heartbeat housekeepingHeartbeat() {
        return housekeepingBeat;
    }

    /**
     * Stops reading first, then lets the scan in progress finish its transaction (the processor's
     * lock), ends the open visit, and closes storage last.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping: closing the readers, finishing the scan in progress");
        // First: "offline" reaches HQ while the broker link is still healthy.
        hq.ifPresent(HqSync::close);
        cardReader.ifPresent(CardReader::close);
        scanner.close();
        housekeeping.shutdown();
        voucherPrinter.ifPresent(VoucherPrinter::close);
        try {
            if (!housekeeping.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("housekeeping did not stop within {} ms", STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processor.closeOpenVisit();
        latencies.summary().ifPresent(s -> log.info("scan-to-commit latency (frame complete to commit done): {}", s));
        if (latencies.recorded() > 0) {
            log.info(
                    "storage: {} synced commits for {} committed scans ({} per scan, HQ and print records included)",
                    store.writeCommits(),
                    latencies.recorded(),
                    String.format(Locale.ROOT, "%.2f", (double) store.writeCommits() / latencies.recorded()));
        }
        store.close();
        lock.close();
        log.info("stopped");
    }
}
