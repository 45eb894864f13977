package org.loyaltyterminal.hq.figures;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Figures as a table for people: plain words, local dates; the JSON has the same numbers. */
public final class FiguresTable {
    /** The daily series is shown for periods up to this long; the weekly one for longer than a week. */
    static final int DAYS_SHOWN = 31;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    public String render(Figures figures) {
        ReportPeriod period = figures.period();
        Flows totals = figures.summary().flows();
        Members m = figures.summary().members();
        StringBuilder out = new StringBuilder();
        out.append("Programme figures of ").append(figures.scope().describe()).append('\n');
        out.append(date(period.from()))
                .append(" to ")
                .append(date(period.lastDay()))
                .append(": ")
                .append(period.days())
                .append(period.days() == 1 ? " day" : " days")
                .append(", dates in ")
                .append(period.zone().getId())
                .append('\n');
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(row("new members (first enrolment in the chain)", totals.enrolments(), ""));
        rows.add(row("visits", totals.visits(), ""));
        rows.add(row("members who visited", m.visitors(), ""));
        rows.add(row("  of them twice or more", m.repeatVisitors(), "repeat-purchase rate " + percent(m.repeatRate())));
        rows.add(row("members active in the " + period.days() + " days before the period", m.previousActive(), ""));
        rows.add(row(
                "  of them back in this period",
                m.retained(),
                "retention " + percent(m.retention()) + ", churn " + percent(m.churn())));
        rows.add(row("members active in the 30 days to " + date(period.lastDay()), m.active30(), ""));
        rows.add(row("members active in the 90 days to " + date(period.lastDay()), m.active90(), ""));
        rows.add(row("points issued", totals.pointsIssued(), ""));
        rows.add(row("points redeemed (spent on vouchers)", totals.pointsRedeemed(), ""));
        rows.add(row("vouchers issued", totals.vouchersIssued(), ""));
        rows.add(row("vouchers redeemed", totals.vouchersRedeemed(), ""));
        table(out, rows, "LRL");

        out.append("\nBy campaign (points, stamps and vouchers; HQ knows no money values)\n");
        if (figures.campaigns().isEmpty()) {
            out.append("  none in this period\n");
        } else {
            List<String[]> campaigns = new ArrayList<>();
            campaigns.add(
                    new String[] {"campaign", "points issued", "points redeemed", "stamps issued", "vouchers issued"});
            for (CampaignFigures c : figures.campaigns()) {
                campaigns.add(new String[] {
                    c.campaign().isEmpty() ? "(no campaign)" : c.campaign(),
                    Long.toString(c.pointsIssued()),
                    Long.toString(c.pointsRedeemed()),
                    Long.toString(c.stampsIssued()),
                    Long.toString(c.vouchersIssued())
                });
            }
            table(out, campaigns, "LRRRR");
        }
        if (period.days() > 7) {
            out.append("\nBy week (Monday to Sunday)\n");
            series(out, "week", figures.weeks());
        }
        if (period.days() <= DAYS_SHOWN) {
            out.append("\nBy day\n");
            series(out, "day", figures.days());
        }
        return out.toString();
    }

    private static void series(StringBuilder out, String what, List<SeriesPoint> points) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            what, "visits", "new members", "points issued", "points redeemed", "vouchers issued", "vouchers redeemed"
        });
        for (SeriesPoint point : points) {
            LocalDate last = point.end().minusDays(1);
            Flows f = point.flows();
            rows.add(new String[] {
                last.equals(point.start()) ? date(point.start()) : date(point.start()) + " to " + date(last),
                Long.toString(f.visits()),
                Long.toString(f.enrolments()),
                Long.toString(f.pointsIssued()),
                Long.toString(f.pointsRedeemed()),
                Long.toString(f.vouchersIssued()),
                Long.toString(f.vouchersRedeemed())
            });
        }
        table(out, rows, "LRRRRRR");
    }

    private static String[] row(String label, long value, String note) {
        return new String[] {label, Long.toString(value), note};
    }

    /** Columns padded to their widest cell, each aligned as {@code align} says: 'L'eft or 'R'ight. */
    private static void table(StringBuilder out, List<String[]> rows, String align) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                if (width[i] == 0) {
                    continue;
                }
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(align.charAt(i) == 'L' ? cell + pad : pad + cell);
                line.append(i < columns - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String date(LocalDate day) {
        return DATE.format(day);
    }

    private static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.1f%%", share.getAsDouble() * 100) : "n/a";
    }
}
