package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.ConnectionState;

/** The status server over real HTTP on the loopback interface. */
class StatusServerTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private final StatusFixtures fixtures = new StatusFixtures();
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePageTheJsonAndTheMetricsAreServed() throws Exception {
        server = StatusServer.start(loopback(), Optional.empty(), fixtures.service());
        HttpResponse<String> page = get("/", Optional.empty());
        assertEquals(200, page.statusCode());
        assertEquals(
                "text/html; charset=utf-8",
                page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        for (String section : new String[] {
            "id=\"devices\"",
            "id=\"hq-link\"",
            "id=\"campaigns\"",
            "id=\"today\"",
            "id=\"clock\"",
            "id=\"software\"",
            "http-equiv=\"refresh\""
        }) {
            assertTrue(page.body().contains(section), section + " in " + page.body());
        }
        assertTrue(page.body().contains("points-&lt;b&gt;"), "campaign ids are escaped: " + page.body());
        assertFalse(page.body().contains("points-<b>"), page.body());

        HttpResponse<String> json = get("/status.json", Optional.empty());
        assertEquals(200, json.statusCode());
        JsonNode status = new ObjectMapper().readTree(json.body());
        assertEquals(1, status.get("schema").asInt());
        assertEquals("connected", status.get("devices").get(0).get("state").asText());
        assertEquals("not-configured", status.get("devices").get(1).get("state").asText());
        assertEquals("near-end", status.get("devices").get(2).get("paper").asText());
        JsonNode handOff = status.get("devices").get(0).get("handOff");
        assertEquals(
                List.of(3, 256, 2),
                List.of(
                        handOff.get("depth").asInt(),
                        handOff.get("capacity").asInt(),
                        handOff.get("dropped").asInt()),
                () -> "scanner hand-off: " + handOff);
        assertTrue(status.get("devices").get(2).get("handOff").isNull(), "the printer has no hand-off");
        assertEquals(17, status.get("hqLink").get("outboxDepth").asLong());
        assertEquals(42 * 60, status.get("hqLink").get("oldestUnsyncedSeconds").asLong());
        assertFalse(status.get("hqLink").get("configured").asBoolean());
        assertTrue(status.get("hqLink").get("lastSync").isNull());
        assertEquals(0.7, status.get("today").get("returningShare").asDouble());
        assertEquals(3, status.get("today").get("suspiciousFlags").asLong());
        assertEquals(30, status.get("pointsExpiring").get("withinDays").asInt());
        assertEquals(4200, status.get("pointsExpiring").get("points").asLong(), "asked with the bundle's 365 days");
        assertEquals(
                Optional.of(StatusFixtures.NOW.plus(Duration.ofDays(30))),
                fixtures.dueAskedBy.get(),
                "due by now + 30 days");
        assertFalse(
                status.get("campaigns").get("campaigns").get(1).get("inForce").asBoolean(), "starts in December");

        HttpResponse<String> metrics = get("/metrics", Optional.empty());
        assertEquals(200, metrics.statusCode());
        assertEquals(
                StatusMetrics.CONTENT_TYPE,
                metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(
                metrics.body().contains("loyalty_device_connected{device=\"scanner\",name=\"front scanner\"} 1\n"),
                metrics.body());
        assertTrue(metrics.body().contains("loyalty_outbox_events 17\n"), metrics.body());
        assertTrue(
                metrics.body().contains("loyalty_scanner_handoff_depth{device=\"scanner\",name=\"front scanner\"} 3\n"),
                metrics.body());
        assertTrue(
                metrics.body()
                        .contains(
                                "loyalty_scanner_handoff_dropped_total{device=\"scanner\",name=\"front scanner\"} 2\n"),
                metrics.body());
        assertTrue(
                page.body().contains("waiting: 3 of 256, <span class=\"bad\">2 dropped (queue full)</span>"),
                page.body());
        assertTrue(
                metrics.body()
                        .contains("loyalty_printer_paper{device=\"printer\",name=\"receipts\",state=\"near-end\"} 1\n"),
                metrics.body());
        assertTrue(metrics.body().contains("loyalty_today_returning_ratio 0.700\n"), metrics.body());
        assertTrue(metrics.body().contains("loyalty_today_suspicious_flags 3\n"), metrics.body());
        assertTrue(metrics.body().contains("loyalty_points_expiring{within_days=\"30\"} 4200\n"), metrics.body());
        assertTrue(page.body().contains("<td>Suspicious-activity flags</td><td>3</td>"), page.body());
        assertTrue(
                page.body().contains("<td>Points expiring within 30 days (all members)</td><td>4200</td>"),
                page.body());
        assertFalse(
                metrics.body().contains("\nloyalty_hq_last_sync_timestamp_seconds "),
                "no sample for a sync that never was");
    }

    @Test
    void aDisconnectedScannerAndAnUnhealthyDaemonShowAsSuch() throws Exception {
        server = StatusServer.start(loopback(), Optional.empty(), fixtures.service());
        fixtures.scanner.set(ConnectionState.DISCONNECTED);
        fixtures.scanBusy.set(Optional.of(Duration.ofSeconds(12)));
        String page = get("/", Optional.empty()).body();
        assertTrue(page.contains("not connected"), page);
        assertTrue(page.contains("Stuck: the scan loop is stuck: one read in progress for 12 s"), page);
        assertTrue(page.contains("The barcode scanner is not connected"), page);
        String metrics = get("/metrics", Optional.empty()).body();
        assertTrue(
                metrics.contains("loyalty_healthy 0\n")
                        && metrics.contains("loyalty_stuck 1\n")
                        && metrics.contains("loyalty_problems{severity=\"fault\"} 1\n"),
                metrics);
    }

    @Test
    void readOnlyHeadWorksAndEverythingElseIs405() throws Exception {
        server = StatusServer.start(loopback(), Optional.empty(), fixtures.service());
        HttpResponse<String> head = http.send(
                request("/status.json", Optional.empty())
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = http.send(
                    request("/", Optional.empty())
                            .method(method, HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
        }
        assertEquals(404, get("/admin", Optional.empty()).statusCode());
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        Path file = tokenFile(TOKEN, "rw-------");
        server = StatusServer.start(loopback(), Optional.of(ManagerToken.read(file)), fixtures.service());
        HttpResponse<String> none = get("/status.json", Optional.empty());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
        assertFalse(none.body().contains("till-01"), "nothing of the status without the token");
        assertEquals(
                401,
                get("/status.json", Optional.of("Bearer " + TOKEN.replace('0', '1')))
                        .statusCode());
        assertEquals(
                401,
                get("/status.json", Optional.of("Bearer " + TOKEN.substring(1))).statusCode());
        assertEquals(401, get("/", Optional.of("Basic !!!")).statusCode());
        assertEquals(200, get("/status.json", Optional.of("Bearer " + TOKEN)).statusCode());
        String basic = Base64.getEncoder().encodeToString(("manager:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, get("/", Optional.of("Basic " + basic)).statusCode(), "a phone's browser sends Basic");
        HttpResponse<String> post = http.send(
                request("/", Optional.of("Bearer " + TOKEN))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(
                401,
                http.send(
                                request("/", Optional.empty())
                                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                "without the token a POST learns nothing either");
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path loose = tokenFile(TOKEN, "rw-r-----");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManagerToken.read(loose));
        assertTrue(
                e.getMessage().contains("group can read") && e.getMessage().contains("chmod 600 " + loose),
                e.getMessage());
        Path world = tokenFile(TOKEN, "rw-rw-rw-");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ManagerToken.read(world))
                .getMessage()
                .contains("others can write"));
        Path shortToken = tokenFile("short", "rw-------");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ManagerToken.read(shortToken))
                .getMessage()
                .contains("at least 20"));
        Path missing = dir.resolve("missing");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ManagerToken.read(missing))
                .getMessage()
                .contains("does not exist"));
        assertEquals(
                "ManagerToken[hidden]",
                ManagerToken.read(tokenFile(TOKEN, "r--------")).toString());
    }

    @Test
    void aTakenPortIsAClearStartupError() throws IOException {
        server = StatusServer.start(loopback(), Optional.empty(), fixtures.service());
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        StatusException e = assertThrows(
                StatusException.class, () -> StatusServer.start(taken, Optional.empty(), fixtures.service()));
        assertTrue(
                e.getMessage().contains("status.listen") && e.getMessage().contains("status.listen = off"),
                e.getMessage());
    }

    private Path tokenFile(String token, String permissions) throws IOException {
        Path file = Files.createTempFile(dir, "token", "");
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private HttpRequest.Builder request(String path, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private HttpResponse<String> get(String path, Optional<String> authorization)
            throws IOException, InterruptedException {
        return http.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
