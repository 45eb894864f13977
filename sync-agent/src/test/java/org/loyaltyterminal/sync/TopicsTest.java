package org.loyaltyterminal.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The topic layout of the member lookups and the store's members, as docs/sync-protocol.md lists it. */
class TopicsTest {
    private static final Topics ME = new Topics("acme", "s1", "t1");

    @Test
    void theLookupTopicsAreThisTerminalsAndTheStoreMembersTopicIsItsStores() {
        assertEquals("loyalty/v1/acme/s1/members", ME.storeMembers());
        assertEquals("loyalty/v1/acme/s1/t1/lookup", ME.lookup());
        assertEquals("loyalty/v1/acme/s1/t1/lookup-reply", ME.lookupReply());
        assertEquals("$share/hq-lookup/loyalty/v1/+/+/+/lookup", Topics.sharedLookupFilter("hq-lookup"));
        assertEquals(Optional.of(ME), Topics.ofTerminalTopic(ME.lookup()), "HQ finds who asked from the topic");
    }

    @Test
    void theTerminalSubscribesToItsStoresMembersAndItsAnswersButNotToItsOwnQuestions() {
        assertTrue(ME.subscriptions().contains(ME.storeMembers()));
        assertTrue(ME.subscriptions().contains(ME.lookupReply()));
        assertTrue(ME.subscriptions().contains(ME.members()));
        assertFalse(ME.subscriptions().contains(ME.lookup()));
    }

    @Test
    void aSharedGroupCannotWidenTheFilter() {
        assertThrows(SyncException.class, () -> Topics.sharedLookupFilter("a/#"));
        assertThrows(SyncException.class, () -> Topics.sharedLookupFilter(""));
    }
}
