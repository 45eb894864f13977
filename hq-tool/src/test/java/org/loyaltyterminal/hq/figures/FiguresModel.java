package org.loyaltyterminal.hq.figures;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures recomputed in plain Java from the events as HQ received them, event by event, with
 * the definitions of docs/hq-tool.md written out again; the property test holds the SQL to it.
 */
final class FiguresModel {
    private static final Set<String> NOT_VISITS =
            Set.of("CARD_UNLINKED", "REFUND", "HQ_BALANCE", "MEMBER_ERASED", "ADJUSTMENT", "REFERRAL_BONUS");

    /** One stored event: where, what, and when it counts (its wall time, else when HQ received it). */
    record Stored(
            String chain,
            String store,
            String terminal,
            String type,
            String member,
            String campaign,
            long points,
            long stamps,
            String visit,
            Instant at) {
        boolean isVisit() {
            return member != null && visit != null && !visit.isEmpty() && type != null && !NOT_VISITS.contains(type);
        }

        long pointsIssued() {
            return points > 0 && type != null && !type.equals("HQ_BALANCE") ? points : 0;
        }

        long pointsRedeemed() {
            return "VOUCHER_ISSUED".equals(type) && points < 0 ? -points : 0;
        }

        long stampsIssued() {
            return stamps > 0 && type != null && !type.equals("HQ_BALANCE") ? stamps : 0;
        }
    }

    private final List<Stored> events;

    FiguresModel(List<Stored> events) {
        this.events = List.copyOf(events);
    }

    Figures figures(Scope scope, ReportPeriod period) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        for (LocalDate day = period.from(); day.isBefore(period.to()); day = day.plusDays(1)) {
            perDay.put(day, new long[6]);
        }
        // visits: (terminal, visit) -> the first time
        Map<List<String>, Instant> firstOfVisit = new HashMap<>();
        Set<List<Object>> enrolled = new HashSet<>(); // (day, member)
        Map<String, long[]> campaigns = new TreeMap<>();
        for (Stored e : events) {
            if (!in(e, scope) || !between(e.at(), period.start(), period.end())) {
                continue;
            }
            long[] day = perDay.get(LocalDate.ofInstant(e.at(), period.zone()));
            if (e.isVisit()) {
                firstOfVisit.merge(List.of(e.terminal(), e.visit()), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (isFirstEnrolment(e)) {
                enrolled.add(List.of(LocalDate.ofInstant(e.at(), period.zone()), e.member()));
            }
            day[2] += e.pointsIssued();
            day[3] += e.pointsRedeemed();
            day[4] += "VOUCHER_ISSUED".equals(e.type()) ? 1 : 0;
            day[5] += "VOUCHER_REDEEMED".equals(e.type()) ? 1 : 0;
            long[] campaign = campaigns.computeIfAbsent(e.campaign() == null ? "" : e.campaign(), k -> new long[4]);
            campaign[0] += e.pointsIssued();
            campaign[1] += e.pointsRedeemed();
            campaign[2] += e.stampsIssued();
            campaign[3] += "VOUCHER_ISSUED".equals(e.type()) ? 1 : 0;
        }
        firstOfVisit.values().forEach(first -> perDay.get(LocalDate.ofInstant(first, period.zone()))[0]++);
        enrolled.forEach(key -> perDay.get((LocalDate) key.get(0))[1]++);

        List<SeriesPoint> days = new ArrayList<>();
        perDay.forEach((day, n) -> days.add(new SeriesPoint(day, day.plusDays(1), flows(n))));
        Map<LocalDate, long[]> perWeek = new TreeMap<>();
        perDay.forEach((day, n) -> {
            long[] week = perWeek.computeIfAbsent(
                    day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), k -> new long[6]);
            for (int i = 0; i < 6; i++) {
                week[i] += n[i];
            }
        });
        List<SeriesPoint> weeks = new ArrayList<>();
        perWeek.forEach((monday, n) -> weeks.add(new SeriesPoint(
                monday.isBefore(period.from()) ? period.from() : monday,
                monday.plusDays(7).isAfter(period.to()) ? period.to() : monday.plusDays(7),
                flows(n))));
        long[] total = new long[6];
        perDay.values().forEach(n -> {
            for (int i = 0; i < 6; i++) {
                total[i] += n[i];
            }
        });
        List<CampaignFigures> campaignFigures = new ArrayList<>();
        campaigns.forEach((id, n) -> {
            if (n[0] != 0 || n[1] != 0 || n[2] != 0 || n[3] != 0) {
                campaignFigures.add(new CampaignFigures(id, n[0], n[1], n[2], n[3]));
            }
        });
        return new Figures(
                scope, period, new Summary(flows(total), members(scope, period)), campaignFigures, days, weeks);
    }

    Summary summary(Scope scope, ReportPeriod period) {
        return figures(scope, period).summary();
    }

    private Members members(Scope scope, ReportPeriod period) {
        Map<String, Set<List<String>>> visitsInPeriod = new HashMap<>();
        Set<String> previous = new HashSet<>();
        Set<String> last30 = new HashSet<>();
        Set<String> last90 = new HashSet<>();
        for (Stored e : events) {
            if (!in(e, scope) || !e.isVisit()) {
                continue;
            }
            if (between(e.at(), period.start(), period.end())) {
                visitsInPeriod.computeIfAbsent(e.member(), m -> new HashSet<>()).add(List.of(e.terminal(), e.visit()));
            }
            if (between(e.at(), period.previousStart(), period.start())) {
                previous.add(e.member());
            }
            if (between(e.at(), period.windowStart(30), period.end())) {
                last30.add(e.member());
            }
            if (between(e.at(), period.windowStart(90), period.end())) {
                last90.add(e.member());
            }
        }
        long repeat =
                visitsInPeriod.values().stream().filter(v -> v.size() >= 2).count();
        long retained = previous.stream().filter(visitsInPeriod::containsKey).count();
        return new Members(last30.size(), last90.size(), visitsInPeriod.size(), repeat, previous.size(), retained);
    }

    /** An ENROLLED event of a member with no ENROLLED event of that member earlier in the same chain. */
    private boolean isFirstEnrolment(Stored e) {
        if (!"ENROLLED".equals(e.type()) || e.member() == null) {
            return false;
        }
        for (Stored other : events) {
            if ("ENROLLED".equals(other.type())
                    && e.member().equals(other.member())
                    && e.chain().equals(other.chain())
                    && other.at().isBefore(e.at())) {
                return false;
            }
        }
        return true;
    }

    private static boolean in(Stored e, Scope scope) {
        return e.chain().equals(scope.chain())
                && scope.store().map(store -> store.equals(e.store())).orElse(true);
    }

    private static boolean between(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static Flows flows(long[] n) {
        return new Flows(n[0], n[1], n[2], n[3], n[4], n[5]);
    }
}
