package org.loyaltyterminal.simulator.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the benchmark looks for the daemon's jar when it is not told: the simulators are a jar of
 * their own, so the daemon has to be found beside it, in the source tree it was built in, or where
 * the Debian package installs it.
 */
public final class DaemonJar {
    static final String NAME = "loyalty-terminal.jar";
    /** Where the Debian package puts the daemon (terminal-app/pom.xml, jdeb). */
    static final Path INSTALLED = Path.of("/usr/share/loyalty-terminal", NAME);

    private DaemonJar() {}

    /**
     * The places to look, in order: beside {@code simulatorsJar} (both copied to a till), the
     * source tree's {@code terminal-app/target} seen from {@code simulators/target}, the same under
     * {@code workingDir} (a checkout's root), and the package's install path.
     */
    public static List<Path> candidates(Optional<Path> simulatorsJar, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        simulatorsJar.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> {
            candidates.add(dir.resolve(NAME));
            candidates.add(dir.resolve("../../terminal-app/target/" + NAME).normalize());
        });
        candidates.add(workingDir
                .toAbsolutePath()
                .resolve("terminal-app/target/" + NAME)
                .normalize());
        candidates.add(INSTALLED);
        return candidates.stream().distinct().toList();
    }

    /** The first candidate that is a file. */
    public static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The jar this code runs from, when it runs from a jar: the simulators' own. */
    public static Optional<Path> simulatorsJar() {
        CodeSource source = DaemonJar.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
