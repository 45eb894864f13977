package org.loyaltyterminal.sync.agent;

import java.util.Map;

/** What the terminal tells HQ about itself in every birth and status message. */
public interface StatusFacts {
    String software();

    String bootId();

    boolean clockSynchronized();

    /** Version in force per campaign scope. */
    Map<String, Long> campaignVersions();

    /** State per device, as the status page shows it. */
    Map<String, String> devices();
}
