package org.loyaltyterminal.sync.agent;

import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * Checks the {@code with...} methods of a settings record field by field: a wither that assigns
 * the wrong field (two durations swapped, say) still builds a valid record, so only comparing
 * every component before and after the call catches it. (device-drivers' tests have the same
 * checks; the modules share no test code.)
 */
final class WitherChecks {
    private WitherChecks() {}

    /**
     * One call of a wither and what it must change.
     *
     * @param name    the wither's method name, to check that every public wither has a case
     * @param call    the call on the start value
     * @param changes the components that must differ afterwards, with their new values; every
     *                other component must be equal to the start value's
     */
    record Case<R extends Record>(String name, UnaryOperator<R> call, Map<String, ?> changes) {}

    static <R extends Record> Case<R> wither(String name, UnaryOperator<R> call, Map<String, ?> changes) {
        return new Case<>(name, call, changes);
    }

    /** Each case changes exactly its components, and each public with... method of R has a case. */
    static <R extends Record> void assertEachChangesOnlyItsFields(R start, List<Case<R>> cases) {
        TreeSet<String> declared = Arrays.stream(start.getClass().getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .filter(n -> n.startsWith("with"))
                .collect(toCollection(TreeSet::new));
        TreeSet<String> covered = cases.stream().map(Case::name).collect(toCollection(TreeSet::new));
        Stream<Executable> coverage = Stream.of(() -> assertEquals(declared, covered, "withers with a case"));
        Stream<Executable> changes = cases.stream()
                .map(c ->
                        () -> assertEquals(c.changes(), changed(start, c.call().apply(start)), c.name()));
        assertAll(Stream.concat(coverage, changes));
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
