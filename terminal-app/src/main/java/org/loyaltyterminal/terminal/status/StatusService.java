package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.health.HealthCheck;
import org.loyaltyterminal.terminal.rules.Campaign;
import org.loyaltyterminal.terminal.rules.CampaignBundle;
import org.loyaltyterminal.terminal.rules.PointsCampaign;
import org.loyaltyterminal.terminal.rules.StampCardCampaign;

/**
 * Takes a {@link StatusSnapshot} from the small providers the daemon hands it. Runs on the status
 * server's threads, never on the scan path: device states are read from the adapters' volatile
 * fields, figures come from a read-only connection through a short cache.
 */
public final class StatusService {

    /** The inputs, grouped so the composition root names each one. */
    public record Sources(
            StatusSnapshot.Terminal terminal,
            String version,
            DeviceActivity scanner,
            Optional<DeviceActivity> cardReader,
            PrinterStatusProvider printer,
            HqLinkProvider hqLink,
            Supplier<CampaignBundle> rules,
            CachedFigures figures,
            ZoneId zone,
            BooleanSupplier clockSynchronised,
            HealthCheck health) {}

    private final Sources sources;
    private final InstantSource wall;
    private final Ticker ticker;
    private final Instant started;
    private final long startedNanos;

    public StatusService(Sources sources, InstantSource wall, Ticker ticker) {
        this.sources = sources;
        this.wall = wall;
        this.ticker = ticker;
        this.started = wall.instant();
        this.startedNanos = ticker.nanos();
    }

    public StatusSnapshot snapshot() {
        Instant now = wall.instant();
        LocalDate today = LocalDate.ofInstant(now, sources.zone());
        return new StatusSnapshot(
                now,
                sources.terminal(),
                new StatusSnapshot.Software(sources.version(), started, Duration.ofNanos(ticker.nanos() - startedNanos)),
                new StatusSnapshot.Clock(sources.clockSynchronised().getAsBoolean(), sources.zone()),
                devices(),
                sources.hqLink().hqLink(),
                campaigns(sources.rules().get(), now),
                sources.figures().day(today, sources.zone()),
                sources.health().check(),
                expiring(sources.rules().get(), now));
    }

    private Optional<StatusSnapshot.ExpiringPoints> expiring(CampaignBundle bundle, Instant now) {
        return bundle.programme().pointsExpiry().map(e -> new StatusSnapshot.ExpiringPoints(
                StatusSnapshot.ExpiringPoints.WITHIN_DAYS, sources.figures().pointsDueWithin(now,
                        Duration.ofDays(e.afterDays()), Duration.ofDays(StatusSnapshot.ExpiringPoints.WITHIN_DAYS))));
    }

    /** Samples the devices' states (so "since" stays exact) without building a whole snapshot. */
    public List<StatusSnapshot.Device> devices() {
        List<StatusSnapshot.Device> devices = new ArrayList<>(3);
        devices.add(sources.scanner().sample());
        devices.add(sources.cardReader().map(DeviceActivity::sample)
                .orElseGet(() -> StatusSnapshot.Device.notConfigured(DeviceKind.NFC_READER)));
        devices.add(sources.printer().printer().map(StatusService::printer)
                .orElseGet(() -> StatusSnapshot.Device.notConfigured(DeviceKind.PRINTER)));
        return devices;
    }

    private static StatusSnapshot.Device printer(PrinterView p) {
        return new StatusSnapshot.Device(DeviceKind.PRINTER, p.name(),
                p.connected() ? DeviceState.CONNECTED : DeviceState.DISCONNECTED, p.since(), p.lastPrint(), Optional.of(p.paper()),
                Optional.empty());
    }

    private static StatusSnapshot.Campaigns campaigns(CampaignBundle bundle, Instant now) {
        List<StatusSnapshot.Campaign> campaigns = new ArrayList<>();
        for (Campaign c : bundle.campaigns()) {
            campaigns.add(new StatusSnapshot.Campaign(c.id(), kind(c), c.validity().from(), c.validity().until(),
                    c.validity().contains(now)));
        }
        return new StatusSnapshot.Campaigns(bundle.version(), campaigns);
    }

    /** A new kind of campaign adds one line here (the switch has no default on purpose). */
    private static String kind(Campaign campaign) {
        return switch (campaign) {
            case StampCardCampaign _ -> "stamp-card";
            case PointsCampaign _ -> "points";
            case org.loyaltyterminal.terminal.rules.BonusCampaign _ -> "bonus";
            case org.loyaltyterminal.terminal.rules.BuyXGetYCampaign _ -> "buy-x-get-y";
        };
    }
}
