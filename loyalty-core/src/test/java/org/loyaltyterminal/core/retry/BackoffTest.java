package org.loyaltyterminal.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

    // From the device adapters' ReconnectBackoffTest: 250 ms doubling up to 5 s, retries counted from 0.
    @Test
    void doublesFromInitialAndStaysAtTheCap() {
        Backoff b = Backoff.doubling(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(250), b.delay(0));
        assertEquals(Duration.ofMillis(500), b.delay(1));
        assertEquals(Duration.ofSeconds(1), b.delay(2));
        assertEquals(Duration.ofSeconds(4), b.delay(4));
        assertEquals(Duration.ofSeconds(5), b.delay(5), "capped");
        assertEquals(Duration.ofSeconds(5), b.delay(1_000_000), "no overflow after many attempts");
        assertEquals(Duration.ofSeconds(5), b.delay(Integer.MAX_VALUE), "huge attempt");
    }

    @Test
    void refusesAnInitialAboveTheCapAZeroInitialAShrinkingMultiplierOrANegativeRetry() {
        assertThrows(
                IllegalArgumentException.class, () -> Backoff.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class, () -> Backoff.doubling(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals(
                "reconnect backoff: initial 0 ms and max 1000 ms must satisfy 0 < initial <= max", zero.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 0.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), Double.NaN));
        Backoff b = Backoff.doubling(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> b.delay(-1));
        assertThrows(IllegalArgumentException.class, () -> b.delay(-1, bound -> 0));
    }

    // From SyncAgentTest (the sync agent's former ReconnectDelay): 1 s doubling up to 60 s; its
    // attempt n (1-based) is retry n - 1 here.
    @Test
    void backoffCeilingDoublesUpToTheCapAndEveryDelayIsJittered() {
        Backoff b = Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(1), b.delay(0));
        assertEquals(Duration.ofSeconds(8), b.delay(3));
        assertEquals(Duration.ofSeconds(60), b.delay(6));
        assertEquals(Duration.ofSeconds(60), b.delay(999));
        SplittableRandom random = new SplittableRandom(1);
        long distinct = IntStream.range(0, 50)
                .mapToObj(i -> b.delay(9, random::nextLong))
                .distinct()
                .count();
        assertTrue(distinct > 40, "full jitter spreads a fleet: 50 draws gave only " + distinct + " distinct delays");
        assertTrue(IntStream.range(0, 1_000)
                .mapToObj(i -> b.delay(2, random::nextLong))
                .allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(4)) <= 0));
    }

    @Test
    void jitterDrawsBelowTheCeilingPlusOneSoBothEndsAreReachable() {
        Backoff b = Backoff.doubling(Duration.ofNanos(3), Duration.ofNanos(100));
        assertEquals(Duration.ZERO, b.delay(1, bound -> 0), "lowest draw");
        assertEquals(Duration.ofNanos(6), b.delay(1, bound -> bound - 1), "highest draw is the ceiling itself");
        long[] asked = new long[1];
        b.delay(1, bound -> asked[0] = bound);
        assertEquals(7, asked[0], "bound asked for the 6 ns ceiling");
    }

    @Test
    void aMultiplierOfOneIsAFixedDelayAndOtherMultipliersGrowByThatFactor() {
        Backoff fixed = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1), 1.0);
        assertEquals(Duration.ofMillis(300), fixed.delay(0));
        assertEquals(Duration.ofMillis(300), fixed.delay(50));
        Backoff triple = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0);
        assertEquals(Duration.ofMillis(300), triple.delay(1));
        assertEquals(Duration.ofMillis(900), triple.delay(2));
        assertEquals(Duration.ofSeconds(1), triple.delay(3), "capped");
    }

    @Property
    void aDelayIsNeverNegativeNorAboveTheCap(
            @ForAll("backoffs") Backoff b, @ForAll @IntRange(min = 0, max = 200) int retry, @ForAll long draw) {
        Duration plain = b.delay(retry);
        Duration jittered = b.delay(retry, bound -> draw);
        assertTrue(!plain.isNegative() && plain.compareTo(b.cap()) <= 0, () -> b + " retry " + retry + ": " + plain);
        assertTrue(
                !jittered.isNegative() && jittered.compareTo(plain) <= 0,
                () -> b + " retry " + retry + " draw " + draw + ": " + jittered + " outside [0, " + plain + "]");
    }

    @Property
    void withoutJitterDelaysNeverShrinkAndStartAtTheInitial(
            @ForAll("backoffs") Backoff b, @ForAll @IntRange(min = 0, max = 200) int retry) {
        assertEquals(b.initial(), b.delay(0), "first retry waits the initial delay");
        assertTrue(
                b.delay(retry + 1).compareTo(b.delay(retry)) >= 0,
                () -> b + ": retry " + (retry + 1) + " waits " + b.delay(retry + 1) + " < " + b.delay(retry));
    }

    @Property
    void doublingReachesTheCapAndStaysThere(
            @ForAll @LongRange(min = 1, max = 60_000) long initialMillis,
            @ForAll @IntRange(min = 0, max = 20) int extra) {
        Backoff b = Backoff.doubling(Duration.ofMillis(initialMillis), Duration.ofMinutes(10));
        int toCap = 64 - Long.numberOfLeadingZeros(Duration.ofMinutes(10).toMillis() / initialMillis);
        assertEquals(b.cap(), b.delay(toCap + extra), () -> b + " after " + (toCap + extra) + " retries");
    }

    @Provide
    Arbitrary<Backoff> backoffs() {
        Arbitrary<Long> initial = Arbitraries.longs().between(1, 60_000_000_000L);
        Arbitrary<Long> extra = Arbitraries.longs().between(0, 600_000_000_000L);
        Arbitrary<Double> multiplier = Arbitraries.doubles().between(1.0, 10.0);
        return Combinators.combine(initial, extra, multiplier)
                .as((i, e, m) -> new Backoff(Duration.ofNanos(i), Duration.ofNanos(i + e), m));
    }
}
