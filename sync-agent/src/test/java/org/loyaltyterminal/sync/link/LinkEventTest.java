package org.loyaltyterminal.sync.link;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A received message and a will are values: equal by their bytes, unchanged by the array they came from. */
class LinkEventTest {
    private static final String TOPIC = "loyalty/v1/c/s/t/acks";

    @Test
    void twoMessagesWithTheSameTopicAndBytesAreEqual() {
        byte[] payload = "{\"upTo\":5}".getBytes(UTF_8);
        LinkEvent.Message one = new LinkEvent.Message(TOPIC, payload);
        LinkEvent.Message other = new LinkEvent.Message(TOPIC, payload.clone());
        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, new LinkEvent.Message(TOPIC, "{\"upTo\":6}".getBytes(UTF_8)));
        assertEquals(new Will(TOPIC, payload), new Will(TOPIC, payload.clone()));
    }

    @Test
    void changingTheArrayAfterwardsChangesNeitherMessageNorWill() {
        byte[] payload = "{\"upTo\":5}".getBytes(UTF_8);
        LinkEvent.Message message = new LinkEvent.Message(TOPIC, payload);
        Will will = new Will(TOPIC, payload);
        payload[0] = '[';
        message.payload().toArray()[1] = 'x';
        assertArrayEquals("{\"upTo\":5}".getBytes(UTF_8), message.payload().toArray());
        assertArrayEquals("{\"upTo\":5}".getBytes(UTF_8), will.payload().toArray());
    }
}
