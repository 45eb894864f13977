package org.loyaltyterminal.terminal.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The head of one HTTP/1.x request, as much of it as a read-only status server needs: the method,
 * the target, the {@code Authorization} header and whether a body follows. Parsed from the bytes
 * received so far by {@link #parse}, which tells an incomplete head from a malformed one.
 *
 * @param contentLength the declared body length; 0 when none was declared
 * @param chunked       whether {@code Transfer-Encoding} was sent (a body of unknown length)
 */
record HttpHead(String method, String target, Optional<String> authorization, long contentLength, boolean chunked) {
    HttpHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(authorization, "authorization");
    }

    /** The target's path, without the query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** What the bytes received so far amount to. */
    sealed interface Parse {
        /** The empty line that ends the head has not arrived yet. */
        record Incomplete() implements Parse {}

        /** A whole head; {@code length} bytes, its ending included: a body would start there. */
        record Complete(HttpHead head, int length) implements Parse {}

        /** Not HTTP; {@code why} goes in the 400 reply, e.g. "the request line is not METHOD TARGET HTTP/1.x". */
        record Malformed(String why) implements Parse {}
    }

    /**
     * Parses a head from {@code bytes[0..length)}. Lines end in CRLF or a bare LF (RFC 9112 lets a
     * server accept the latter); header names are case-insensitive; the first
     * {@code Authorization} counts.
     */
    static Parse parse(byte[] bytes, int length) {
        int end = headEnd(bytes, length);
        if (end < 0) {
            return new Parse.Incomplete();
        }
        String text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3
                || request[0].isEmpty()
                || (!request[1].startsWith("/") && !request[1].equals("*"))
                || !request[2].matches("HTTP/1\\.[01]")) {
            return new Parse.Malformed("the request line is not METHOD /PATH HTTP/1.x");
        }
        Optional<String> authorization = Optional.empty();
        long contentLength = 0;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return new Parse.Malformed("header line " + i + " is not NAME: VALUE");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "authorization" -> {
                    if (authorization.isEmpty()) {
                        authorization = Optional.of(value);
                    }
                }
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return new Parse.Malformed("Content-Length '" + value + "' is not a number");
                    }
                    if (contentLength < 0) {
                        return new Parse.Malformed("Content-Length " + contentLength + " is negative");
                    }
                }
                case "transfer-encoding" -> chunked = true;
                default -> {}
            }
        }
        return new Parse.Complete(new HttpHead(request[0], request[1], authorization, contentLength, chunked), end);
    }

    /** The index just past the empty line that ends the head, or -1 when it has not arrived. */
    private static int headEnd(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i + 1 < length && bytes[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }
}
