package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The status server's request-head parser on generated input: whatever bytes a client on the
 * store network sends, the parser answers Incomplete, Complete or Malformed and never throws; a
 * well-formed head parses to what was sent, and no prefix of it counts as complete.
 */
class HttpHeadPropertiesTest {

    @Property(tries = 2000)
    void anyBytesGetAnAnswerAndNeverAnException(@ForAll @Size(max = 600) byte[] bytes) {
        HttpHead.Parse parse = HttpHead.parse(bytes, bytes.length);
        if (parse instanceof HttpHead.Parse.Complete complete) {
            assertTrue(complete.length() <= bytes.length, "the head ends inside what was received");
            assertTrue(
                    !complete.head().method().isEmpty() && complete.head().contentLength() >= 0, complete.toString());
        }
    }

    record Sent(String method, String path, Optional<String> token, long contentLength, String lineEnd) {
        byte[] bytes() {
            StringBuilder head = new StringBuilder(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1")
                    .append(lineEnd)
                    .append("Host: till")
                    .append(lineEnd);
            token.ifPresent(t ->
                    head.append("authorization:  Bearer ").append(t).append(' ').append(lineEnd));
            if (contentLength > 0) {
                head.append("Content-Length: ").append(contentLength).append(lineEnd);
            }
            return head.append(lineEnd).toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Provide
    Arbitrary<Sent> wellFormed() {
        return Combinators.combine(
                        Arbitraries.of("GET", "HEAD", "POST", "PUT"),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withChars('/', '.', '-', '?', '=')
                                .ofMaxLength(40)
                                .map(p -> "/" + p),
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .ofMinLength(1)
                                .ofMaxLength(64)
                                .optional(),
                        Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.of("\r\n", "\n"))
                .as(Sent::new);
    }

    @Property(tries = 1000)
    void aWellFormedHeadParsesToWhatWasSentAndNoPrefixIsComplete(@ForAll("wellFormed") Sent sent) {
        byte[] bytes = sent.bytes();
        HttpHead.Parse.Complete complete =
                assertInstanceOf(HttpHead.Parse.Complete.class, HttpHead.parse(bytes, bytes.length));
        assertEquals(bytes.length, complete.length(), "the whole head, its empty line included");
        assertEquals(sent.method(), complete.head().method());
        assertEquals(sent.path(), complete.head().target());
        assertEquals(sent.token().map(t -> "Bearer " + t), complete.head().authorization(), "the value, trimmed");
        assertEquals(sent.contentLength(), complete.head().contentLength());
        for (int cut = 0; cut < bytes.length; cut++) {
            assertInstanceOf(HttpHead.Parse.Incomplete.class, HttpHead.parse(bytes, cut), "a head cut at byte " + cut);
        }
    }
}
