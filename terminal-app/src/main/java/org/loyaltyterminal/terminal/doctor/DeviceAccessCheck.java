package org.loyaltyterminal.terminal.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A device node (scanner, NFC reader, GPIO chip) exists and the service user may read and write
 * it, by the node's owner, group and mode as the kernel would judge them. When it may not, the
 * fix names the group that owns the node (dialout for serial ports, gpio for GPIO chips).
 */
public final class DeviceAccessCheck implements Check {
    private final String device;
    private final Path path;
    private final ServiceAccount account;
    private final String unplugged;

    /**
     * @param device    what it is, e.g. "scanner"
     * @param unplugged the fix when the node is missing
     */
    public DeviceAccessCheck(String device, Path path, ServiceAccount account, String unplugged) {
        this.device = device;
        this.path = path;
        this.account = account;
        this.unplugged = unplugged;
    }

    @Override
    public String subject() {
        return device + " " + path;
    }

    @Override
    public CheckResult run() {
        if (!Files.exists(path)) {
            return new CheckResult.Failed(
                    path + " does not exist" + (Files.isSymbolicLink(path) ? " (a dangling link)" : ""), unplugged);
        }
        PosixFileAttributes node;
        try {
            node = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (IOException e) {
            return new CheckResult.Failed(
                    "cannot read the attributes of " + path + ": " + e.getMessage(), "run doctor as root");
        }
        String mode = PosixFilePermissions.toString(node.permissions());
        String owner = node.owner().getName();
        String group = node.group().getName();
        String described =
                mode + " " + owner + ":" + group + (Files.isSymbolicLink(path) ? ", link to " + target() : "");
        if (account.isRoot() || may(node.permissions(), owner, group)) {
            return new CheckResult.Passed("user " + account.user() + " may read and write it (" + described + ")");
        }
        if (!account.groups().contains(group)
                && has(node.permissions(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE)) {
            return new CheckResult.Failed(
                    "user " + account.user() + " may not read and write it (" + described + "): not in group " + group,
                    "add the user to group " + group + ": 'usermod -aG " + group + " " + account.user()
                            + "', then restart the service (the package's sysusers.d entry does this for dialout and gpio)");
        }
        return new CheckResult.Failed(
                "user " + account.user() + " may not read and write it (" + described + ")",
                "give group " + group
                        + " read and write access with a udev rule (MODE=\"0660\"), see systemd/99-loyalty-terminal.rules");
    }

    private boolean may(Set<PosixFilePermission> p, String owner, String group) {
        if (owner.equals(account.user())) {
            return has(p, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        if (account.groups().contains(group)) {
            return has(p, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
        }
        return has(p, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean has(Set<PosixFilePermission> p, PosixFilePermission read, PosixFilePermission write) {
        return p.contains(read) && p.contains(write);
    }

    private String target() {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
