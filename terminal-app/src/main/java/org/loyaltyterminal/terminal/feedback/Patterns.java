package org.loyaltyterminal.terminal.feedback;

import static org.loyaltyterminal.device.gpio.Output.BUZZER;
import static org.loyaltyterminal.device.gpio.Output.FAULT_LED;
import static org.loyaltyterminal.device.gpio.Output.READY_LED;

import java.time.Duration;
import java.util.List;
import org.loyaltyterminal.terminal.feedback.Pattern.Step;

/**
 * The four signals a cashier learns, distinct by rhythm alone (an active buzzer has one pitch):
 * <ul>
 *   <li>accepted: one short beep, the ready LED blinks;
 *   <li>refused: two long low-rate beeps with the fault LED on;
 *   <li>reward earned: four quick beeps;
 *   <li>voucher redeemed: one long beep, then a short one.
 * </ul>
 */
public record Patterns(Pattern accepted, Pattern refused, Pattern rewardEarned, Pattern voucherRedeemed) {

    public static Patterns standard() {
        return new Patterns(
                new Pattern("accepted", List.of(Step.on(ms(80), BUZZER, READY_LED))),
                new Pattern(
                        "refused",
                        List.of(
                                Step.on(ms(250), BUZZER, FAULT_LED),
                                Step.on(ms(120), FAULT_LED),
                                Step.on(ms(250), BUZZER, FAULT_LED),
                                Step.on(ms(400), FAULT_LED))),
                new Pattern(
                        "reward-earned",
                        List.of(
                                Step.on(ms(60), BUZZER, READY_LED),
                                Step.pause(ms(60)),
                                Step.on(ms(60), BUZZER, READY_LED),
                                Step.pause(ms(60)),
                                Step.on(ms(60), BUZZER, READY_LED),
                                Step.pause(ms(60)),
                                Step.on(ms(60), BUZZER, READY_LED))),
                new Pattern(
                        "voucher-redeemed",
                        List.of(
                                Step.on(ms(400), BUZZER, READY_LED),
                                Step.pause(ms(100)),
                                Step.on(ms(80), BUZZER, READY_LED))));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
