package org.loyaltyterminal.sync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.sync.outbox.OutboxEvent;

class EventBatchTest {
    private final Json json = new Json();

    @Test
    void encodesTheEventsVerbatimBehindAHeader() {
        EventBatch batch = new EventBatch(
                "t1",
                "b00t",
                3,
                List.of(
                        new OutboxEvent(7, "{\"seq\":7,\"terminal\":\"t1\"}"),
                        new OutboxEvent(8, "{\"seq\":8,\"terminal\":\"t1\"}")));
        assertEquals(
                "{\"schema\":1," // batch format version
                        + "\"terminal\":\"t1\"," // who sent it: HQ de-duplicates by (terminal, seq)
                        + "\"bootId\":\"b00t\"," // which boot of the till
                        + "\"session\":3," // which connection
                        + "\"first\":7,\"last\":8," // the sequence range it covers
                        + "\"events\":[{\"seq\":7,\"terminal\":\"t1\"},{\"seq\":8,\"terminal\":\"t1\"}]}",
                new String(batch.encode(), StandardCharsets.UTF_8));
        EventBatch back = EventBatch.decode(batch.encode(), json);
        assertEquals(batch.events(), back.events());
        assertEquals(3, back.session());
    }

    @Test
    void aBatchWhoseEventsLieOutsideItsRangeOrNameAnotherTerminalIsRefused() {
        String outside = "{\"schema\":1,\"terminal\":\"t1\",\"bootId\":\"b\",\"session\":1,\"first\":1,\"last\":1,"
                + "\"events\":[{\"seq\":2,\"terminal\":\"t1\"}]}";
        assertTrue(assertThrows(
                        WireFormatException.class,
                        () -> EventBatch.decode(outside.getBytes(StandardCharsets.UTF_8), json))
                .getMessage()
                .contains("outside the batch"));
        String foreign = outside.replace("\"seq\":2,\"terminal\":\"t1\"", "\"seq\":1,\"terminal\":\"t2\"");
        assertTrue(assertThrows(
                        WireFormatException.class,
                        () -> EventBatch.decode(foreign.getBytes(StandardCharsets.UTF_8), json))
                .getMessage()
                .contains("another terminal"));
        String newer = outside.replace("\"schema\":1", "\"schema\":2");
        assertTrue(assertThrows(
                        WireFormatException.class,
                        () -> EventBatch.decode(newer.getBytes(StandardCharsets.UTF_8), json))
                .getMessage()
                .contains("newer"));
    }
}
