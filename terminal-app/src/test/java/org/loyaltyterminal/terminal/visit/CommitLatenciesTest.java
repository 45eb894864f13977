package org.loyaltyterminal.terminal.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommitLatenciesTest {
    @Test
    void nothingRecordedGivesNoSummary() {
        assertTrue(new CommitLatencies(4).summary().isEmpty());
    }

    @Test
    void percentilesAreNearestRankOverTheRecordedScans() {
        CommitLatencies latencies = new CommitLatencies(1_000);
        for (long i = 1; i <= 100; i++) {
            latencies.record(i * 1_000);
        }
        CommitLatencies.Summary summary = latencies.summary().orElseThrow();
        assertEquals(100, summary.scans());
        assertEquals(50_000, summary.p50Nanos());
        assertEquals(99_000, summary.p99Nanos());
        assertEquals(100_000, summary.maxNanos());
    }

    @Test
    void onlyTheMostRecentScansCount() {
        CommitLatencies latencies = new CommitLatencies(10);
        latencies.record(1_000_000_000L); // an old outlier
        for (int i = 0; i < 10; i++) {
            latencies.record(500);
        }
        CommitLatencies.Summary summary = latencies.summary().orElseThrow();
        assertEquals(10, summary.scans());
        assertEquals(500, summary.maxNanos(), "the outlier left the ring");
    }
}
