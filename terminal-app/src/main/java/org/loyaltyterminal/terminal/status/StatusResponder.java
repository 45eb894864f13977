package org.loyaltyterminal.terminal.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.loyaltyterminal.core.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one complete request head: the token first (before anything else is looked at), then
 * the method (GET and HEAD only), then the path. Runs on the status server's request threads.
 */
final class StatusResponder {
    private static final Logger log = LoggerFactory.getLogger(StatusResponder.class);
    private static final String REALM = "Basic realm=\"loyalty-terminal status\", charset=\"UTF-8\"";

    private final Optional<ManagerToken> token;
    private final StatusService status;
    private final StatusHtml html = new StatusHtml();
    private final StatusJson json = new StatusJson();
    private final StatusMetrics metrics = new StatusMetrics();
    private volatile String lastFailure = "";

    StatusResponder(Optional<ManagerToken> token, StatusService status) {
        this.token = token;
        this.status = status;
    }

    StatusReply respond(HttpHead head) {
        if (token.isPresent() && !authorised(head.authorization(), token.get())) {
            return StatusReply.text(
                    401, "the status page needs the manager token\n", Map.of("WWW-Authenticate", REALM));
        }
        if (!head.method().equals("GET") && !head.method().equals("HEAD")) {
            return StatusReply.text(
                    405, "the status page is read-only: use GET or HEAD\n", Map.of("Allow", "GET, HEAD"));
        }
        Optional<Page> page = switch (head.path()) {
            case "/", "/status" -> Optional.of(new Page("text/html; charset=utf-8", html::render));
            case "/status.json" -> Optional.of(new Page("application/json; charset=utf-8", json::render));
            case "/metrics" -> Optional.of(new Page(StatusMetrics.CONTENT_TYPE, metrics::render));
            default -> Optional.empty();
        };
        if (page.isEmpty()) {
            return StatusReply.text(404, "not found; try /, /status.json or /metrics\n");
        }
        StatusSnapshot snapshot;
        try {
            snapshot = status.snapshot();
            lastFailure = "";
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastFailure)) {
                lastFailure = message;
                log.warn("status page: cannot take a snapshot: {}", message);
            }
            return StatusReply.text(503, "status unavailable: " + message + "\n");
        }
        return new StatusReply(
                200, page.get().contentType(), Bytes.copyOf(page.get().render().apply(snapshot)), Map.of());
    }

    private record Page(String contentType, Function<StatusSnapshot, byte[]> render) {}

    private static boolean authorised(Optional<String> header, ManagerToken token) {
        if (header.isEmpty()) {
            return false;
        }
        String value = header.get();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return token.matches(value.substring(7).strip());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded =
                        new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon >= 0 && token.matches(decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
