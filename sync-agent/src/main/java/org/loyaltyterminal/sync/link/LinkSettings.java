package org.loyaltyterminal.sync.link;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.loyaltyterminal.sync.SyncException;

/**
 * How to reach the broker. {@code tcp://} is plain and allowed only when {@code allowPlain} says
 * so explicitly; {@code ssl://} verifies the broker's certificate against {@code tls.caFile} and
 * its host name.
 *
 * @param maxInflight unacknowledged publishes at once: kept below Paho's limit (10 by default)
 *     and below common brokers' Receive Maximum (HiveMQ 10, Mosquitto 20)
 */
public record LinkSettings(
        URI broker,
        String clientId,
        boolean allowPlain,
        Optional<Tls> tls,
        Optional<Login> login,
        Duration keepAlive,
        Duration connectTimeout,
        int maxInflight) {

    /** A client certificate is optional; the CA is not. */
    public record Tls(Path caFile, Optional<Path> clientCertificate, Optional<Path> clientKey) {
        public Tls {
            if (clientCertificate.isPresent() != clientKey.isPresent()) {
                throw new SyncException(
                        "hq.tls.client-certificate and hq.tls.client-key go together; set both or neither");
            }
        }
    }

    public record Login(String username, Path passwordFile) {}

    public LinkSettings {
        String scheme = broker.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new SyncException(
                    "hq.broker: '" + broker + "' must start with ssl:// (or tcp:// with" + " hq.allow-plain = true)");
        }
        if ("tcp".equals(scheme) && !allowPlain) {
            throw new SyncException("hq.broker: '" + broker + "' is plain TCP; use ssl:// with hq.tls.ca-file, or"
                    + " set hq.allow-plain = true for a broker on a trusted network");
        }
        if ("ssl".equals(scheme) && tls.isEmpty()) {
            throw new SyncException("hq.broker: '" + broker + "' needs hq.tls.ca-file, the CA that signed the"
                    + " broker's certificate");
        }
        if (broker.getHost() == null || broker.getPort() <= 0) {
            throw new SyncException(
                    "hq.broker: '" + broker + "' needs a host and a port, e.g. ssl://mqtt.example:8883");
        }
        if (maxInflight < 1 || maxInflight > 9) {
            throw new SyncException("in-flight window " + maxInflight + " must be 1-9, below Paho's limit of 10");
        }
    }
}
