package org.loyaltyterminal.hq.mqtt;

import java.util.Optional;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.link.LinkSettings;

/**
 * Which broker, and how HQ proves itself to it and checks it: the same login and TLS files a
 * terminal is given ({@code hq.username}, {@code hq.password-file}, {@code hq.tls.*}), read when
 * a connection is made, so a password or certificate replaced on disk is used at the next one.
 *
 * @param url   {@code tcp://host:port}, or {@code ssl://host:port} with {@code tls}
 * @param login MQTT user name and the file holding the password
 * @param tls   the CA that signed the broker's certificate, and an optional client certificate
 */
public record BrokerAccess(String url, Optional<LinkSettings.Login> login, Optional<LinkSettings.Tls> tls) {
    public BrokerAccess {
        // Paho refuses a TLS socket factory for tcp://, and ssl:// without a CA would trust
        // whatever the JVM's default store trusts, without the operator having said so.
        if (url.startsWith("ssl://") && tls.isEmpty()) {
            throw new HqException("broker " + url + ": ssl:// needs the CA certificate that signed the broker's");
        }
        if (!url.startsWith("ssl://") && tls.isPresent()) {
            throw new HqException("broker " + url + ": TLS files are only for an ssl:// broker");
        }
    }

    /** A broker that takes anonymous clients over plain TCP: a test's, or one on a trusted network. */
    public static BrokerAccess plain(String url) {
        return new BrokerAccess(url, Optional.empty(), Optional.empty());
    }
}
