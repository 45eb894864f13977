package org.loyaltyterminal.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark finds the daemon's jar without --jar, in a source tree and beside a copied jar. */
class DaemonJarTest {
    @TempDir
    Path dir;

    @Test
    void inASourceTreeTheDaemonIsTerminalAppsTargetSeenFromSimulatorsTarget() throws Exception {
        Path simulators = file(dir.resolve("checkout/simulators/target/loyalty-simulators.jar"));
        Path daemon = file(dir.resolve("checkout/terminal-app/target/loyalty-terminal.jar"));

        List<Path> candidates = DaemonJar.candidates(Optional.of(simulators), dir.resolve("elsewhere"));

        assertEquals(Optional.of(daemon), DaemonJar.find(candidates));
    }

    @Test
    void aDaemonBesideTheSimulatorsJarComesFirst() throws Exception {
        Path simulators = file(dir.resolve("checkout/simulators/target/loyalty-simulators.jar"));
        file(dir.resolve("checkout/terminal-app/target/loyalty-terminal.jar"));
        Path beside = file(dir.resolve("checkout/simulators/target/loyalty-terminal.jar"));

        assertEquals(Optional.of(beside), DaemonJar.find(DaemonJar.candidates(Optional.of(simulators), dir)));
    }

    @Test
    void runFromClassesTheWorkingFolderIsTheCheckout() throws Exception {
        Path daemon = file(dir.resolve("terminal-app/target/loyalty-terminal.jar"));

        List<Path> candidates = DaemonJar.candidates(Optional.empty(), dir);

        assertEquals(Optional.of(daemon), DaemonJar.find(candidates));
        assertEquals(DaemonJar.INSTALLED, candidates.getLast(), "the package's path is the last resort");
    }

    @Test
    void aFolderNamedLikeTheJarIsNotTaken() throws Exception {
        Files.createDirectories(dir.resolve("terminal-app/target/loyalty-terminal.jar"));

        List<Path> candidates = DaemonJar.candidates(Optional.empty(), dir);

        assertEquals(
                Files.isRegularFile(DaemonJar.INSTALLED) ? Optional.of(DaemonJar.INSTALLED) : Optional.empty(),
                DaemonJar.find(candidates));
    }

    private static Path file(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "jar");
    }
}
