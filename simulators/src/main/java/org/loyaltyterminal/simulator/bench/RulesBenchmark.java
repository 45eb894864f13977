package org.loyaltyterminal.simulator.bench;

import com.sun.management.ThreadMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.engine.MemberHistory;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.RuleTime;
import org.loyaltyterminal.core.engine.Situation;
import org.loyaltyterminal.core.engine.VisitInput;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;

/**
 * The campaign engine alone, in this JVM, with no I/O: how long a large bundle takes to load and
 * validate, and how long the engine takes to judge a full visit against it.
 *
 * <p>The bundle is generated: {@code campaigns} campaigns, all in force at the bench's instant
 * (validity, scope and schedule all include it), none exclusive (an exclusive one that awards would
 * stop the evaluation early and flatter the figure), a mix of every rule kind with limits on a
 * third of them, and a product table of {@code 20 x campaigns} priced products in 50 categories.
 *
 * <p>One visit is what a cashier does: the member card (bonuses, safeguards), 30 item scans, the
 * receipt; 32 engine calls, each given the member state and the items scanned before it, as the
 * till does. The member has a history (60 visits, 600 recent award rows) so limits and safeguards
 * have real work to do. Figures are per visit and per engine call, nearest-rank percentiles.
 */
public final class RulesBenchmark {
    static final Instant AT = Instant.parse("2026-06-12T15:30:00Z"); // a Friday, 17:30 in Berlin
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final int CATEGORIES = 50;

    private final PrintWriter out;

