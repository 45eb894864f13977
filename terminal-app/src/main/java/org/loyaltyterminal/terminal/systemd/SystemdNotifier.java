package org.loyaltyterminal.terminal.systemd;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to systemd's datagram socket. One socket for the daemon's life, used
 * under a lock (the watchdog thread and the main thread both send). A failed send is logged once
 * per run of failures and never thrown at the caller: a notification that does not arrive must
 * not stop the till; systemd itself reacts to a missing READY or WATCHDOG.
 */
public final class SystemdNotifier implements ServiceNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private final NotifyAddress address;
    private final UnixDatagramSocket socket;
    private boolean failing;

    private SystemdNotifier(NotifyAddress address, UnixDatagramSocket socket) {
        this.address = address;
        this.socket = socket;
    }

    static SystemdNotifier open(NotifyAddress address) {
        return new SystemdNotifier(address, UnixDatagramSocket.open());
    }

    @Override
    public synchronized void send(List<String> assignments) {
        byte[] message = String.join("\n", assignments).getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(address, message);
            if (failing) {
                failing = false;
                log.info("notification socket {}: sending works again", address);
            }
        } catch (NotifyException e) {
            if (!failing) {
                failing = true;
                log.warn("{}; systemd will not see READY, STATUS or WATCHDOG until this clears", e.getMessage());
            }
        }
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
