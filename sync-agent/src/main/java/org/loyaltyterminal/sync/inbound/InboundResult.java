package org.loyaltyterminal.sync.inbound;

/** What the terminal made of a message from HQ. */
public sealed interface InboundResult {
    /** Applied atomically; {@code version} is now the one in force for the scope. */
    record Applied(String scope, long version, String summary) implements InboundResult {}

    /** The same version is already in force (a retained message seen again on reconnect). */
    record AlreadyInForce(String scope, long version) implements InboundResult {}

    /**
     * Not applied, and nothing wrong with it: an answer that came too late to be used. Logged at
     * debug, not counted as a refusal.
     */
    record Ignored(String scope, String why) implements InboundResult {}

    /** Not applied; nothing changed. */
    record Refused(Refusal refusal, String detail) implements InboundResult {}
}
