package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.scan.ScannerStats;
import org.loyaltyterminal.terminal.health.HealthReport;

/**
 * Everything the status page, its JSON and the metrics show, taken at one moment. Holds no
 * personal data and no card identifiers by construction: none of its types can carry one.
 *
 * @param health  the till's verdict on itself: the one report the LEDs and the watchdog read too
 */
public record StatusSnapshot(
        Instant taken,
        Terminal terminal,
        Software software,
        Clock clock,
        List<Device> devices,
        HqLinkView hqLink,
        Campaigns campaigns,
        TodayFigures today,
        HealthReport health,
        Optional<ExpiringPoints> expiringPoints) {

    public StatusSnapshot {
        Objects.requireNonNull(taken, "taken");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(clock, "clock");
        devices = List.copyOf(devices);
        Objects.requireNonNull(hqLink, "hqLink");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(expiringPoints, "expiringPoints");
    }

    /**
     * Points of all members that expire within {@code withinDays} (or are due and expire at the
     * member's next visit); absent when the bundle in force has no points expiry.
     */
    public record ExpiringPoints(int withinDays, long points) {
        public static final int WITHIN_DAYS = 30;
    }

    /** Which till this is: configuration identifiers, not personal data. */
    public record Terminal(String terminalId, String storeId, String chainId) {}

    public record Software(String version, Instant started, Duration uptime) {}

    /** The wall clock: {@code synchronised} when NTP has set it (the clock sync flag file exists). */
    public record Clock(boolean synchronised, ZoneId zone) {}

    /**
     * One device as the status page shows it.
     *
     * @param since    when {@code state} last changed, if known
     * @param lastRead the last scan or card read (for the printer: the last job printed)
     * @param paper    the printer's paper; empty for the readers
     * @param problem  why it does not work, in words, when the device says (the printer)
     * @param handOff  the scanner's queue from reading to processing; empty for the other devices
     */
    public record Device(
            DeviceKind kind,
            String name,
            DeviceState state,
            Optional<Instant> since,
            Optional<Instant> lastRead,
            Optional<PaperState> paper,
            Optional<String> problem,
            Optional<ScannerStats.HandOff> handOff) {
        public Device {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastRead, "lastRead");
            Objects.requireNonNull(paper, "paper");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(handOff, "handOff");
        }

        static Device notConfigured(DeviceKind kind) {
            return new Device(
                    kind,
                    kind.label(),
                    DeviceState.NOT_CONFIGURED,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** The bundle in force and its campaigns. */
    public record Campaigns(long bundleVersion, List<Campaign> campaigns) {
        public Campaigns {
            campaigns = List.copyOf(campaigns);
        }
    }

    /**
     * One campaign of the bundle in force.
     *
     * @param kind     {@code stamp-card} or {@code points}
     * @param inForce  whether now lies in the validity window
     */
    public record Campaign(
            String id, String kind, Optional<Instant> validFrom, Optional<Instant> validUntil, boolean inForce) {}
}
