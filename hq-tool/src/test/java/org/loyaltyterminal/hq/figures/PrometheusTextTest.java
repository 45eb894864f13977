package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void writesFamiliesWithEscapedHelpAndLabels() {
        PrometheusText out = new PrometheusText();
        out.gauge("a_ratio", "Share of \\ things\nover lines").sample(Map.of("z", "1", "a", "x\"y\\z\nw"), 0.25);
        out.counter("b_total", "Counted").sample(7).sample(Map.of("worker", "w1"), 1e20);
        out.gauge("c", "Odd values")
                .sample(Map.of("v", "nan"), Double.NaN)
                .sample(Map.of("v", "inf"), Double.POSITIVE_INFINITY)
                .sample(Map.of("v", "neg"), -3);
        assertEquals("""
                # HELP a_ratio Share of \\\\ things\\nover lines
                # TYPE a_ratio gauge
                a_ratio{a="x\\"y\\\\z\\nw",z="1"} 0.25
                # HELP b_total Counted
                # TYPE b_total counter
                b_total 7
                b_total{worker="w1"} 1.0E20
                # HELP c Odd values
                # TYPE c gauge
                c{v="nan"} NaN
                c{v="inf"} +Inf
                c{v="neg"} -3
                """, out.text());
    }

    @Test
    void refusesBadNamesAndRepeats() {
        PrometheusText out = new PrometheusText();
        assertThrows(IllegalArgumentException.class, () -> out.gauge("1abc", "x"));
        assertThrows(IllegalArgumentException.class, () -> out.gauge("a b", "x"));
        PrometheusText.Family family = out.gauge("ok", "x");
        assertThrows(IllegalArgumentException.class, () -> out.counter("ok", "again"));
        assertThrows(IllegalArgumentException.class, () -> family.sample(Map.of("bad-label", "v"), 1));
        assertThrows(IllegalArgumentException.class, () -> family.sample(Map.of("__reserved", "v"), 1));
        family.sample(Map.of("a", "1"), 1);
        assertThrows(IllegalArgumentException.class, () -> family.sample(Map.of("a", "1"), 2));
    }
}
