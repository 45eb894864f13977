package org.loyaltyterminal.terminal.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Problem;

/**
 * The status page: one self-contained HTML document (no script, no external resources, inline
 * style only, so the Content-Security-Policy can forbid everything else), readable on a phone,
 * reloading itself every {@value #REFRESH_SECONDS} seconds. Times are shown in the store's zone.
 * Every value passes through {@link #escape}; none of them is personal data.
 */
public final class StatusHtml {
    public static final int REFRESH_SECONDS = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;padding:.5rem 1rem 2rem;max-width:42rem;background:#fafafa;color:#222}
            h1{font-size:1.3rem;margin:.6rem 0}h2{font-size:1.05rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .4rem;vertical-align:top}
            tr:nth-child(even){background:#f0f0f0}.ok{color:#17692b;font-weight:600}.bad{color:#b3261e;font-weight:600}.warn{color:#8a5a00;font-weight:600}
            .dim{color:#666}.figures td:last-child{text-align:right;font-variant-numeric:tabular-nums}
            footer{margin-top:1.5rem;font-size:.85rem;color:#666}""";

    public byte[] render(StatusSnapshot s) {
        Page p = new Page(s);
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"")
                .append(REFRESH_SECONDS)
                .append("\">")
                .append("<title>Till ")
                .append(escape(s.terminal().terminalId()))
                .append(" status</title>")
                .append("<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>Till ")
                .append(escape(s.terminal().terminalId()))
                .append(" <span class=\"dim\">store ")
                .append(escape(s.terminal().storeId()))
                .append("</span></h1>\n");
        HealthReport health = s.health();
        h.append("<p id=\"health\" data-verdict=\"")
                .append(health.verdict())
                .append("\"><span class=\"")
                .append(health.worst()
                        .map(w -> switch (w) {
                            case NOTICE -> "warn";
                            case FAULT, STUCK -> "bad";
                        })
                        .orElse("ok"))
                .append("\">")
                .append(escape(health.headline()))
                .append("</span></p>\n");
        if (!health.problems().isEmpty()) {
            h.append("<section id=\"problems\"><h2>Problems</h2><table>\n");
            for (Problem problem : health.problems()) {
                h.append("<tr data-component=\"")
                        .append(escape(problem.component()))
                        .append("\" data-severity=\"")
                        .append(problem.severity().label())
                        .append("\"><th>")
                        .append(severity(problem))
                        .append("<br><span class=\"dim\">since ")
                        .append(p.when(problem.since()))
                        .append("</span></th><td>")
                        .append(escape(capitalised(problem.what())))
                        .append("<br><b>What to do:</b> ")
                        .append(escape(problem.action()))
                        .append("</td></tr>\n");
            }
            h.append("</table></section>\n");
        }

        h.append("<section id=\"devices\"><h2>Devices</h2><table>\n");
        for (StatusSnapshot.Device d : s.devices()) {
            h.append("<tr data-device=\"")
                    .append(d.kind().label())
                    .append("\"><th>")
                    .append(escape(title(d.kind())))
                    .append("<br><span class=\"dim\">")
                    .append(escape(d.name()))
                    .append("</span></th><td>")
                    .append(deviceState(d.state()));
            d.since()
                    .ifPresent(at -> h.append(" <span class=\"dim\">since ")
                            .append(p.when(at))
                            .append("</span>"));
            d.lastRead()
                    .ifPresent(at -> h.append("<br>last ")
                            .append(d.kind() == DeviceKind.PRINTER ? "print " : "read ")
                            .append(p.when(at)));
            d.paper().ifPresent(paper -> h.append("<br>paper: ").append(paper(paper)));
            d.handOff()
                    .ifPresent(q -> h.append("<br>waiting: ")
                            .append(q.depth())
                            .append(" of ")
                            .append(q.capacity())
                            .append(
                                    q.dropped() == 0
                                            ? ""
                                            : ", <span class=\"bad\">" + q.dropped() + " dropped (queue full)</span>"));
            h.append("</td></tr>\n");
        }
        h.append("</table></section>\n");

        HqLinkView hq = s.hqLink();
        h.append("<section id=\"hq-link\"><h2>Head office link</h2><table>\n<tr><th>Link</th><td>")
                .append(
                        !hq.configured()
                                ? "<span class=\"dim\">not configured</span>"
                                : hq.online()
                                        ? "<span class=\"ok\">online</span>"
                                        : "<span class=\"bad\">offline</span>")
                .append("</td></tr>\n<tr><th>Last sync</th><td>")
                .append(hq.lastSync().map(p::when).orElse("never"))
                .append("</td></tr>\n<tr><th>Waiting to send</th><td>")
                .append(hq.outboxDepth())
                .append(hq.outboxDepth() == 1 ? " event" : " events")
                .append(hq.oldestUnsynced()
                        .map(age -> ", oldest " + duration(age) + " old")
                        .orElse(""))
                .append("</td></tr>\n");
        hq.problem()
                .ifPresent(problem -> h.append("<tr><th>Problem</th><td class=\"bad\">")
                        .append(escape(problem))
                        .append("</td></tr>\n"));
        LookupFigures lookups = hq.lookups();
        if (lookups.asked() + lookups.offline() > 0) {
            h.append("<tr><th>Balance lookups</th><td>")
                    .append(lookups.answered())
                    .append(" of ")
                    .append(lookups.asked())
                    .append(" answered in time, ")
                    .append(lookups.unanswered())
                    .append(" not (")
                    .append(lookups.late())
                    .append(" late); ")
                    .append(lookups.offline())
                    .append(" visits with the link down")
                    .append("</td></tr>\n");
        }
        if (hq.refusedMessages() > 0) {
            h.append("<tr><th>Refused from HQ</th><td class=\"bad\">")
                    .append(hq.refusedMessages())
                    .append(hq.lastRefusal().map(r -> "; last: " + escape(r)).orElse(""))
                    .append("</td></tr>\n");
        }
        h.append("</table></section>\n");

        h.append("<section id=\"campaigns\"><h2>Campaigns (rules version ")
                .append(s.campaigns().bundleVersion())
                .append(")</h2><table>\n");
        if (s.campaigns().campaigns().isEmpty()) {
            h.append("<tr><td class=\"dim\">none</td></tr>\n");
        }
        for (StatusSnapshot.Campaign c : s.campaigns().campaigns()) {
            h.append("<tr><th>")
                    .append(escape(c.id()))
                    .append("<br><span class=\"dim\">")
                    .append(escape(c.kind()))
                    .append("</span></th><td>")
                    .append(
                            c.inForce()
                                    ? "<span class=\"ok\">in force</span>"
                                    : "<span class=\"dim\">not in force</span>")
                    .append("<br>")
                    .append(validity(c, p))
                    .append("</td></tr>\n");
        }
        h.append("</table></section>\n");

        TodayFigures t = s.today();
        h.append("<section id=\"today\"><h2>Today, ")
                .append(escape(t.day().toString()))
                .append("</h2><table class=\"figures\">\n");
        row(h, "Visits", t.visits());
        row(h, "Members seen", t.membersSeen());
        row(h, "New members", t.enrolments());
        row(h, "Stamps", t.stamps());
        row(h, "Stamp cards completed", t.cardsCompleted());
        row(h, "Points", t.points());
        row(h, "Vouchers issued", t.vouchersIssued());
        row(h, "Vouchers redeemed", t.vouchersRedeemed());
        row(h, "Suspicious-activity flags", t.suspiciousFlags());
        s.expiringPoints()
                .ifPresent(e -> row(h, "Points expiring within " + e.withinDays() + " days (all members)", e.points()));
        h.append("<tr><td>Came back within 30 days</td><td>")
                .append(t.returningShare()
                        .map(share -> String.format(
                                Locale.ROOT, "%.0f %% (%d of %d)", share * 100, t.returningMembers(), t.membersSeen()))
                        .orElse("–"))
                .append("</td></tr>\n</table></section>\n");

        h.append("<section id=\"clock\"><h2>Clock</h2><p>")
                .append(p.local(s.taken()).format(DATE_TIME))
                .append(' ')
                .append(escape(s.clock().zone().getId()))
                .append(": ")
                .append(
                        s.clock().synchronised()
                                ? "<span class=\"ok\">synchronised</span>"
                                : "<span class=\"bad\">not synchronised</span> (awards are recorded as untrusted time)")
                .append("</p></section>\n");
        h.append("<section id=\"software\"><h2>Software</h2><p>loyalty-terminal ")
                .append(escape(s.software().version()))
                .append(", running for ")
                .append(duration(s.software().uptime()))
                .append("</p></section>\n");
        h.append("<footer>Refreshes every ")
                .append(REFRESH_SECONDS)
                .append(" s. Also as <a href=\"status.json\">JSON</a> and ")
                .append("<a href=\"metrics\">metrics</a>.</footer>\n</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String severity(Problem problem) {
        return switch (problem.severity()) {
            case NOTICE -> "<span class=\"warn\">Note</span>";
            case FAULT -> "<span class=\"bad\">Fault</span>";
            case STUCK -> "<span class=\"bad\">Stuck</span>";
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void row(StringBuilder h, String label, long value) {
        h.append("<tr><td>").append(label).append("</td><td>").append(value).append("</td></tr>\n");
    }

    private static String title(DeviceKind kind) {
        return switch (kind) {
            case SCANNER -> "Barcode scanner";
            case NFC_READER -> "Card reader (NFC)";
            case PRINTER -> "Receipt printer";
        };
    }

    private static String deviceState(DeviceState state) {
        return switch (state) {
            case CONNECTED -> "<span class=\"ok\">connected</span>";
            case DISCONNECTED -> "<span class=\"bad\">not connected</span>";
            case STOPPED -> "<span class=\"dim\">stopped</span>";
            case NOT_CONFIGURED -> "<span class=\"dim\">not configured</span>";
        };
    }

    private static String paper(PaperState paper) {
        return switch (paper) {
            case OK -> "<span class=\"ok\">ok</span>";
            case NEAR_END -> "<span class=\"bad\">running low</span>";
            case OUT -> "<span class=\"bad\">out</span>";
            case UNKNOWN -> "<span class=\"dim\">unknown</span>";
        };
    }

    private static String validity(StatusSnapshot.Campaign c, Page p) {
        String from = c.validFrom().map(p::date).orElse("always");
        String until = c.validUntil().map(p::date).orElse("open end");
        return "<span class=\"dim\">"
                + (c.validFrom().isEmpty() && c.validUntil().isEmpty()
                        ? "no end date"
                        : "from " + from + " until " + until)
                + "</span>";
    }

    /** "3 h 12 min", "45 s": coarse, as a manager reads it. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Times relative to the snapshot, in the store's zone. */
    private record Page(StatusSnapshot s) {
        ZonedDateTime local(Instant at) {
            return at.atZone(s.clock().zone());
        }

        String when(Instant at) {
            ZonedDateTime local = local(at);
            String clock = local.toLocalDate()
                            .equals(LocalDate.ofInstant(s.taken(), s.clock().zone()))
                    ? local.format(TIME)
                    : local.format(DATE_TIME);
            Duration ago = Duration.between(at, s.taken());
            return clock + (ago.isNegative() ? "" : " (" + duration(ago) + " ago)");
        }

        String date(Instant at) {
            return local(at).format(DATE_TIME);
        }
    }
}
