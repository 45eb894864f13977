package org.loyaltyterminal.terminal.systemd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The value of {@code $NOTIFY_SOCKET}: a file-system path ({@code /run/systemd/notify}) or a name
 * in Linux's abstract namespace, written with a leading {@code @} that stands for the NUL byte
 * the kernel expects there. systemd also knows {@code vsock:} addresses (for virtual machines);
 * a till never sees one, and they are refused with a message rather than mis-sent.
 */
public record NotifyAddress(String value) {
    public NotifyAddress {
        Objects.requireNonNull(value, "value");
        if (value.length() < 2 || !(value.startsWith("/") || value.startsWith("@"))) {
            throw new NotifyException("NOTIFY_SOCKET '" + value + "' is neither an absolute path nor an abstract "
                    + "'@name'; only unix datagram sockets are supported");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > UnixDatagramSocket.SUN_PATH_BYTES - 1) {
            throw new NotifyException("NOTIFY_SOCKET '" + value + "' is longer than the "
                    + (UnixDatagramSocket.SUN_PATH_BYTES - 1) + " bytes a unix socket address holds");
        }
    }

    public boolean isAbstract() {
        return value.startsWith("@");
    }

    /** The bytes of {@code sun_path}: the path, or NUL and the abstract name. */
    byte[] sunPath() {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (isAbstract()) {
            bytes[0] = 0;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return value;
    }
}
