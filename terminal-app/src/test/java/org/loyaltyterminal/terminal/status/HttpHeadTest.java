package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request head parser on byte arrays: complete, incomplete and malformed heads. */
class HttpHeadTest {

    @Test
    void aCompleteHeadGivesMethodPathTokenAndItsLength() {
        byte[] bytes = bytes(
                "GET /status.json?x=1 HTTP/1.1\r\n" // request line; the query is not part of the path
                        + "Host: till-01\r\n"
                        + "authorization: Bearer abc\r\n" // names are case-insensitive
                        + "Authorization: Bearer second\r\n" // only the first counts
                        + "\r\n" // end of head
                        + "extra"); // the next bytes belong to no head
        HttpHead.Parse.Complete done =
                assertInstanceOf(HttpHead.Parse.Complete.class, HttpHead.parse(bytes, bytes.length));
        assertEquals("GET", done.head().method());
        assertEquals("/status.json", done.head().path());
        assertEquals(Optional.of("Bearer abc"), done.head().authorization());
        assertEquals(bytes.length - "extra".length(), done.length());
    }

    @Test
    void bareLineFeedsEndAHeadToo() {
        byte[] bytes = bytes("HEAD / HTTP/1.0\nContent-Length: 3\n\nabc");
        HttpHead.Parse.Complete done =
                assertInstanceOf(HttpHead.Parse.Complete.class, HttpHead.parse(bytes, bytes.length));
        assertEquals(3, done.head().contentLength());
        assertEquals(Optional.empty(), done.head().authorization());
    }

    @Test
    void aHeadStillArrivingIsIncomplete() {
        byte[] bytes = bytes("GET / HTTP/1.1\r\nHost: till-01\r\nX-Slow: aaaa");
        assertInstanceOf(HttpHead.Parse.Incomplete.class, HttpHead.parse(bytes, bytes.length));
        byte[] oneLine = bytes("GET / HTTP/1.1\r\n");
        assertInstanceOf(HttpHead.Parse.Incomplete.class, HttpHead.parse(oneLine, oneLine.length));
    }

    @Test
    void malformedHeadsSayWhy() {
        for (String head : new String[] {
            "GARBAGE\r\n\r\n",
            "GET / HTTP/2\r\n\r\n",
            "GET status HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n"
        }) {
            byte[] bytes = bytes(head);
            assertInstanceOf(HttpHead.Parse.Malformed.class, HttpHead.parse(bytes, bytes.length), head);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
