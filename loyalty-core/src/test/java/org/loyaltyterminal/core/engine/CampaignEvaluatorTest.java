package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.Campaign;

/**
 * One evaluator per kind of campaign. The engine's exhaustive switch already refuses to compile
 * without a case per kind; this checks the other half: the sealed interface lists exactly one
 * evaluator for each kind, none twice and none for a kind that no longer exists.
 */
class CampaignEvaluatorTest {

    @Test
    void everyKindOfCampaignHasExactlyOneEvaluator() {
        List<Class<?>> evaluated = new ArrayList<>();
        for (Class<?> evaluator : CampaignEvaluator.class.getPermittedSubclasses()) {
            evaluated.add(kindOf(evaluator));
        }
        Set<Class<?>> kinds = Set.of(Campaign.class.getPermittedSubclasses());

        assertEquals(kinds, Set.copyOf(evaluated), "the kinds evaluated are the kinds of campaign");
        assertEquals(evaluated.size(), kinds.size(), "no kind has two evaluators: " + evaluated);
    }

    @Test
    void evaluatorsAreFinalAndKeepNoState() {
        for (Class<?> evaluator : CampaignEvaluator.class.getPermittedSubclasses()) {
            assertTrue(Modifier.isFinal(evaluator.getModifiers()), evaluator + " is final");
            assertEquals(
                    List.of(),
                    Stream.of(evaluator.getDeclaredFields())
                            .filter(f -> !f.isSynthetic())
                            .map(Field::getName)
                            .toList(),
                    evaluator + " has no fields: the engine shares one instance between threads");
        }
    }

    /** The campaign type an evaluator's {@code CampaignEvaluator<C>} names. */
    private static Class<?> kindOf(Class<?> evaluator) {
        for (Type type : evaluator.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == CampaignEvaluator.class) {
                return assertInstanceOf(Class.class, p.getActualTypeArguments()[0], evaluator + "'s campaign type");
            }
        }
        throw new AssertionError(evaluator + " does not implement CampaignEvaluator directly");
    }
}
