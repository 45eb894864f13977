package org.loyaltyterminal.hq.store;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.loyaltyterminal.hq.support.TestDatabases;

/** Skips a jqwik property with the reason when PostgreSQL cannot be used here (and fails it on CI). */
public final class PostgresAvailable implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return TestDatabases.postgresUnavailable().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
}
