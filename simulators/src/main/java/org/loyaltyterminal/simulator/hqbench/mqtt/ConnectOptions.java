package org.loyaltyterminal.simulator.hqbench.mqtt;

import java.net.InetSocketAddress;

/**
 * Where and as whom one connection connects.
 *
 * @param keepAliveSeconds the CONNECT's keep-alive; a PINGREQ goes out after half of it without
 *     anything sent
 */
public record ConnectOptions(InetSocketAddress broker, String clientId, boolean cleanSession, int keepAliveSeconds) {
    public ConnectOptions {
        if (keepAliveSeconds < 1 || keepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("keep-alive must be 1-65535 s, was " + keepAliveSeconds);
        }
    }
}
