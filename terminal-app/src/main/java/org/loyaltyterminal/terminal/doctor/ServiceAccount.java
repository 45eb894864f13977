package org.loyaltyterminal.terminal.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service user as the system's account files describe it: its name and every group it is
 * in (primary and supplementary). Read from {@code /etc/passwd} and {@code /etc/group}, the files
 * systemd-sysusers writes; the paths are parameters so tests bring their own.
 */
public record ServiceAccount(String user, Set<String> groups) {
    public ServiceAccount {
        groups = Set.copyOf(groups);
    }

    public boolean isRoot() {
        return user.equals("root");
    }

    /** Empty when the user does not exist. */
    public static Optional<ServiceAccount> lookUp(String user, Path passwd, Path group) throws IOException {
        Optional<String> primaryGid = Optional.empty();
        for (String line : lines(passwd)) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && f[0].equals(user)) {
                primaryGid = Optional.of(f[3]);
            }
        }
        if (primaryGid.isEmpty()) {
            return Optional.empty();
        }
        Set<String> groups = new TreeSet<>();
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length < 4) {
                continue;
            }
            if (f[2].equals(primaryGid.get()) || List.of(f[3].split(",")).contains(user)) {
                groups.add(f[0]);
            }
        }
        return Optional.of(new ServiceAccount(user, groups));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }
}
