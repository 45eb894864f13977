package org.loyaltyterminal.sync.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.loyaltyterminal.sync.SyncException;

/** TLS from PEM files, as brokers and their operators hand them out. */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLSocketFactory socketFactory(LinkSettings.Tls tls) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            List<Certificate> cas = certificates(tls.caFile(), "hq.tls.ca-file");
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (tls.clientCertificate().isPresent()) {
                char[] none = new char[0];
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                PrivateKey key = privateKey(tls.clientKey().orElseThrow());
                identity.setKeyEntry(
                        "client",
                        key,
                        none,
                        certificates(tls.clientCertificate().get(), "hq.tls.client-certificate")
                                .toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new SyncException("TLS set-up from " + tls.caFile() + " failed: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certs =
                    new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new SyncException(key + ": " + file + " holds no PEM certificate");
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new SyncException(
                    key + ": " + file + " is not a readable PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = new String(SecretFile.read(file, "hq.tls.client-key"), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            throw new SyncException("hq.tls.client-key: " + file + " is not a PKCS#8 PEM key; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in old.key -out " + file + "'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new SyncException("hq.tls.client-key: " + file + " is neither an EC, RSA nor Ed25519 key");
    }
}
