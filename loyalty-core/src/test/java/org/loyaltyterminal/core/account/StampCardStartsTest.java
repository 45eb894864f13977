package org.loyaltyterminal.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.account.StampCardStarts.StampMovement;

class StampCardStartsTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00Z");

    @Test
    void a_card_starts_with_its_first_stamp_and_later_stamps_leave_the_start() {
        assertEquals(
                Map.of("coffee", T1),
                StampCardStarts.replay(
                        List.of(new StampMovement("coffee", T1, 2, false), new StampMovement("coffee", T2, 3, false))));
    }

    @Test
    void a_completion_with_a_surplus_starts_the_next_card() {
        assertEquals(
                Map.of("coffee", T2),
                StampCardStarts.replay(
                        List.of(new StampMovement("coffee", T1, 9, false), new StampMovement("coffee", T2, -8, true))));
    }

    @Test
    void taking_stamps_keeps_the_start_and_an_emptied_card_has_none() {
        assertEquals(
                Map.of("coffee", T1),
                StampCardStarts.replay(List.of(
                        new StampMovement("coffee", T1, 4, false), new StampMovement("coffee", T2, -1, false))));
        assertEquals(
                Map.of("tea", T3),
                StampCardStarts.replay(List.of(
                        new StampMovement("coffee", T1, 4, false),
                        new StampMovement("coffee", T2, -6, false),
                        new StampMovement("tea", T3, 1, false))));
    }

    @Test
    void stamps_after_an_emptied_card_start_a_new_one() {
        assertEquals(
                Map.of("coffee", T3),
                StampCardStarts.replay(List.of(
                        new StampMovement("coffee", T1, 2, false),
                        new StampMovement("coffee", T2, -2, false),
                        new StampMovement("coffee", T3, 1, false))));
    }
}
