package org.loyaltyterminal.terminal.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.loyaltyterminal.terminal.config.HqConfig;

/**
 * Can this till reach HQ's broker: the TCP connection, and for {@code ssl://} the TLS handshake
 * with the configured CA and the broker's host name checked, exactly as the sync agent does it.
 * MQTT login is not tried: a doctor run must not take over the daemon's client id.
 */
final class HqBrokerCheck implements Check {
    private static final int TIMEOUT_MILLIS = 3_000;

    private final HqConfig hq;

    HqBrokerCheck(HqConfig hq) {
        this.hq = hq;
    }

    @Override
    public String subject() {
        return "HQ broker " + hq.broker().getHost() + ":" + hq.broker().getPort();
    }

    @Override
    public CheckResult run() {
        String host = hq.broker().getHost();
        int port = hq.broker().getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            if (hq.caFile().isEmpty()) {
                return new CheckResult.Passed("reachable over plain TCP (hq.allow-plain = true); HQ keys: "
                        + hq.trustedKeys().keys().keySet());
            }
            SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(socket, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(host)));
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(TIMEOUT_MILLIS);
            tls.startHandshake();
            return new CheckResult.Passed("TLS " + tls.getSession().getProtocol() + ", certificate valid for " + host
                    + "; HQ keys: " + hq.trustedKeys().keys().keySet());
        } catch (SSLException e) {
            return new CheckResult.Failed(
                    "TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(),
                    "check that hq.tls.ca-file is the CA that signed the broker's certificate and that the certificate "
                            + "names '" + host + "' (subjectAltName DNS or IP)");
        } catch (IOException | GeneralSecurityException e) {
            return new CheckResult.Failed(
                    host + ":" + port + " cannot be reached: " + e.getMessage(),
                    "check hq.broker, the network and any firewall between the store and HQ; the till keeps awarding "
                            + "offline meanwhile");
        }
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(hq.caFile().orElseThrow())) {
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
