package org.loyaltyterminal.simulator.hqbench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the benchmark needs from the machine, looked up before anything starts. */
public final class Prerequisites {
    private Prerequisites() {}

    /** The mosquitto executable on {@code PATH} or in the usual sbin folders. */
    public static Optional<Path> mosquitto(Map<String, String> env) {
        return BenchBroker.find(env);
    }

    /** Why PostgreSQL at {@code jdbcUrl} cannot be reached, or empty when it can. */
    public static Optional<String> postgresUnreachable(String jdbcUrl) {
        return BenchDatabase.unreachable(jdbcUrl);
    }

    /** The URL for messages: without its parameters, which may hold a password. */
    public static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
