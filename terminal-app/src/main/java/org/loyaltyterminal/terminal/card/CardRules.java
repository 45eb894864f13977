package org.loyaltyterminal.terminal.card;

/** How contactless cards are handled: not at all, or by keyed hash with a policy for unknown cards. */
public sealed interface CardRules {

    /** No contactless reader is configured. */
    record Disabled() implements CardRules {}

    record Enabled(CardIdentities identities, UnknownCardPolicy unknownCards) implements CardRules {}
}
