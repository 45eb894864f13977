package org.loyaltyterminal.terminal.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * One response of the status server, rendered as HTTP/1.1 with the security headers every reply
 * carries. The connection closes after each reply: a phone reloading every 10 s and a scraper
 * every 15 s gain nothing from keep-alive, and an idle kept-alive connection would be one more
 * thing a client could hold open.
 *
 * @param headers extra headers, e.g. {@code Allow} or {@code WWW-Authenticate}
 */
record StatusReply(int code, String contentType, Bytes body, Map<String, String> headers) {
    StatusReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static StatusReply text(int code, String text) {
        return text(code, text, Map.of());
    }

    static StatusReply text(int code, String text, Map<String, String> headers) {
        return new StatusReply(
                code, "text/plain; charset=utf-8", Bytes.copyOf(text.getBytes(StandardCharsets.UTF_8)), headers);
    }

    /** The bytes on the wire; for a HEAD request without the body but with its length. */
    byte[] bytes(boolean headOnly) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", contentType);
        all.put("Content-Length", Integer.toString(body.length()));
        all.put("Connection", "close");
        all.put("Cache-Control", "no-store");
        all.put("X-Content-Type-Options", "nosniff");
        all.put("X-Frame-Options", "DENY");
        all.put("Referrer-Policy", "no-referrer");
        all.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        all.putAll(headers);
        StringBuilder head = new StringBuilder(512)
                .append("HTTP/1.1 ")
                .append(code)
                .append(' ')
                .append(reason(code))
                .append("\r\n");
        all.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length());
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (!headOnly) {
            out.writeBytes(body.toArray());
        }
        return out.toByteArray();
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
