package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fuzzed frames through the whole pipeline (framer, decoder, noise accounting) on a fake
 * ticker: however the line misbehaves, the log must stay within journald's rate limit, so the
 * lines it writes are bounded by time, never by the number of frames.
 */
class ScanPipelineFuzzTest {
    private static final long MS = 1_000_000L;
    private static final int FRAMES = 200_000;
    private static final long SEED = 14_10L;

    private final Logger logger = (Logger) LoggerFactory.getLogger("test.fuzz." + System.identityHashCode(this));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO); // as the daemon runs; DEBUG is off in production
        logger.setAdditive(false); // counted here, not printed into the build's output
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
    }

    @Test
    void fuzzedFramesLogAtMostALineInTwoHundredFramesAndTwoLinesPerQuietPeriod() {
        ScannerSettings settings =
                ScannerSettings.defaults(Path.of("/dev/fuzz")).withName("fuzz").withMaxLineLength(64);
        ScanPipeline pipeline = new ScanPipeline(settings, "scanner 'fuzz'", logger);
        Random random = new Random(SEED);
        long now = 0;
        long accepted = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = frame(random, i);
            accepted += pipeline.onBytes(frame, frame.length, now).size();
            now += random.nextInt(3) * MS; // mostly back to back
            if (random.nextInt(1000) == 0) {
                now += (1 + random.nextInt(5_000)) * MS; // now and then a pause, up to 5 s
                pipeline.onIdle(now);
            }
        }
        now += settings.noiseQuietPeriod().toNanos() + MS;
        pipeline.onIdle(now);

        long lines = logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .count();
        double perFrame = (double) lines / FRAMES;
        long quietPeriods = now / settings.noiseQuietPeriod().toNanos();
        LoggerFactory.getLogger(ScanPipelineFuzzTest.class)
                .info(
                        "fuzz: {} frames ({} accepted, {} rejected) over {} s of ticker time gave {} log lines at INFO or "
                                + "above: {} lines per frame",
                        FRAMES,
                        accepted,
                        pipeline.stats().rejectedTotal(),
                        Duration.ofNanos(now).toSeconds(),
                        lines,
                        String.format("%.6f", perFrame));
        assertTrue(
                pipeline.stats().rejectedTotal() > FRAMES / 4,
                () -> "the fuzz produced too little noise to test: " + pipeline.stats());
        assertTrue(perFrame <= 0.005, () -> lines + " lines for " + FRAMES + " frames: " + perFrame + " per frame");
        // One WARN and one summary per burst, and bursts are separated by a quiet period.
        assertTrue(lines <= 2 * quietPeriods + 2, () -> lines + " lines in " + quietPeriods + " quiet periods");
    }

    /** A frame that is good, printable junk, binary junk, overlong, empty or cut short. */
    private static byte[] frame(Random random, int i) {
        return switch (random.nextInt(6)) {
            case 0 -> "4006381333931\r".getBytes(StandardCharsets.US_ASCII);
            case 1 -> ("R" + i + "\r").getBytes(StandardCharsets.US_ASCII);
            case 2 -> {
                byte[] b = new byte[1 + random.nextInt(100)];
                random.nextBytes(b);
                yield b; // may hold CRs, LFs, anything
            }
            case 3 -> ("A".repeat(65 + random.nextInt(100)) + "\r").getBytes(StandardCharsets.US_ASCII);
            case 4 -> "\r".getBytes(StandardCharsets.US_ASCII);
            default ->
                (String.format("%013d", random.nextLong(10_000_000_000_000L)) + "\r")
                        .getBytes(StandardCharsets.US_ASCII); // mostly bad check digits
        };
    }
}
