package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.store.FiguresQueries;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/**
 * {@link FiguresHttp} on a loopback port, over the fortnight of {@link FiguresQueriesTest} in a
 * SQLite file, asked with {@link HttpClient} (and a raw socket for what a client library would
 * not send). "Today" is Saturday 14 March 2026 in Berlin.
 */
class FiguresHttpTest {
    private static final Instant NOW = Instant.parse("2026-03-14T20:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** name{labels} value: the exposition format's sample line. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private TestDatabase db;
    private JdbcEventStore store;
    private FiguresHttp http;

    @BeforeEach
    void start() {
        db = TestDatabases.Kind.SQLITE.create(dir);
        store = db.open(InstantSource.fixed(FiguresQueriesTest.STORED_AT));
        FiguresQueriesTest.store(store);
        http = start(new FiguresQueries(store.database()));
    }

    private FiguresHttp start(FiguresSource source) {
        return FiguresHttp.start(
                new FiguresHttp.Settings(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), FiguresQueriesTest.BERLIN, MAX_AGE),
                source,
                now::get,
                out -> out.counter("hq_test_batches_total", "Batches stored\nby \\ each worker")
                        .sample(Map.of("worker", "w\"1\\\n"), 42),
                problem::get);
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
        db.close();
    }

    @Test
    void figuresAreJson() throws Exception {
        HttpResponse<String> response = get("/figures?chain=acme&from=2026-03-02&to=2026-03-16");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode figures = json.readTree(response.body());
        assertEquals("acme", figures.path("chain").asText());
        assertTrue(figures.path("store").isNull());
        assertEquals("Europe/Berlin", figures.path("zone").asText());
        assertEquals(14, figures.path("days").asInt());
        assertEquals(9, figures.path("totals").path("visits").asInt());
        assertEquals(187, figures.path("totals").path("pointsIssued").asInt());
        assertEquals(0.8, figures.path("members").path("repeatRate").asDouble(), 1e-9);
        assertEquals(0.25, figures.path("members").path("churn").asDouble(), 1e-9);
        assertEquals(4, figures.path("campaigns").size());
        assertTrue(figures.path("campaigns").get(0).path("campaign").isNull(), "points of no campaign");
        assertEquals(14, figures.path("series").path("days").size());
        assertEquals(2, figures.path("series").path("weeks").size());
        assertEquals(
                "2026-03-09",
                figures.path("series").path("weeks").get(1).path("start").asText());

        JsonNode s1 = json.readTree(get("/figures?chain=acme&store=s1&from=2026-03-02&to=2026-03-16")
                .body());
        assertEquals("s1", s1.path("store").asText());
        assertEquals(4, s1.path("totals").path("visits").asInt());

        JsonNode lastThirtyDays = json.readTree(get("/figures?chain=acme").body());
        assertEquals("2026-02-13", lastThirtyDays.path("from").asText(), "the 30 days ending today");
        assertEquals("2026-03-15", lastThirtyDays.path("to").asText());

        JsonNode nobody = json.readTree(get("/figures?store=&chain=nobody").body());
        assertTrue(nobody.path("store").isNull(), "an empty parameter counts as absent");
        assertEquals(0, nobody.path("totals").path("visits").asInt());
    }

    @Test
    void metricsParseLineByLine() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Double> samples = parse(response.body());

