package org.loyaltyterminal.terminal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.status.ManagerToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print the running daemon's status (the status page's summary).",
            "Read from its status endpoint (status.listen in the config, with the manager token when one is set).",
            "Exit status: 0 shown, 1 the daemon does not answer, 2 bad config."
        })
final class StatusCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
    Path config;

    @Option(names = "--json", description = "print the JSON document as served (schema in docs/status.md)")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TerminalConfig terminal = new ConfigLoader().load(config);
        if (terminal.status().listen().isEmpty()) {
            err.println(
                    "loyalty-terminal: the status page is off (status.listen = off); set status.listen to use this command");
            return ExitCodes.BAD_CONFIG;
        }
        URI uri = uri(terminal.status().listen().get());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (terminal.status().tokenFile().isPresent()) {
            request.header(
                    "Authorization",
                    "Bearer "
                            + ManagerToken.readText(
                                    terminal.status().tokenFile().get()));
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("loyalty-terminal: the daemon does not answer on " + uri + " ("
                    + e.getClass().getSimpleName() + "); is it running? 'systemctl status loyalty-terminal'");
            return ExitCodes.STARTUP_FAILED;
        }
        if (response.statusCode() != 200) {
            err.println("loyalty-terminal: " + uri + " answered " + response.statusCode() + ": "
                    + response.body().strip());
            return ExitCodes.STARTUP_FAILED;
        }
        if (json) {
            out.print(response.body());
            out.println();
            return ExitCodes.OK;
        }
        try {
            summary(out, new ObjectMapper().readTree(response.body()));
        } catch (IOException e) {
            err.println("loyalty-terminal: " + uri + " sent something that is not the status JSON: " + e.getMessage());
            return ExitCodes.STARTUP_FAILED;
        }
        return ExitCodes.OK;
    }

    /** The endpoint to ask: a wildcard listen address is reached through loopback. */
    static URI uri(InetSocketAddress listen) {
        InetAddress address = listen.getAddress();
        String host;
        if (address.isAnyLocalAddress()) {
            host = address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        } else {
            host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        }
        return URI.create("http://" + host + ":" + listen.getPort() + "/status.json");
    }

    /** An instant from the JSON as the store's local time, "09:41" today or "24 Nov 09:41" before. */
    private static String local(String instant, ZoneId zone) {
        ZonedDateTime at = Instant.parse(instant).atZone(zone);
        boolean today = at.toLocalDate().equals(LocalDate.now(zone));
        return at.format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "d MMM HH:mm", Locale.ROOT));
    }

    private static void summary(PrintWriter out, JsonNode s) {
        JsonNode terminal = s.get("terminal");
        out.printf(
                "till %s, store %s, chain %s; loyalty-terminal %s, up %s%n",
                terminal.get("terminalId").asText(),
                terminal.get("storeId").asText(),
                terminal.get("chainId").asText(),
                s.get("software").get("version").asText(),
                Duration.ofSeconds(s.get("software").get("uptimeSeconds").asLong())
                        .toString()
                        .substring(2)
                        .toLowerCase(Locale.ROOT));
        JsonNode health = s.get("health");
        ZoneId zone = ZoneId.of(s.get("clock").get("zone").asText());
        out.println("health:   " + health.get("headline").asText());
        for (JsonNode p : health.get("problems")) {
            out.printf(
                    "  %-6s %s: %s, since %s%n    what to do: %s%n",
                    p.get("severity").asText(),
                    p.get("component").asText(),
                    p.get("what").asText(),
                    local(p.get("since").asText(), zone),
                    p.get("action").asText());
        }
        out.println(
                "clock:    " + (s.get("clock").get("synchronised").asBoolean() ? "synchronised" : "NOT synchronised")
                        + " (" + s.get("clock").get("zone").asText() + ")");
        for (JsonNode d : s.get("devices")) {
            out.printf(
                    "%-9s %s%s%s%s%n",
                    d.get("kind").asText() + ":",
                    d.get("state").asText(),
                    d.get("since").isNull() ? "" : " since " + d.get("since").asText(),
                    d.get("lastRead").isNull()
                            ? ""
                            : ", last read " + d.get("lastRead").asText(),
                    d.get("paper").isNull() ? "" : ", paper " + d.get("paper").asText());
        }
        JsonNode hq = s.get("hqLink");
        out.printf(
                "HQ link:  %s; outbox %d events%s%n",
                !hq.get("configured").asBoolean()
                        ? "not configured"
                        : hq.get("online").asBoolean() ? "online" : "offline",
                hq.get("outboxDepth").asLong(),
                hq.get("oldestUnsyncedSeconds").isNull()
                        ? ""
                        : ", oldest " + hq.get("oldestUnsyncedSeconds").asLong() + " s old");
        JsonNode campaigns = s.get("campaigns");
        out.printf("campaigns (version %d):", campaigns.get("bundleVersion").asLong());
        for (JsonNode c : campaigns.get("campaigns")) {
            out.printf(" %s%s", c.get("id").asText(), c.get("inForce").asBoolean() ? "" : " (not in force)");
        }
        out.println();
        JsonNode t = s.get("today");
        out.printf(
                "today %s: %d visits, %d members seen (%d new), %d stamps, %d cards completed, %d points, "
                        + "vouchers %d issued / %d redeemed, came back within 30 days: %s%n",
                t.get("day").asText(),
                t.get("visits").asLong(),
                t.get("membersSeen").asLong(),
                t.get("enrolments").asLong(),
                t.get("stamps").asLong(),
                t.get("cardsCompleted").asLong(),
                t.get("points").asLong(),
                t.get("vouchersIssued").asLong(),
                t.get("vouchersRedeemed").asLong(),
                t.get("returningShare").isNull()
                        ? "-"
                        : Math.round(t.get("returningShare").asDouble() * 100) + " %");
    }
}
