package org.loyaltyterminal.sync.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The brokers every real-broker test runs against: HiveMQ CE embedded always, Mosquitto when
 * its binary is installed. On CI ({@code CI=true}) a missing Mosquitto fails the test instead of
 * quietly halving the coverage. Use it as a JUnit 5 parameter source:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
 * void works(TestBrokers.Kind kind, @TempDir Path dir) {
 *     try (TestBroker broker = kind.start(dir)) { ... }
 * }
 * }</pre>
 */
public final class TestBrokers {
    /** Where Debian and Homebrew put the binary when {@code /usr/sbin} is not on a user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin");

    private TestBrokers() {}

    public enum Kind {
        HIVEMQ_EMBEDDED {
            @Override
            public TestBroker start(Path folder) {
                return EmbeddedHiveMq.start(folder.resolve("hivemq"));
            }
        },
        MOSQUITTO {
            @Override
            public TestBroker start(Path folder) {
                Path binary = mosquittoBinary(System.getenv())
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "mosquitto is not installed; install it (apt-get install mosquitto) or run HiveMQ only"));
                return MosquittoBroker.start(binary, folder.resolve("mosquitto"));
            }
        };

        /** Starts a broker of this kind with its files under {@code folder}. */
        public abstract TestBroker start(Path folder);
    }

    /** The parameter source: every broker available here. */
    public static Stream<Kind> kinds() {
        Map<String, String> env = System.getenv();
        return available("true".equalsIgnoreCase(env.getOrDefault("CI", "")), mosquittoBinary(env)).stream();
    }

    /**
     * The brokers to run against.
     *
     * @param ci        whether this is a CI run ({@code CI=true})
     * @param mosquitto the mosquitto binary, if installed
     * @throws IllegalStateException on CI without Mosquitto
     */
    public static List<Kind> available(boolean ci, Optional<Path> mosquitto) {
        if (mosquitto.isPresent()) {
            return List.of(Kind.HIVEMQ_EMBEDDED, Kind.MOSQUITTO);
        }
        if (ci) {
            throw new IllegalStateException("CI=true but no 'mosquitto' on PATH or in " + EXTRA_DIRS + ": CI must"
                    + " install mosquitto (apt-get install -y mosquitto) so the real-broker tests run against"
                    + " Mosquitto as well as HiveMQ");
        }
        return List.of(Kind.HIVEMQ_EMBEDDED);
    }

    /** The mosquitto executable on {@code PATH} or in the usual sbin folders. */
    public static Optional<Path> mosquittoBinary(Map<String, String> env) {
        List<String> dirs = new ArrayList<>(List.of(env.getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "mosquitto"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