        assertEquals(1.0, samples.get("loyalty_figures_up"));
        assertEquals((double) NOW.getEpochSecond(), samples.get("loyalty_figures_computed_timestamp_seconds"));
        // The 30 days ending today are 13 February to 14 March: hugo, anna, bob, carl, dora, emil;
        // gus's visit of 20 December falls within the 90 days.
        assertEquals(6.0, samples.get("loyalty_active_members{chain=acme,window=30d}"));
        assertEquals(7.0, samples.get("loyalty_active_members{chain=acme,window=90d}"));
        assertEquals(4.0, samples.get("loyalty_active_members{chain=acme,store=s1,window=30d}"));
        // Today: emil enrols and redeems a voucher.
        assertEquals(1.0, samples.get("loyalty_visits{chain=acme,window=today}"));
        assertEquals(1.0, samples.get("loyalty_enrolments{chain=acme,window=today}"));
        assertEquals(1.0, samples.get("loyalty_vouchers_redeemed{chain=acme,window=today}"));
        assertEquals(0.0, samples.get("loyalty_visits{chain=acme,store=s1,window=today}"));
        // 30 days: the four visits of the fortnight before and the nine of the fortnight itself.
        assertEquals(13.0, samples.get("loyalty_visits{chain=acme,window=30d}"));
        assertEquals(1000.0, samples.get("loyalty_points_issued{chain=zeta,window=30d}"));
        assertEquals(0.0, samples.get("loyalty_visits{chain=acme,store=s3,window=30d}"), "a store without visits");
        assertFalse(
                samples.containsKey("loyalty_repeat_visitors_ratio{chain=acme,store=s3,window=30d}"),
                "no ratio where nobody visited");
        assertEquals(42.0, samples.get("hq_test_batches_total{worker=w\"1\\\n}"), "the service's own, unescaped");

