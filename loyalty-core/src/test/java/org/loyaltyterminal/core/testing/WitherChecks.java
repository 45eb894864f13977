package org.loyaltyterminal.core.testing;

import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.function.Executable;

/**
 * Checks the {@code with...} methods of a settings record field by field: a wither that assigns
 * the wrong field (two durations swapped, say) still builds a valid record, so only comparing
 * every component before and after the call catches it.
 */
public final class WitherChecks<R extends Record> {
    private final R start;
    private final TreeSet<String> checked = new TreeSet<>();
    private final List<Executable> checks = new ArrayList<>();

    private WitherChecks(R start) {
        this.start = start;
    }

    /** Checks of withers called on start. */
    public static <R extends Record> WitherChecks<R> from(R start) {
        return new WitherChecks<>(start);
    }

    /** The call of the named wither must change this component to value, and no other. */
    public WitherChecks<R> check(String wither, UnaryOperator<R> call, String component, Object value) {
        return check(wither, call, Map.of(component, value));
    }

    /** The call of the named wither must change these two components to these values, and no other. */
    public WitherChecks<R> check(
            String wither, UnaryOperator<R> call, String component1, Object value1, String component2, Object value2) {
        return check(wither, call, Map.of(component1, value1, component2, value2));
    }

    /** Runs the checks; fails too when a public with... method of the record was not checked. */
    public void assertAllWithers() {
        TreeSet<String> declared = Arrays.stream(start.getClass().getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .filter(n -> n.startsWith("with"))
                .collect(toCollection(TreeSet::new));
        checks.add(() -> assertEquals(declared, checked, "withers checked"));
        assertAll(checks);
    }

    private WitherChecks<R> check(String wither, UnaryOperator<R> call, Map<String, Object> changes) {
        checked.add(wither);
        checks.add(() -> assertEquals(new TreeMap<>(changes), changed(start, call.apply(start)), wither));
        return this;
    }

    /** The components whose values differ between the two, with the values they have in after. */
    private static Map<String, Object> changed(Record before, Record after) {
        Map<String, Object> changed = new TreeMap<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            Object now = value(c, after);
            if (!Objects.equals(value(c, before), now)) {
                changed.put(c.getName(), now);
            }
        }
        return changed;
    }

    private static Object value(RecordComponent component, Record of) {
        try {
            return component.getAccessor().invoke(of);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("cannot read " + component.getName() + " of " + of, e);
        }
    }
}
