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
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;
import org.loyaltyterminal.terminal.health.TillHealth;

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
            TillHealth health) {}

    private final Sources sources;
    private final InstantSource wall;
    private final Ticker ticker;
    private final Instant started;
    private final long startedNanos;
    /** The printer's state as last sampled, and since when (the printer itself does not say). */
    private DeviceState printerState;

    private Instant printerSince;

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
        List<StatusSnapshot.Device> devices = devices();
        HqLinkView hq = sources.hqLink().hqLink();
        boolean synchronised = sources.clockSynchronised().getAsBoolean();
        return new StatusSnapshot(
                now,
                sources.terminal(),
                new StatusSnapshot.Software(
                        sources.version(), started, Duration.ofNanos(ticker.nanos() - startedNanos)),
                new StatusSnapshot.Clock(synchronised, sources.zone()),
                devices,
                hq,
                campaigns(sources.rules().get(), now),
                sources.figures().day(today, sources.zone()),
                sources.health().report(now, TillProblems.of(devices, hq, synchronised, now)),
                expiring(sources.rules().get(), now));
    }

    /**
     * The health report alone, as the sampler, the LEDs and the watchdog read it: the same model as
     * the page's, without the figures. A link state that cannot be read is itself a problem here,
     * never an exception: the watchdog must not stop pinging because the outbox could not be counted.
     */
    public HealthReport health() {
        Instant now = wall.instant();
        List<StatusSnapshot.Device> devices = devices();
        List<Problem> observed = new ArrayList<>();
        try {
            observed.addAll(TillProblems.of(
                    devices,
                    sources.hqLink().hqLink(),
                    sources.clockSynchronised().getAsBoolean(),
                    now));
        } catch (RuntimeException e) {
            observed.addAll(TillProblems.of(
                    devices,
                    new HqLinkView(false, false, Optional.empty(), 0, Optional.empty()),
                    sources.clockSynchronised().getAsBoolean(),
                    now));
            observed.add(new Problem(
                    "hq-link",
                    Severity.NOTICE,
                    "the link's state cannot be read: " + e.getMessage(),
                    "the till works on; the log says more",
                    now));
        }
        return sources.health().report(now, observed);
    }

    private Optional<StatusSnapshot.ExpiringPoints> expiring(CampaignBundle bundle, Instant now) {
        return bundle.programme()
                .pointsExpiry()
                .map(e -> new StatusSnapshot.ExpiringPoints(
                        StatusSnapshot.ExpiringPoints.WITHIN_DAYS,
                        sources.figures()
                                .pointsDueWithin(
                                        now,
                                        Duration.ofDays(e.afterDays()),
                                        Duration.ofDays(StatusSnapshot.ExpiringPoints.WITHIN_DAYS))));
    }

    /** Samples the devices' states (so "since" stays exact) without building a whole snapshot. */
    public List<StatusSnapshot.Device> devices() {
        List<StatusSnapshot.Device> devices = new ArrayList<>(3);
        devices.add(sources.scanner().sample());
        devices.add(sources.cardReader()
                .map(DeviceActivity::sample)
                .orElseGet(() -> StatusSnapshot.Device.notConfigured(DeviceKind.NFC_READER)));
        devices.add(sources.printer()
                .printer()
                .map(this::printer)
                .orElseGet(() -> StatusSnapshot.Device.notConfigured(DeviceKind.PRINTER)));
        return devices;
    }

    private synchronized StatusSnapshot.Device printer(PrinterView p) {
        DeviceState state = p.connected() ? DeviceState.CONNECTED : DeviceState.DISCONNECTED;
        if (state != printerState) {
            printerState = state;
            printerSince = wall.instant();
        }
        return new StatusSnapshot.Device(
                DeviceKind.PRINTER,
                p.name(),
                state,
                Optional.of(printerSince),
                p.lastPrint(),
                Optional.of(p.paper()),
                p.problem(),
                Optional.empty());
    }

    private static StatusSnapshot.Campaigns campaigns(CampaignBundle bundle, Instant now) {
        List<StatusSnapshot.Campaign> campaigns = new ArrayList<>();
        for (Campaign c : bundle.campaigns()) {
            campaigns.add(new StatusSnapshot.Campaign(
                    c.id(),
                    kind(c),
                    c.validity().from(),
                    c.validity().until(),
                    c.validity().contains(now)));
        }
        return new StatusSnapshot.Campaigns(bundle.version(), campaigns);
    }

    /** A new kind of campaign adds one line here (the switch has no default on purpose). */
    private static String kind(Campaign campaign) {
        return switch (campaign) {
            case StampCardCampaign _ -> "stamp-card";
            case PointsCampaign _ -> "points";
            case BonusCampaign _ -> "bonus";
            case BuyXGetYCampaign _ -> "buy-x-get-y";
        };
    }
}
