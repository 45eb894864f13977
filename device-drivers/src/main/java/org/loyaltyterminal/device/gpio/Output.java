package org.loyaltyterminal.device.gpio;

/** The till's indicator outputs: three LEDs and an active buzzer (a digital output, no PWM). */
public enum Output {
    READY_LED,
    HQ_LED,
    FAULT_LED,
    BUZZER
}
