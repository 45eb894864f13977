package org.loyaltyterminal.terminal.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The status server's configuration ({@code status.*}).
 *
 * @param listen    where to listen; empty when {@code status.listen = off}
 * @param tokenFile the manager token's file; required when {@code listen} is not a loopback address
 * @param token     the token read from it, checked at start-up
 */
public record StatusSettings(
        Optional<InetSocketAddress> listen, Optional<Path> tokenFile, Optional<ManagerToken> token) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:8088";

    public StatusSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(token, "token");
        if (listen.isPresent() && !listen.get().getAddress().isLoopbackAddress() && token.isEmpty()) {
            throw new IllegalArgumentException("listening on " + listen.get() + " needs a manager token");
        }
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port} with a numeric address (no name lookups at
     * start-up: DNS may not be up yet on a till that just booted).
     *
     * @throws IllegalArgumentException with what is expected
     */
    public static InetSocketAddress parseListen(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(
                    "use address:port, e.g. 127.0.0.1:8088, [::1]:8088 or 0.0.0.0:8088, or off");
        }
        String host = value.substring(0, colon);
        String portText = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. [::1]:8088");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port '" + portText + "' is not a number from 1 to 65535");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port " + port + " is not from 1 to 65535");
        }
        if (!host.matches("[0-9.]+") && !host.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException(
                    "'" + host + "' is not a numeric IP address; use e.g. 127.0.0.1 or 0.0.0.0");
        }
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IP address");
        }
    }
}