    public RulesBenchmark(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The figures one run produced, for tests and the command's exit code. */
    public record Result(
            long loadP50Nanos, long visitP50Nanos, long visitP99Nanos, long callP99Nanos, long awardsPerVisit) {}

    /**
     * Generates the bundle, measures its loads and then the visits against it, prints the figures
     * and returns them.
     *
     * @param campaigns how many campaigns the bundle holds (500 for the target)
     * @param items     item scans per visit (30)
     * @param visits    visits measured after as many warm-up visits
     * @param loads     bundle loads measured after a few warm-up loads
     * @param everyItem the heavy workload of {@link #bundleJson(int, boolean)}
     */
    public Result run(int campaigns, int items, int visits, int loads, boolean everyItem) {
        String json = bundleJson(campaigns, everyItem);
        out.printf(
                "rules benchmark (%s workload): %d campaigns, %d products, %d items per visit, %d bundle bytes%n",
                everyItem ? "every-item" : "typical", campaigns, campaigns * 20, items, json.length());
        out.printf(
                "JVM %s, %d processors available%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        CampaignFileLoader loader = new CampaignFileLoader();
        long firstLoad = System.nanoTime();
        CampaignBundle bundle = loader.parse(json, "bench-campaigns.json");
        firstLoad = System.nanoTime() - firstLoad;
        Latencies load = new Latencies(loads);
        for (int i = 0; i < Math.max(3, loads / 5); i++) {
            loader.parse(json, "bench-campaigns.json");
        }
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            loader.parse(json, "bench-campaigns.json");
            load.add(System.nanoTime() - start);
        }
        if (bundle.campaigns().size() != campaigns) {
            throw new IllegalStateException("the generated bundle holds "
                    + bundle.campaigns().size() + " campaigns, not " + campaigns + "; the generator is wrong");
        }
        out.printf("load + validate bundle: first (cold JVM) %s; warm %s%n", Latencies.ms(firstLoad), load.summary());

        LoyaltyEngine engine = new LoyaltyEngine();
        MemberState member = member(campaigns);
        List<VisitInput.ItemScanned> basket = basket(items, campaigns);
        for (int i = 0; i < visits; i++) {
            visit(engine, bundle, member, basket, i, new Latencies(items + 2));
        }
        Latencies perVisit = new Latencies(visits);
        Latencies perCall = new Latencies(visits * (items + 2));
        long awards = 0;
        long collectionsBefore = collections();
        long allocatedBefore = allocatedByThisThread();
        for (int i = 0; i < visits; i++) {
            long start = System.nanoTime();
            awards = visit(engine, bundle, member, basket, i, perCall);
            perVisit.add(System.nanoTime() - start);
        }
        long allocated = allocatedByThisThread() - allocatedBefore;
        long collections = collections() - collectionsBefore;
        out.printf(
                "evaluate one visit (card + %d items + receipt, %d awards): %s%n", items, awards, perVisit.summary());
        out.printf("evaluate one scan (engine call):                       %s%n", perCall.summary());
        // The tail of a visit is mostly collector pauses: what a visit allocates sets how often they come.
        out.printf(
                "allocated per visit: %s; garbage collections while measuring: %d%n",
                allocated < 0 ? "n/a" : (allocated / visits / 1024) + " KiB", collections);
        out.printf(
                "target: p99 of a whole visit under 1 ms: %s%n",
                perVisit.percentile(99) < 1_000_000 ? "met" : "MISSED");
        return new Result(
                load.percentile(50), perVisit.percentile(50), perVisit.percentile(99), perCall.percentile(99), awards);
    }

    /** Bytes this thread allocated so far, or -1 where the JVM does not say (the figure is then omitted). */
    private static long allocatedByThisThread() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static long collections() {
        long total = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    private static long visit(
            LoyaltyEngine engine,
            CampaignBundle bundle,
            MemberState member,
            List<VisitInput.ItemScanned> basket,
            int n,
            Latencies perCall) {
        String visitId = "bench-visit-" + n;
        long awards = 0;
        List<VisitInput.ItemScanned> earlier = new ArrayList<>(basket.size());
        long start = System.nanoTime();
        List<Award> opened =
                engine.evaluate(new VisitInput.VisitOpened(false), member, bundle, situation(visitId, earlier));
        perCall.add(System.nanoTime() - start);
        awards += opened.size();
        for (VisitInput.ItemScanned item : basket) {
            start = System.nanoTime();
            List<Award> got = engine.evaluate(item, member, bundle, situation(visitId, earlier));
            perCall.add(System.nanoTime() - start);
            awards += got.size();
            earlier.add(item);
        }
        start = System.nanoTime();
        List<Award> receipt = engine.evaluate(
                new VisitInput.ReceiptScanned("bench-r-" + n, 12_345), member, bundle, situation(visitId, earlier));
        perCall.add(System.nanoTime() - start);
        return awards + receipt.size();
    }

    private static Situation situation(String visitId, List<VisitInput.ItemScanned> earlier) {
        return new Situation("bench-store", "bench-till", ZONE, RuleTime.trusted(AT), visitId, earlier);
    }

    /** 30 distinct products spread over the table, so every kind of campaign finds something. */
    static List<VisitInput.ItemScanned> basket(int items, int campaigns) {
        List<VisitInput.ItemScanned> basket = new ArrayList<>(items);
        int products = campaigns * 20;
        for (int i = 0; i < items; i++) {
            basket.add(new VisitInput.ItemScanned(code((i * 7919L) % products), 1 + i % 3));
        }
        return basket;
    }

    /** A regular: stamps on many cards, 60 visits, 600 award rows of the last days. */
    static MemberState member(int campaigns) {
        Map<String, Integer> stamps = new HashMap<>();
        Map<String, MemberHistory.Tally> tallies = new HashMap<>();
        List<MemberHistory.PastAward> recent = new ArrayList<>();
        List<Instant> visits = new ArrayList<>();
        for (int v = 0; v < 60; v++) {
            visits.add(AT.minusSeconds(3_600L * 7 * (v + 1)));
        }
        for (int i = 0; i < 600; i++) {
            String campaign = campaignId(i % campaigns);
            recent.add(new MemberHistory.PastAward(
                    campaign,
                    1,
                    5,
                    0,
                    AT.minusSeconds(600L * (i + 1)),
                    "old-visit-" + i / 20,
                    i % 2 == 0 ? "bench-till" : "other-till"));
        }
        for (int c = 0; c < campaigns; c += 2) {
            stamps.put(campaignId(c), c % 7);
            tallies.put(
                    campaignId(c),
                    new MemberHistory.Tally(
                            c % 11, c % 13 * 10L, 0, Optional.of(AT.minusSeconds(86_400L * (c % 5 + 1)))));
        }
        return new MemberState(
                5_000, stamps, new MemberHistory(Optional.of(MonthDay.of(3, 14)), visits, tallies, recent));
    }

    static String campaignId(int i) {
        return String.format(Locale.ROOT, "c%04d", i);
    }

    static String code(long i) {
        return String.format(Locale.ROOT, "20%011d", i);
    }

    /**
     * A format 3 bundle of {@code campaigns} campaigns, all in force at {@link #AT} at bench-store/bench-till.
     *
     * @param everyItem the heavy workload: a tenth of the campaigns award points on every item, so a
     *                  30-item visit earns some 1,600 awards; otherwise (typical) 5 of them do and the
     *                  rest of the points-per-item campaigns qualify on three categories each
     */
    public static String bundleJson(int campaigns, boolean everyItem) {
        StringBuilder json = new StringBuilder(campaigns * 400);
        json.append(
                "{\"format\": 3, \"version\": 1,\n\"safeguards\": {\"suspiciousVisitsPerDay\": 8},\n\"products\": [\n");
        int products = campaigns * 20;
        for (int p = 0; p < products; p++) {
            json.append(p == 0 ? "" : ",\n")
                    .append("{\"code\": \"")
                    .append(code(p))
                    .append("\", \"category\": \"cat")
                    .append(p % CATEGORIES)
                    .append("\", \"name\": \"Product ")
                    .append(p)
                    .append("\", \"priceCents\": ")
                    .append(100 + p % 900)
                    .append('}');
        }
        json.append(
                "],\n\"rewards\": [{\"id\": \"bench-reward\", \"slot\": 1, \"text\": \"Bench reward\", \"valueCents\": 100,"
                        + " \"validDays\": 30}],\n\"campaigns\": [\n");
        for (int c = 0; c < campaigns; c++) {
            json.append(c == 0 ? "" : ",\n").append(campaign(c, products, everyItem));
        }
        return json.append("]}\n").toString();
    }

    private static String campaign(int c, int products, boolean everyItem) {
        String id = campaignId(c);
        String common = "\"id\": \"" + id + "\", \"priority\": " + (c % 21 - 10)
                + ", \"validFrom\": \"2026-01-01T00:00:00Z\", \"validUntil\": \"2030-01-01T00:00:00Z\""
                + (c % 3 == 0 ? ", \"limits\": {\"perVisit\": 50, \"perDay\": 100, \"perMember\": 100000}" : "")
                + (c % 4 == 0 ? ", \"scope\": {\"stores\": [\"bench-store\", \"store-" + c + "\"]}" : "")
                + (c % 5 == 0
                        ? ", \"schedule\": {\"days\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\", \"SAT\"],"
                                + " \"from\": \"07:00\", \"until\": \"22:00\"}"
                        : "");
        String cat = "\"cat" + c % CATEGORIES + "\"";
        String codes = "\"" + code(c % products) + "\", \"" + code((c * 31L + 7) % products) + "\", \""
                + code((c * 97L + 3) % products) + "\"";
        return switch (c % 10) {
            case 0, 1 ->
                "{" + common + ", \"type\": \"stamp-card\", \"qualifying\": {\"codes\": [" + codes + "]},"
                        + " \"stampsPerItem\": 1, \"cardSize\": 10, \"reward\": \"Free item\"}";
            case 2, 9 ->
                "{" + common + ", \"type\": \"stamp-card\", \"qualifying\": {\"categories\": [" + cat + "]},"
                        + " \"stampsPerItem\": 2, \"cardSize\": 8, \"reward\": \"Free item\""
                        + (c % 20 == 2 ? ", \"voucher\": \"bench-reward\"" : "") + "}";
            case 3 ->
                "{" + common + ", \"type\": \"points\", \"pointsPerUnit\": 1, \"categoryMultipliers\": {" + cat
                        + ": 2}," + " \"excludedCategories\": [\"cat" + (c + 1) % CATEGORIES + "\"]}";
            case 4 ->
                "{" + common + ", \"type\": \"points\", \"basis\": \"items\", \"pointsPerUnit\": 10,"
                        + " \"rounding\": \"half-up\", \"qualifying\": {\"categories\": [" + cat + ", \"cat"
                        + (c + 2) % CATEGORIES + "\"]}}";
            // points per item: on every item (all 50 in the "every item" workload, 5 in the typical one), else on 3
            // categories
            case 5 ->
                "{" + common + ", \"type\": \"points\", \"pointsPerItem\": 5, \"excludedCategories\": [" + cat + "]"
                        + (everyItem || c % 100 == 5
                                ? ""
                                : ", \"qualifying\": {\"categories\": [\"cat" + (c + 1) % CATEGORIES + "\", \"cat"
                                        + (c + 2) % CATEGORIES + "\", \"cat" + (c + 3) % CATEGORIES + "\"]}")
                        + "}";
            case 6 ->
                "{" + common + ", \"type\": \"bonus\", \"trigger\": \"nth-visit\", \"n\": " + (2 + c % 9)
                        + ", \"period\": \"" + (c % 2 == 0 ? "week" : "month") + "\", \"points\": 30}";
            case 7 ->
                "{" + common + ", \"type\": \"buy-x-get-y\", \"qualifying\": {\"categories\": [" + cat + "]},"
                        + " \"buy\": 3, \"voucher\": \"bench-reward\"}";
            default ->
                "{" + common + ", \"type\": \"points\", \"pointsPerItem\": 1, \"qualifying\": {\"codes\": [" + codes
                        + "]}, \"categoryMultipliers\": {" + cat + ": 3}}";
        };
    }
}