        // Every per-scope figure is the source's.
        ReportPeriod last30 = ReportPeriod.lastDays(30, LocalDate.of(2026, 3, 14), FiguresQueriesTest.BERLIN);
        ChainSummary acme = new FiguresQueries(store.database()).summary("acme", last30);
        for (Map.Entry<String, Summary> s : acme.stores().entrySet()) {
            String labels = "{chain=acme,store=" + s.getKey() + ",window=30d}";
            assertEquals((double) s.getValue().flows().pointsIssued(), samples.get("loyalty_points_issued" + labels));
            assertEquals(
                    (double) s.getValue().flows().vouchersIssued(), samples.get("loyalty_vouchers_issued" + labels));
            assertEquals(
                    (double) s.getValue().members().active90(),
                    samples.get("loyalty_active_members" + labels.replace("30d", "90d")));
        }
        // Visitors in the 30 days: hugo once; anna, bob, carl, dora and emil twice or more.
        assertEquals(5.0 / 6, samples.get("loyalty_repeat_visitors_ratio{chain=acme,window=30d}"), 1e-12);
        assertFalse(
                samples.containsKey("loyalty_retention_ratio{chain=acme,window=30d}"),
                "nobody visited in the 30 days before (14 January to 12 February): no retention to speak of");
    }

    @Test
    void metricsAreKeptForTheirMaximumAgeThenComputedAgain() throws Exception {
        Map<String, Double> first = parse(get("/metrics").body());
        Till late = new Till(
                new Topics("acme", "s1", "t5"),
                List.of(Till.event("POINTS", "anna", null, 500, 0, "v-late", NOW.minusSeconds(60))));
        store.storeAll(List.of(late.all()));

        now.set(NOW.plus(MAX_AGE).minusMillis(1));
        Map<String, Double> kept = parse(get("/metrics").body());
        assertEquals(
                first.get("loyalty_figures_computed_timestamp_seconds"),
                kept.get("loyalty_figures_computed_timestamp_seconds"));
        assertEquals(
                first.get("loyalty_points_issued{chain=acme,window=today}"),
                kept.get("loyalty_points_issued{chain=acme,window=today}"));

        now.set(NOW.plus(MAX_AGE));
        Map<String, Double> fresh = parse(get("/metrics").body());
        assertEquals(
                first.get("loyalty_points_issued{chain=acme,window=today}") + 500,
                fresh.get("loyalty_points_issued{chain=acme,window=today}"));
        assertEquals(500.0, fresh.get("loyalty_points_issued{chain=acme,store=s1,window=today}"));
        assertEquals(
                (double) NOW.plus(MAX_AGE).getEpochSecond(), fresh.get("loyalty_figures_computed_timestamp_seconds"));
    }

    @Test
    void aFailingDatabaseLeavesTheServiceMetricsAndSaysSo() throws Exception {
        http.close();
        FiguresSource broken = new FiguresSource() {
            @Override
            public Figures figures(Scope scope, ReportPeriod period) {
                throw new HqException("database sqlite:/x: connection refused");
            }

            @Override
            public ChainSummary summary(String chain, ReportPeriod period) {
                throw new HqException("database sqlite:/x: connection refused");
            }

            @Override
            public ChainFlows flows(String chain, ReportPeriod period) {
                throw new HqException("database sqlite:/x: connection refused");
            }

            @Override
            public List<String> chains() {
                throw new HqException("database sqlite:/x: connection refused");
            }
        };
        http = start(broken);
        Map<String, Double> samples = parse(get("/metrics").body());
        assertEquals(0.0, samples.get("loyalty_figures_up"));
        assertEquals(42.0, samples.get("hq_test_batches_total{worker=w\"1\\\n}"));
        assertFalse(samples.keySet().stream().anyMatch(k -> k.startsWith("loyalty_visits")));

        HttpResponse<String> figures = get("/figures?chain=acme");
        assertEquals(503, figures.statusCode());
        assertFalse(figures.body().contains("sqlite"), "the database's details stay in the log: " + figures.body());
    }

    @Test
    void healthIsOkOrSaysWhyNot() throws Exception {
        HttpResponse<String> ok = get("/health");
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());
        problem.set(Optional.of("ingest worker hq-1 is not connected to the broker"));
        HttpResponse<String> ill = get("/health");
        assertEquals(503, ill.statusCode());
        assertEquals("ingest worker hq-1 is not connected to the broker\n", ill.body());
    }

    @Test
    void badQueriesAre400WithAPlainMessage() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/figures", "parameter 'chain' is missing");
        cases.put("/figures?store=s1", "parameter 'chain' is missing");
        cases.put("/figures?chain=a%20b", "chain must be 1-64 letters");
        cases.put("/figures?chain=acme&store=%2E%2E%2Fetc", "store must be 1-64 letters");
        cases.put("/figures?chain=" + "x".repeat(65), "chain must be 1-64 letters");
        cases.put("/figures?chain=acme&from=yesterday", "from must be a date like 2026-03-01");
        cases.put("/figures?chain=acme&to=2026-02-30", "to must be a date like 2026-03-01");
        cases.put("/figures?chain=acme&from=2026-03-02&to=2026-03-02", "the period must end after it starts");
        cases.put("/figures?chain=acme&from=2020-01-01&to=2026-01-01", "at most 1096 days");
        cases.put(
                "/figures?chain=acme&from=1970-01-01&to=1970-01-02", "from must lie between 2000-01-01 and 2100-01-01");
        cases.put("/figures?chain=acme&from=%2B999999999-12-31", "from must lie between 2000-01-01 and 2100-01-01");
        cases.put("/figures?chain=acme&to=-999999999-01-01", "to must lie between 2000-01-01 and 2100-01-01");
        cases.put("/figures?chain=acme&from=2099-12-31&to=2100-01-02", "to must lie between 2000-01-01 and 2100-01-01");
        cases.put("/figures?chain=acme&from=2099-12-20", "the period must lie between 2000-01-01 and 2100-01-01");
        cases.put("/figures?chain=acme&chain=zeta", "parameter 'chain' is given more than once");
        cases.put("/figures?chain=acme&limit=5", "unknown parameter 'limit'");
        cases.put("/figures?chain=acme&%3Cscript%3E=1", "an unknown parameter; known are");
        cases.put("/figures?chain=%E2%82", "chain must be 1-64 letters"); // a cut UTF-8 sequence
        cases.put("/figures?chain=acme&x=" + "a".repeat(2000), "longer than 1024 characters");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = get(c.getKey());
            String what = c.getKey().substring(0, Math.min(80, c.getKey().length()));
            assertEquals(400, response.statusCode(), what + ": " + response.body());
            assertEquals(
                    "text/plain; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(response.body().startsWith("bad request: "), what + ": " + response.body());
            assertTrue(response.body().contains(c.getValue()), what + ": " + response.body());
            assertTrue(response.body().length() < 300, what + ": the message does not repeat the input");
        }
        // java.net.URI refuses to make such a request; a raw client can send one, and the JDK's
        // server refuses it before it reaches the handler (QueryParametersTest covers the handler's own check).
        String answer = raw("GET /figures?chain=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(200, get("/health").statusCode(), "and goes on serving");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        for (String path : List.of("/", "/figures/", "/metrics/x", "/healthz", "/figures.json", "/%2E%2E/etc/passwd")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("not found: the paths are /figures, /metrics and /health\n", response.body());
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/figures?chain=acme", "/metrics", "/health")) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri(path))
                                .method(method, HttpRequest.BodyPublishers.ofString("x=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, response.statusCode(), method + " " + path);
                assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
            }
        }
        HttpResponse<Void> head = client.send(
                HttpRequest.newBuilder(uri("/health"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(405, head.statusCode());
    }

    @Test
    void aHugeRequestLineIsRefusedAndTheServerCarriesOn() throws Exception {
        InetSocketAddress address = http.address();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String line = "GET /figures?chain=acme&x=" + "a".repeat(600 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            try {
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server may close while we still write: that is a refusal too
            }
            String answer = readAll(socket.getInputStream());
            assertFalse(
                    answer.startsWith("HTTP/1.1 200"),
                    "refused, not answered: " + answer.lines().findFirst());
        }
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(200, get("/health").statusCode(), "still serving");
        assertEquals(200, get("/figures?chain=acme").statusCode());
    }

    @Test
    void aPortInUseFailsWithWhatToDoAndClosingStopsListening() throws Exception {
        InetSocketAddress taken = http.address();
        HqException refused = assertThrows(
                HqException.class,
                () -> FiguresHttp.start(
                        new FiguresHttp.Settings(taken, FiguresQueriesTest.BERLIN, MAX_AGE),
                        new FiguresQueries(store.database()),
                        now::get,
                        out -> {},
                        Optional::empty));
        assertTrue(refused.getMessage().startsWith("HTTP: cannot listen on "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("choose a free port and an address of this host"));

        http.close();
        assertThrows(ConnectException.class, () -> new Socket(taken.getAddress(), taken.getPort()).close());
        Set<String> threads = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> threads.add(t.getName()));
        assertFalse(threads.stream().anyMatch(name -> name.startsWith("figures-http-")), threads.toString());
        http = start(new FiguresQueries(store.database())); // for stop()
    }

    /**
     * Parses an exposition line by line: HELP, then TYPE, then the family's samples, each family
     * once and whole; every sample's name, labels (unescaped) and value. Keys are
     * {@code name{label=value,...}} with labels in name order, or the bare name.
     */
    static Map<String, Double> parse(String exposition) {
        assertTrue(exposition.endsWith("\n"), "the last line ends too");
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> seenFamilies = new HashSet<>();
        String family = null;
        String helped = null;
        List<String> lines = exposition.lines().toList();
        for (String line : lines) {
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7, line.indexOf(' ', 7));
                assertTrue(seenFamilies.add(name), "family " + name + " once");
                helped = name;
                family = null;
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", -1);
                assertEquals(4, parts.length, line);
                assertEquals(helped, parts[2], "TYPE follows its HELP: " + line);
                assertTrue(Set.of("gauge", "counter").contains(parts[3]), line);
                family = parts[2];
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                fail("not a sample line: " + line);
            }
            String name = sample.group(1);
            assertEquals(family, name, "a sample of the family just typed: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                int end = 0;
                while (label.find() && label.start() == end) {
                    assertFalse(labels.containsKey(label.group(1)), line);
                    labels.put(label.group(1), unescape(label.group(2)));
                    end = label.end();
                }
                assertEquals(sample.group(3).length(), end, "labels parse whole: " + line);
            }
            String key = labels.isEmpty()
                    ? name
                    : name
                            + labels.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .reduce((a, b) -> a + "," + b)
                                    .map(s -> "{" + s + "}")
                                    .orElseThrow();
            assertFalse(samples.containsKey(key), "sample " + key + " once");
            samples.put(key, Double.parseDouble(sample.group(4)));
        }
        return samples;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://" + http.address().getHostString() + ":"
                + http.address().getPort() + pathAndQuery);
    }

    private String raw(String request) throws IOException {
        try (Socket socket =
                new Socket(http.address().getAddress(), http.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) {
        List<Byte> bytes = new ArrayList<>();
        try {
            for (int b = in.read(); b >= 0 && bytes.size() < 4096; b = in.read()) {
                bytes.add((byte) b);
            }
        } catch (IOException e) {
            // a reset connection: nothing (more) was answered
        }
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return new String(array, StandardCharsets.US_ASCII);
    }
}
