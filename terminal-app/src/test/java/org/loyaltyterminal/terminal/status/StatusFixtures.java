package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.MemberProgramme;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.PointsExpiry;
import org.loyaltyterminal.core.campaign.Rounding;
import org.loyaltyterminal.core.campaign.Safeguards;
import org.loyaltyterminal.core.campaign.Tiers;
import org.loyaltyterminal.core.campaign.ValidityWindow;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.scan.ScannerStats;
import org.loyaltyterminal.terminal.health.Heartbeat;
import org.loyaltyterminal.terminal.health.Liveness;
import org.loyaltyterminal.terminal.health.TillHealth;
import org.loyaltyterminal.terminal.ledger.StorageFault;

/** A status service over fakes with settable values, for the renderers, the server and the browser test. */
final class StatusFixtures {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2025-11-24T09:30:00Z");

    final AtomicReference<ConnectionState> scanner = new AtomicReference<>(ConnectionState.CONNECTED);
    final AtomicReference<Optional<PrinterView>> printer = new AtomicReference<>(Optional.of(new PrinterView(
            "receipts", true, PaperState.NEAR_END, Optional.of(NOW.minusSeconds(60)), Optional.empty())));
    /** How long the scan in progress has taken; over 10 s the scan loop counts as stuck. */
    final AtomicReference<Optional<Duration>> scanBusy = new AtomicReference<>(Optional.empty());

    final AtomicReference<Optional<StorageFault>> storage = new AtomicReference<>(Optional.empty());
    final AtomicBoolean clockSynchronised = new AtomicBoolean(false);
    final AtomicReference<ScannerStats.HandOff> handOff = new AtomicReference<>(new ScannerStats.HandOff(3, 256, 2));
    final AtomicReference<TodayFigures> today = new AtomicReference<>(
            new TodayFigures(LocalDate.of(2025, 11, 24), ZONE, 12, 10, 2, 31, 1, 840, 0, 0, 7, 3));
    /** What the fake ledger says is due, and the arguments it was last asked with. */
    final AtomicLong pointsDue = new AtomicLong(4200);

    final AtomicReference<Optional<Instant>> dueAskedBy = new AtomicReference<>(Optional.empty());

    StatusService service() {
        InstantSource wall = InstantSource.fixed(NOW);
        Ticker ticker = () -> 5_000_000_000L;
        DeviceActivity scan = new DeviceActivity(
                DeviceKind.SCANNER, "front scanner", scanner::get, () -> Optional.of(handOff.get()), wall, ticker);
        LedgerFigures figures = new LedgerFigures() {
            @Override
            public TodayFigures day(LocalDate day, ZoneId zone) {
                return today.get();
            }

            @Override
            public long pointsDueBy(Instant by, Duration age) {
                dueAskedBy.set(Optional.of(by));
                return age.equals(Duration.ofDays(365)) ? pointsDue.get() : -1;
            }

            @Override
            public OutboxBacklog outbox() {
                return new OutboxBacklog(17, Optional.of(NOW.minus(Duration.ofMinutes(42))));
            }

            @Override
            public void probe() {}

            @Override
            public void close() {}
        };
        CampaignBundle bundle = new CampaignBundle(
                1,
                7,
                Map.of(),
                List.of(
                        new PointsCampaign("points-<b>", ValidityWindow.always(), 1, 100, Rounding.DOWN),
                        new PointsCampaign(
                                "winter-double",
                                new ValidityWindow(
                                        Optional.of(Instant.parse("2025-12-01T00:00:00Z")), Optional.empty()),
                                2,
                                100,
                                Rounding.DOWN)),
                List.of(),
                Safeguards.NONE,
                new MemberProgramme(Optional.of(new PointsExpiry(365)), Tiers.NONE));
        return new StatusService(
                new StatusService.Sources(
                        new StatusSnapshot.Terminal("till-01", "store-0042", "acme"),
                        "0.1.0-test",
                        scan,
                        Optional.empty(),
                        () -> printer.get(),
                        new UnconfiguredHqLink(figures::outbox, wall),
                        () -> bundle,
                        new CachedFigures(figures, ticker, Duration.ofSeconds(5)),
                        ZONE,
                        clockSynchronised::get,
                        new TillHealth(
                                new Liveness(
                                        List.of(scanBusy::get),
                                        new Heartbeat(ticker),
                                        Duration.ofSeconds(10),
                                        Duration.ofSeconds(15)),
                                storage::get,
                                Duration.ofSeconds(60))),
                wall,
                ticker);
    }
}
