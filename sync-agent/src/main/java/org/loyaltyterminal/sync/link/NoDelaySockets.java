package org.loyaltyterminal.sync.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho that switch Nagle's algorithm off (TCP_NODELAY). Paho 1.2.5 leaves
 * it on, and MQTT's request/response rhythm is the case Nagle handles worst: a small packet
 * written while an earlier small one is still unacknowledged (a PUBACK, then a PUBLISH) waits
 * for the peer's delayed ACK, about 40 ms on Linux. HQ's ingest, which PUBACKs a batch and then
 * publishes the next acknowledgement, was held to some 25 batches a second by that alone.
 *
 * <p>Paho creates an unconnected socket ({@link SocketFactory#createSocket()}) and connects it
 * itself, so that is where the option is set; the connected variants set it too.
 */
public final class NoDelaySockets {
    private NoDelaySockets() {}

    /** For {@code tcp://}. */
    public static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /** For {@code ssl://}: Paho insists on an {@link SSLSocketFactory} there. */
    public static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new Tls(delegate);
    }

    static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory delegate;

        Plain(SocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Tls(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            socket.setTcpNoDelay(true);
            return delegate.createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
