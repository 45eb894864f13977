package org.loyaltyterminal.terminal.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;

/**
 * The snapshot in Prometheus' text exposition format (version 0.0.4), every name prefixed
 * {@code loyalty_} and listed in docs/status.md. Timestamps are Unix seconds; a value that does
 * not exist yet (no read since start, no sync ever) is left out rather than written as 0, which
 * would read as 1970. Label values are configuration names and fixed words only.
 */
public final class StatusMetrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public byte[] render(StatusSnapshot s) {
        Text t = new Text();
        t.family("loyalty_build_info", "gauge", "software version of the daemon");
        t.sample("loyalty_build_info", "version=\"" + escape(s.software().version()) + "\"", 1);
        t.family("loyalty_uptime_seconds", "gauge", "seconds since the daemon started");
        t.sample("loyalty_uptime_seconds", "", (double) s.software().uptime().toSeconds());
        t.family("loyalty_healthy", "gauge", "1 while the health report has no problem at all");
        t.sample("loyalty_healthy", "", s.health().healthy() ? 1 : 0);
        t.family("loyalty_stuck", "gauge", "1 while the daemon itself is stuck (the watchdog withholds its ping)");
        t.sample("loyalty_stuck", "", s.health().stuck() ? 1 : 0);
        t.family("loyalty_problems", "gauge", "problems in the health report, by severity");
        for (Severity severity : Severity.values()) {
            t.sample(
                    "loyalty_problems", "severity=\"" + severity.label() + "\"", (double) s.health().problems().stream()
                            .filter(p -> p.severity() == severity)
                            .count());
        }
        t.family("loyalty_problem_since_timestamp_seconds", "gauge", "when each current problem began");
        for (Problem p : s.health().problems()) {
            t.sample(
                    "loyalty_problem_since_timestamp_seconds",
                    "component=\"" + escape(p.component()) + "\",severity=\""
                            + p.severity().label() + "\"",
                    seconds(p.since()));
        }
        t.family("loyalty_clock_synchronised", "gauge", "1 when the wall clock is synchronised");
        t.sample("loyalty_clock_synchronised", "", s.clock().synchronised() ? 1 : 0);

        t.family("loyalty_device_connected", "gauge", "1 when the device is connected; configured devices only");
        for (StatusSnapshot.Device d : s.devices()) {
            if (d.state() != DeviceState.NOT_CONFIGURED) {
                t.sample("loyalty_device_connected", device(d), d.state() == DeviceState.CONNECTED ? 1 : 0);
            }
        }
        t.family("loyalty_device_state_since_timestamp_seconds", "gauge", "when the device's state last changed");
        for (StatusSnapshot.Device d : s.devices()) {
            d.since().ifPresent(at -> t.sample("loyalty_device_state_since_timestamp_seconds", device(d), seconds(at)));
        }
        t.family("loyalty_device_last_read_timestamp_seconds", "gauge", "the device's last read (printer: last job)");
        for (StatusSnapshot.Device d : s.devices()) {
            d.lastRead()
                    .ifPresent(at -> t.sample("loyalty_device_last_read_timestamp_seconds", device(d), seconds(at)));
        }
        t.family("loyalty_printer_paper", "gauge", "the printer's paper state: 1 for the current state");
        for (StatusSnapshot.Device d : s.devices()) {
            if (d.paper().isPresent()) {
                for (PaperState paper : PaperState.values()) {
                    t.sample(
                            "loyalty_printer_paper",
                            device(d) + ",state=\"" + paper.label() + "\"",
                            d.paper().get() == paper ? 1 : 0);
                }
            }
        }
        t.family("loyalty_scanner_handoff_depth", "gauge", "scans read and waiting for processing");
        for (StatusSnapshot.Device d : s.devices()) {
            d.handOff().ifPresent(q -> t.sample("loyalty_scanner_handoff_depth", device(d), q.depth()));
        }
        t.family(
                "loyalty_scanner_handoff_dropped_total",
                "counter",
                "scans dropped because the queue to processing was full (the newest is dropped)");
        for (StatusSnapshot.Device d : s.devices()) {
            d.handOff()
                    .ifPresent(q -> t.sample("loyalty_scanner_handoff_dropped_total", device(d), (double) q.dropped()));
        }

