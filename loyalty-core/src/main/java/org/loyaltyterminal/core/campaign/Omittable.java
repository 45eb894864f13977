package org.loyaltyterminal.core.campaign;

import java.util.Optional;
import java.util.function.Function;

/**
 * What reading a field the file may leave out gave: its value, nothing because it was left out,
 * or nothing because it was refused (the problem is recorded). Three outcomes, where a nested
 * {@code Optional} would hide which empty is which.
 */
sealed interface Omittable<T> {

    record Given<T>(T value) implements Omittable<T> {}

    record LeftOut<T>() implements Omittable<T> {}

    record Refused<T>() implements Omittable<T> {}

    static <T> Omittable<T> leftOut() {
        return new LeftOut<>();
    }

    static <T> Omittable<T> refused() {
        return new Refused<>();
    }

    /** The outcome of reading a field that is there: its value, or refused when the read found a problem. */
    static <T> Omittable<T> read(Optional<T> read) {
        return read.<Omittable<T>>map(Given::new).orElseGet(Refused::new);
    }

    default boolean isRefused() {
        return this instanceof Refused;
    }

    /** The value when given; empty when left out or refused. */
    default Optional<T> given() {
        return this instanceof Given<T> g ? Optional.of(g.value()) : Optional.empty();
    }

    /** The value, {@code absent} when left out; empty when refused. */
    default Optional<T> orElse(T absent) {
        return switch (this) {
            case Given<T> g -> Optional.of(g.value());
            case LeftOut<T> _ -> Optional.of(absent);
            case Refused<T> _ -> Optional.empty();
        };
    }

    default <R> Omittable<R> map(Function<? super T, ? extends R> f) {
        return switch (this) {
            case Given<T> g -> new Given<>(f.apply(g.value()));
            case LeftOut<T> _ -> new LeftOut<>();
            case Refused<T> _ -> new Refused<>();
        };
    }
}
