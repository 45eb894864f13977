package org.loyaltyterminal.simulator.bench;

import java.util.Arrays;
import java.util.Locale;

/** Recorded latencies in nanoseconds, summarised as percentiles (nearest-rank). */
final class Latencies {
    private long[] values;
    private int count;

    Latencies(int expected) {
        values = new long[Math.max(16, expected)];
    }

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    int count() {
        return count;
    }

    long percentile(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    long max() {
        return percentile(100);
    }

    String summary() {
        return String.format(
                Locale.ROOT,
                "p50 %s  p99 %s  max %s  (n=%d)",
                ms(percentile(50)),
                ms(percentile(99)),
                ms(max()),
                count);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