        HqLinkView hq = s.hqLink();
        t.family("loyalty_hq_configured", "gauge", "1 when an HQ link is configured");
        t.sample("loyalty_hq_configured", "", hq.configured() ? 1 : 0);
        t.family("loyalty_hq_online", "gauge", "1 while connected to HQ's broker");
        t.sample("loyalty_hq_online", "", hq.online() ? 1 : 0);
        t.family("loyalty_hq_refused_messages_total", "counter", "messages from HQ refused since start");
        t.sample("loyalty_hq_refused_messages_total", "", (double) hq.refusedMessages());
        t.family("loyalty_hq_lookups_total", "counter", "balance questions to HQ since start, by outcome");
        t.sample("loyalty_hq_lookups_total", "outcome=\"answered\"", (double)
                hq.lookups().answered());
        t.sample("loyalty_hq_lookups_total", "outcome=\"unanswered\"", (double)
                hq.lookups().unanswered());
        t.sample("loyalty_hq_lookups_total", "outcome=\"offline\"", (double)
                hq.lookups().offline());
        t.family("loyalty_hq_lookups_late_total", "counter", "answers from HQ that came after the budget");
        t.sample("loyalty_hq_lookups_late_total", "", (double) hq.lookups().late());
        t.family("loyalty_hq_last_sync_timestamp_seconds", "gauge", "when HQ last acknowledged events");
        hq.lastSync().ifPresent(at -> t.sample("loyalty_hq_last_sync_timestamp_seconds", "", seconds(at)));
        t.family("loyalty_outbox_events", "gauge", "events waiting for HQ's acknowledgement");
        t.sample("loyalty_outbox_events", "", (double) hq.outboxDepth());
        t.family("loyalty_outbox_oldest_age_seconds", "gauge", "age of the oldest event waiting for HQ");
        hq.oldestUnsynced()
                .ifPresent(age -> t.sample("loyalty_outbox_oldest_age_seconds", "", (double) age.toSeconds()));

        t.family("loyalty_campaign_bundle_version", "gauge", "version of the campaign bundle in force");
        t.sample("loyalty_campaign_bundle_version", "", (double) s.campaigns().bundleVersion());
        t.family("loyalty_campaign_in_force", "gauge", "1 when now lies in the campaign's validity window");
        for (StatusSnapshot.Campaign c : s.campaigns().campaigns()) {
            t.sample(
                    "loyalty_campaign_in_force",
                    "campaign=\"" + escape(c.id()) + "\",kind=\"" + c.kind() + "\"",
                    c.inForce() ? 1 : 0);
        }

        TodayFigures d = s.today();
        today(t, "visits", "distinct visits with a ledger row", d.visits());
        today(t, "members_seen", "distinct members with a ledger row", d.membersSeen());
        today(t, "enrolments", "new members enrolled", d.enrolments());
        today(t, "stamps", "stamps added", d.stamps());
        today(t, "cards_completed", "stamp cards completed (rewards earned)", d.cardsCompleted());
        today(t, "points", "points awarded", d.points());
        today(t, "vouchers_issued", "vouchers issued", d.vouchersIssued());
        today(t, "vouchers_redeemed", "vouchers redeemed", d.vouchersRedeemed());
        today(
                t,
                "returning_members",
                "members seen today who were also seen in the 30 days before",
                d.returningMembers());
        today(t, "suspicious_flags", "suspicious-activity flags raised", d.suspiciousFlags());
        s.expiringPoints().ifPresent(e -> {
            t.family(
                    "loyalty_points_expiring",
                    "gauge",
                    "points of all members expiring within the days labelled"
                            + " (due ones not yet written at a visit included)");
            t.sample("loyalty_points_expiring", "within_days=\"" + e.withinDays() + "\"", (double) e.points());
        });
        t.family("loyalty_today_returning_ratio", "gauge", "returning members / members seen, today");
        d.returningShare().ifPresent(share -> t.sample("loyalty_today_returning_ratio", "", share));
        return t.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void today(Text t, String name, String help, long value) {
        String metric = "loyalty_today_" + name;
        t.family(metric, "gauge", help + " on the store's day so far (resets at local midnight)");
        t.sample(metric, "", (double) value);
    }

    private static String device(StatusSnapshot.Device d) {
        return "device=\"" + d.kind().label() + "\",name=\"" + escape(d.name()) + "\"";
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    /** Label values escape backslash, double quote and newline (the exposition format's rule). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static final class Text {
        private final StringBuilder out = new StringBuilder(4096);

        void family(String name, String type, String help) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void sample(String name, String labels, double value) {
            out.append(name);
            if (!labels.isEmpty()) {
                out.append('{').append(labels).append('}');
            }
            out.append(' ');
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value);
            } else {
                out.append(String.format(Locale.ROOT, "%.3f", value));
            }
            out.append('\n');
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
