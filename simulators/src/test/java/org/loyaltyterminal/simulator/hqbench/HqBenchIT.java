package org.loyaltyterminal.simulator.hqbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.daemon.PackagedJar;

/**
 * {@code loyalty-simulators hq-bench --quick} from the packaged jar: 50 light tills against a real
 * Mosquitto and HQ's workers on PostgreSQL, 1, 2 and 4 workers. Proves the benchmark works, not
 * that HQ is fast: the throughput goal may be missed on a busy CI machine (exit 4), but every
 * run must be exactly-once and every figure printed. Needs mosquitto and PostgreSQL (the server
 * in {@value #URL_VARIABLE}, by default the one .ci/run sets up, as hq-tool's store tests): skipped
 * without them, failed without them under {@code CI=true}.
 */
class HqBenchIT {
    private static final String URL_VARIABLE = "LOYALTY_TEST_POSTGRES_URL";
    private static final String DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=loyalty_test&password=loyalty_test";

    @TempDir
    Path dir;

    @Test
    void aQuickRunIsExactlyOnceAndPrintsEveryFigure() throws Exception {
        Map<String, String> env = System.getenv();
        boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
        String url = env.getOrDefault(URL_VARIABLE, "").isBlank() ? DEFAULT_URL : env.get(URL_VARIABLE);
        Optional<Path> mosquitto = Prerequisites.mosquitto(env);
        Optional<String> postgres = Prerequisites.postgresUnreachable(url);
        if (ci) {
            assertTrue(mosquitto.isPresent(), "CI=true but mosquitto is not installed: .ci/run must install it");
            assertEquals(
                    Optional.empty(),
                    postgres,
                    "CI=true but PostgreSQL at " + Prerequisites.redact(url) + " cannot be used: .ci/run must start"
                            + " it with role loyalty_test (LOGIN CREATEDB)");
        }
        assumeTrue(mosquitto.isPresent(), "mosquitto not installed: hq-bench not run here");
        assumeTrue(
                postgres.isEmpty(),
                () -> "PostgreSQL at " + Prerequisites.redact(url) + " cannot be used (" + postgres.orElseThrow()
                        + "): hq-bench not run here; start a server with role loyalty_test or set " + URL_VARIABLE);

        PackagedJar.Result bench = PackagedJar.run(
                PackagedJar.simulators(), "hq-bench", "--quick", "--database", url, "--dir", dir.toString());
        String output = bench.output();

        assertTrue(bench.exit() == 0 || bench.exit() == 4, "exit 0 (goal met) or 4 (missed): " + output);
        assertTrue(output.contains("exactly-once over every run: PASS"), output);
        for (int workers : List.of(1, 2, 4)) {
            String run = section(output, workers);
            for (String figure : List.of(
                    "floor: bare batched INSERT ... ON CONFLICT DO NOTHING on " + workers + " connection",
                    "tills connected and subscribed: 50 in",
                    "ingest: 5,000 events stored and acknowledged in",
                    "reconnect storm: 50 tills back at once with 100 events each: all connected in",
                    "client: 50 connections on 2 threads",
                    "exactly-once: 10,000 of 10,000 events stored once, unchanged, contiguous per till and"
                            + " acknowledged; the accounts equal the events' sums: PASS")) {
                assertTrue(run.contains(figure), "'" + figure + "' in the " + workers + "-worker run: " + output);
            }
            assertTrue(
                    Pattern.compile("(?m)^ +" + workers + " +[\\d,]+ +[\\d,]+ +\\d+% +[\\d.]+ s +PASS$")
                            .matcher(output)
                            .find(),
                    "a summary row for " + workers + " workers: " + output);
        }
        Matcher goal = Pattern.compile(
                        "goal: 2 workers store and acknowledge at least 50% of the floor: \\d+%: (PASS|MISSED)")
                .matcher(output);
        assertTrue(goal.find(), output);
        assertEquals(goal.group(1).equals("PASS") ? 0 : 4, bench.exit(), output);
    }

    /** The lines of one worker count's run. */
    private static String section(String output, int workers) {
        int start = output.indexOf("\n" + workers + " ingest worker");
        assertTrue(start >= 0, "a run with " + workers + " workers: " + output);
        int end = output.indexOf("\n\n", start + 1);
        return output.substring(start, end < 0 ? output.length() : end);
    }
}
