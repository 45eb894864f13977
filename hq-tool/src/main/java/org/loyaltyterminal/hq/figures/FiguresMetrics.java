package org.loyaltyterminal.hq.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures as Prometheus gauges, per chain (no {@code store} label: members counted once
 * however many stores they visited) and per store: today so far and the 30 days ending today,
 * active members over 30 and 90 days. Computing them reads every chain's events of the last 90
 * days or so, so they are computed at most once per {@code maxAge} and kept; scrapes in between
 * get the kept ones, and {@code loyalty_figures_computed_timestamp_seconds} says when they were made.
 */
final class FiguresMetrics {
    private static final Logger log = LoggerFactory.getLogger(FiguresMetrics.class);
    private static final String TODAY = "today";
    private static final String DAYS_30 = "30d";

    private final FiguresSource source;
    private final ZoneId zone;
    private final InstantSource clock;
    private final Duration maxAge;
    private Computed computed; // guarded by this

    /** Each chain's figures for the two windows (today's without member counts, which read 90 days). */
    private record ChainWindows(ChainFlows today, ChainSummary last30) {}

    /** One computation: when, how long it took, and its figures, or none when the database failed. */
    private record Computed(Instant at, double seconds, Optional<List<ChainWindows>> chains) {}

    FiguresMetrics(FiguresSource source, ZoneId zone, InstantSource clock, Duration maxAge) {
        this.source = source;
        this.zone = zone;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Writes the kept figures, computing them first when they are older than {@code maxAge}. */
    synchronized void write(PrometheusText out) {
        Instant now = clock.instant();
        if (computed == null || !now.isBefore(computed.at().plus(maxAge))) {
            computed = compute(now);
        }
        render(computed, out);
    }

    private Computed compute(Instant now) {
        long started = System.nanoTime();
        Optional<List<ChainWindows>> chains;
        try {
            LocalDate today = LocalDate.ofInstant(now, zone);
            ReportPeriod todaySoFar = ReportPeriod.lastDays(1, today, zone);
            ReportPeriod last30 = ReportPeriod.lastDays(30, today, zone);
            List<ChainWindows> all = new ArrayList<>();
            for (String chain : source.chains()) {
                all.add(new ChainWindows(source.flows(chain, todaySoFar), source.summary(chain, last30)));
            }
            chains = Optional.of(all);
        } catch (RuntimeException e) {
            log.warn("the figures for /metrics could not be computed: {}", e.getMessage());
            chains = Optional.empty();
        }
        return new Computed(now, (System.nanoTime() - started) / 1e9, chains);
    }

    private static void render(Computed computed, PrometheusText out) {
        out.gauge("loyalty_figures_up", "1 when the programme figures below could be computed, 0 when not")
                .sample(computed.chains().isPresent() ? 1 : 0);
        out.gauge(
                        "loyalty_figures_computed_timestamp_seconds",
                        "When the programme figures were last computed (they are kept for a while between scrapes)")
                .sample(computed.at().toEpochMilli() / 1000.0);
        out.gauge("loyalty_figures_computation_seconds", "How long computing the programme figures took")
                .sample(computed.seconds());
        if (computed.chains().isEmpty()) {
            return;
        }
        List<ChainWindows> chains = computed.chains().get();
        PrometheusText.Family active = out.gauge(
                "loyalty_active_members",
                "Distinct members with a visit in the window (the 30 or 90 days ending today)");
        members(active, chains, DAYS_30, m -> whole(m.active30()));
        members(active, chains, "90d", m -> whole(m.active90()));
        flow(
                out,
                chains,
                "loyalty_visits",
                "Visits in the window (today so far, or the 30 days ending today)",
                Flows::visits);
        flow(
                out,
                chains,
                "loyalty_enrolments",
                "Members whose first enrolment in the chain was in the window",
                Flows::enrolments);
        flow(
                out,
                chains,
                "loyalty_points_issued",
                "Points issued in the window (positive points, HQ_BALANCE left out)",
                Flows::pointsIssued);
        flow(out, chains, "loyalty_points_redeemed", "Points spent on vouchers in the window", Flows::pointsRedeemed);
        flow(out, chains, "loyalty_vouchers_issued", "Vouchers issued in the window", Flows::vouchersIssued);
        flow(out, chains, "loyalty_vouchers_redeemed", "Vouchers redeemed in the window", Flows::vouchersRedeemed);
        members(
                out.gauge(
                        "loyalty_repeat_visitors_ratio",
                        "Share of the window's visiting members with two visits or more (absent when nobody visited)"),
                chains,
                DAYS_30,
                Members::repeatRate);
        members(
                out.gauge(
                        "loyalty_retention_ratio",
                        "Share of the members active in the 30 days before the window who came again in it"
                                + " (absent when there were none); churn is 1 minus this"),
                chains,
                DAYS_30,
                Members::retention);
    }

    /** One family's samples of a flow: today's and the 30 days'. */
    private static void flow(
            PrometheusText out, List<ChainWindows> chains, String name, String help, Function<Flows, Long> value) {
        PrometheusText.Family family = out.gauge(name, help);
        for (ChainWindows windows : chains) {
            ChainFlows today = windows.today();
            sample(family, labels(today.chain(), Optional.empty(), TODAY), whole(value.apply(today.whole())));
            today.stores()
                    .forEach((store, flows) -> sample(
                            family, labels(today.chain(), Optional.of(store), TODAY), whole(value.apply(flows))));
        }
        for (ChainWindows windows : chains) {
            ChainSummary last30 = windows.last30();
            sample(
                    family,
                    labels(last30.chain(), Optional.empty(), DAYS_30),
                    whole(value.apply(last30.whole().flows())));
            last30.stores()
                    .forEach((store, summary) -> sample(
                            family,
                            labels(last30.chain(), Optional.of(store), DAYS_30),
                            whole(value.apply(summary.flows()))));
        }
    }

    /** One sample per chain and per store of it from the 30 days' member counts; none where the value is undefined. */
    private static void members(
            PrometheusText.Family family,
            List<ChainWindows> chains,
            String windowLabel,
            Function<Members, OptionalDouble> value) {
        for (ChainWindows windows : chains) {
            ChainSummary summary = windows.last30();
            sample(
                    family,
                    labels(summary.chain(), Optional.empty(), windowLabel),
                    value.apply(summary.whole().members()));
            summary.stores()
                    .forEach((store, figures) -> sample(
                            family,
                            labels(summary.chain(), Optional.of(store), windowLabel),
                            value.apply(figures.members())));
        }
    }

    private static void sample(PrometheusText.Family family, Map<String, String> labels, OptionalDouble value) {
        if (value.isPresent()) {
            family.sample(labels, value.getAsDouble());
        }
    }

    private static Map<String, String> labels(String chain, Optional<String> store, String window) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("chain", chain);
        store.ifPresent(id -> labels.put("store", id));
        labels.put("window", window);
        return labels;
    }

    private static OptionalDouble whole(long value) {
        return OptionalDouble.of((double) value); // counts stay far below 2^53
    }
}
