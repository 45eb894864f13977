package org.loyaltyterminal.terminal.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.loyaltyterminal.sync.signing.HqKeyRing;

/**
 * The link to head office, when {@code hq.broker} is set.
 *
 * @param broker          {@code ssl://host:8883}, or {@code tcp://} with {@code allowPlain}
 * @param allowPlain      plain TCP was asked for explicitly ({@code hq.allow-plain = true})
 * @param caFile          the CA that signed the broker's certificate (TLS)
 * @param clientCertificate optional client certificate (PEM) for mutual TLS, with its key
 * @param clientKey       the client certificate's PKCS#8 PEM key, owner-readable only
 * @param username        optional MQTT user name, with its password file
 * @param passwordFile    file holding the MQTT password, owner-readable only
 * @param keysDir         folder of trusted HQ public keys, one {@code <key-id>.pub} each
 * @param trustedKeys     the keys read from it at start-up
 * @param maxMessageBytes messages from HQ larger than this are refused before parsing
 * @param ackTimeout      how long HQ may take to acknowledge a batch before it is sent again
 * @param lookupBudget    how long after a visit opens HQ's answer to its balance question is still
 *     used; zero: no questions asked, visits use this till's balances
 */
public record HqConfig(
        URI broker,
        boolean allowPlain,
        Optional<Path> caFile,
        Optional<Path> clientCertificate,
        Optional<Path> clientKey,
        Optional<String> username,
        Optional<Path> passwordFile,
        Path keysDir,
        HqKeyRing trustedKeys,
        int maxMessageBytes,
        Duration ackTimeout,
        Duration lookupBudget) {}
