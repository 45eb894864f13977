package org.loyaltyterminal.sync.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void theUnconnectedSocketPahoAsksForHasNagleOff() throws Exception {
        try (Socket plain = NoDelaySockets.plain().createSocket();
                Socket tls = NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket()) {
            assertTrue(plain.getTcpNoDelay(), "tcp:// socket must have TCP_NODELAY set");
            assertTrue(tls.getTcpNoDelay(), "ssl:// socket must have TCP_NODELAY set");
        }
    }

    @Test
    void connectedSocketsHaveNagleOffToo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket =
                        NoDelaySockets.plain().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertTrue(socket.getTcpNoDelay(), "connected tcp:// socket must have TCP_NODELAY set");
        }
    }
}
