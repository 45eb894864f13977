package org.loyaltyterminal.terminal.systemd;

import java.util.List;
import java.util.Map;

/**
 * Tells the service manager how the daemon is doing (the {@code sd_notify} protocol): READY=1
 * once devices and storage are up, STATUS= lines for {@code systemctl status}, WATCHDOG=1 pings
 * and STOPPING=1. Outside systemd (run by hand, in tests) nothing listens and nothing is sent.
 */
public interface ServiceNotifier extends AutoCloseable {

    /** Sends assignments such as {@code READY=1} in one datagram. */
    void send(List<String> assignments);

    default void ready(String status) {
        send(List.of("READY=1", "STATUS=" + oneLine(status)));
    }

    default void status(String status) {
        send(List.of("STATUS=" + oneLine(status)));
    }

    default void watchdog() {
        send(List.of("WATCHDOG=1"));
    }

    default void stopping(String status) {
        send(List.of("STOPPING=1", "STATUS=" + oneLine(status)));
    }

    /** True when a service manager listens. */
    boolean active();

    @Override
    void close();

    /**
     * The notifier for this process: one that sends to {@code $NOTIFY_SOCKET}, or one that does
     * nothing when it is unset.
     *
     * @throws NotifyException when NOTIFY_SOCKET is set but unusable
     */
    static ServiceNotifier fromEnvironment(Map<String, String> environment) {
        String socket = environment.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return new Absent();
        }
        return SystemdNotifier.open(new NotifyAddress(socket));
    }

    /** A STATUS= value is one line: a newline would start another assignment. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /** Not run by a service manager. */
    record Absent() implements ServiceNotifier {
        @Override
        public void send(List<String> assignments) {
            // nobody listens
        }

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
